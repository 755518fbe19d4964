import { useCallback, useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  key: string;
  header: string;
  /** A CSS grid track, e.g. `minmax(80px, 1fr)` or `120px`. */
  width: string;
  render: (row: T, index: number) => ReactNode;
  className?: string;
}

export interface DataGridProps<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  getRowId: (row: T) => string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Enter or double click on a row. */
  onOpen?: (id: string) => void;
  /** Keys the grid does not handle itself (reorder, delete); return true when handled. */
  onRowKey?: (ev: KeyboardEvent, id: string, index: number) => boolean;
  rowTestId?: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  testId?: string;
  /** Above this many rows only the visible ones are rendered. */
  virtualizeOver?: number;
  rowHeight?: number;
}

const ROW_HEIGHT = 30;

/**
 * A dense, keyboard-driven table: one tab stop; arrows move the selection, Home/End jump, Enter opens.
 * Rows are divs in an ARIA grid so long lists can be virtualised without breaking table layout.
 */
export function DataGrid<T>(props: DataGridProps<T>) {
  const { rows, columns, getRowId, selectedId, onSelect, onOpen, onRowKey, label, testId } = props;
  const baseId = useId();
  const template = columns.map((c) => c.width).join(' ');
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => getRowId(r) === selectedId);
  const virtual = rows.length > (props.virtualizeOver ?? 50);
  const scrollToRef = useRef<((index: number) => void) | null>(null);

  const move = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      const row = rows[clamped];
      if (row === undefined) return;
      onSelect(getRowId(row));
      scrollToRef.current?.(clamped);
    },
    [rows, onSelect, getRowId],
  );

  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const current = selectedIndex;
    const currentRow = current >= 0 ? rows[current] : undefined;
    if (currentRow !== undefined && onRowKey?.(ev, getRowId(currentRow), current) === true) {
      ev.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor(((ev.currentTarget.clientHeight || 300) - ROW_HEIGHT) / ROW_HEIGHT));
    const next: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current < 0 ? 0 : current - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: current + page,
      PageUp: current - page,
    };
    const target = next[ev.key];
    if (target !== undefined && !ev.altKey && !ev.ctrlKey && !ev.metaKey) {
      ev.preventDefault();
      move(target);
    } else if (ev.key === 'Enter' && currentRow !== undefined && onOpen !== undefined) {
      ev.preventDefault();
      onOpen(getRowId(currentRow));
    }
  };

  const rowId = (id: string) => `${baseId}-row-${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const renderRow = (row: T, index: number, style?: React.CSSProperties) => {
    const id = getRowId(row);
    const selected = id === selectedId;
    return (
      <div
        key={id}
        id={rowId(id)}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        className={`grid-row${selected ? ' selected' : ''}${props.rowClassName?.(row) ? ` ${props.rowClassName(row)}` : ''}`}
        data-testid={props.rowTestId?.(row)}
        data-row-id={id}
        style={{ gridTemplateColumns: template, ...style }}
        onClick={() => onSelect(id)}
        onDoubleClick={() => onOpen?.(id)}
      >
        {columns.map((c) => (
          <div key={c.key} role="gridcell" className={`grid-cell${c.className ? ` ${c.className}` : ''}`}>
            {c.render(row, index)}
          </div>
        ))}
      </div>
    );
  };

  return (
    <div
      className="grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedId !== null && selectedIndex >= 0 ? rowId(selectedId) : undefined}
      tabIndex={0}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-header" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className={`grid-cell${c.className ? ` ${c.className}` : ''}`}>
            {c.header}
          </div>
        ))}
      </div>
      {virtual ? (
        <VirtualBody rows={rows} renderRow={renderRow} scrollToRef={scrollToRef} rowHeight={props.rowHeight ?? ROW_HEIGHT} />
      ) : (
        <PlainBody rows={rows} renderRow={renderRow} scrollToRef={scrollToRef} />
      )}
    </div>
  );
}

interface BodyProps<T> {
  rows: readonly T[];
  renderRow: (row: T, index: number, style?: React.CSSProperties) => ReactNode;
  scrollToRef: React.MutableRefObject<((index: number) => void) | null>;
}

function PlainBody<T>({ rows, renderRow, scrollToRef }: BodyProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scrollToRef.current = (index) => {
      const el = ref.current?.children[index];
      // jsdom has no layout, hence no scrollIntoView.
      if (el instanceof HTMLElement && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
    };
  }, [scrollToRef]);
  return (
    <div className="grid-body" ref={ref} role="rowgroup">
      {rows.map((r, i) => renderRow(r, i))}
    </div>
  );
}

function VirtualBody<T>({ rows, renderRow, scrollToRef, rowHeight }: BodyProps<T> & { rowHeight: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => ref.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // Without layout (tests, first paint) still render a screenful.
    initialRect: { width: 1000, height: 600 },
  });
  useEffect(() => {
    scrollToRef.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [scrollToRef, virtualizer]);
  return (
    <div className="grid-body grid-body-virtual" ref={ref} role="rowgroup" data-virtualized="true">
      <div className="grid-spacer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          return renderRow(row, item.index, {
            position: 'absolute',
            top: 0,
            left: 0,
            right: 0,
            height: item.size,
            transform: `translateY(${item.start}px)`,
          });
        })}
      </div>
    </div>
  );
}
