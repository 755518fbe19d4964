import type { KeyboardEvent } from 'react';
import type { DraftEntryDto, PlatformPatch } from '../../../../shared/model';
import { Badge, DataGrid, Digest, formatBytes, type Column } from '../../ui';
import type { RowWarning } from './draft-checks';
import { PlatformCell } from './platform-cell';
import { useDraftEditorStore } from './state/draft-editor-store';

export interface DraftRowActions {
  onCommit: (entryRef: string, patch: PlatformPatch) => void;
  onMove: (entryRef: string, delta: -1 | 1) => void;
  onRemove: (entryRef: string) => void;
}

interface Row {
  entry: DraftEntryDto;
  index: number;
  count: number;
  warnings: RowWarning[];
}

/** `registry/team/app@sha256:abcd…` → `team/app@sha256:abcdef12` — the part that tells rows apart. */
function shortRef(ref: string): string {
  const at = ref.indexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  const tail = name.split('/').slice(-2).join('/');
  return at < 0 ? tail : `${tail}@${ref.slice(at + 1, at + 1 + 15)}`;
}

function columns(a: DraftRowActions): Column<Row>[] {
  const cell = (field: Parameters<typeof PlatformCell>[0]['field']) => (r: Row) => (
    <PlatformCell entry={r.entry} field={field} onCommit={a.onCommit} />
  );
  return [
    { key: 'n', header: '#', width: '34px', className: 'num', render: (r) => r.index + 1 },
    {
      key: 'ref',
      header: 'Image',
      width: 'minmax(140px, 1.4fr)',
      render: (r) => (
        <span className="mono ellipsis" title={r.entry.ref}>
          {shortRef(r.entry.ref)}
        </span>
      ),
    },
    { key: 'os', header: 'OS', width: 'minmax(84px, 0.7fr)', render: cell('os'), className: 'editable' },
    { key: 'arch', header: 'Architecture', width: 'minmax(112px, 0.8fr)', render: cell('architecture'), className: 'editable' },
    { key: 'variant', header: 'Variant', width: 'minmax(72px, 0.5fr)', render: cell('variant'), className: 'editable' },
    { key: 'osver', header: 'os.version', width: 'minmax(136px, 1fr)', render: cell('os.version'), className: 'editable' },
    { key: 'osfeat', header: 'os.features', width: 'minmax(104px, 0.7fr)', render: cell('os.features'), className: 'editable' },
    { key: 'digest', header: 'Digest', width: 'minmax(176px, 0.8fr)', render: (r) => <Digest value={r.entry.descriptor.digest} /> },
    { key: 'size', header: 'Size', width: '70px', className: 'num', render: (r) => formatBytes(r.entry.descriptor.size) },
    {
      key: 'warn',
      header: 'Checks',
      width: '74px',
      render: (r) =>
        r.warnings.length === 0 ? (
          <span className="ok-text" aria-label="No warnings">✓</span>
        ) : (
          <Badge tone="warn" testId="row-warnings" title={r.warnings.map((w) => w.message).join('\n')}>
            ⚠ {r.warnings.length}
          </Badge>
        ),
    },
    {
      key: 'actions',
      header: '',
      width: '92px',
      render: (r) => (
        <span className="row-actions">
          <button type="button" className="btn-icon" tabIndex={-1} aria-label={`Move ${r.entry.ref} up`} disabled={r.index === 0} onClick={(e) => { e.stopPropagation(); a.onMove(r.entry.ref, -1); }} data-testid="row-up">↑</button>
          <button type="button" className="btn-icon" tabIndex={-1} aria-label={`Move ${r.entry.ref} down`} disabled={r.index === r.count - 1} onClick={(e) => { e.stopPropagation(); a.onMove(r.entry.ref, 1); }} data-testid="row-down">↓</button>
          <button type="button" className="btn-icon danger" tabIndex={-1} aria-label={`Remove ${r.entry.ref}`} onClick={(e) => { e.stopPropagation(); a.onRemove(r.entry.ref); }} data-testid="row-remove">✕</button>
        </span>
      ),
    },
  ];
}

/**
 * The draft as an editable matrix. Keys: ↑/↓ select, Enter opens the entry's details, F2 edits its OS
 * (Tab walks the platform fields), Alt+↑/↓ moves the row, Delete removes it.
 */
export function DraftMatrix({
  entries,
  warnings,
  actions,
}: {
  entries: DraftEntryDto[];
  warnings: Map<string, RowWarning[]>;
  actions: DraftRowActions;
}) {
  const { selectedEntryRef, select, startEdit, setDetailsOpen } = useDraftEditorStore();
  const rows: Row[] = entries.map((entry, index) => ({
    entry,
    index,
    count: entries.length,
    warnings: warnings.get(entry.ref) ?? [],
  }));
  const onRowKey = (e: KeyboardEvent, id: string): boolean => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      actions.onMove(id, e.key === 'ArrowUp' ? -1 : 1);
      return true;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      actions.onRemove(id);
      return true;
    }
    if (e.key === 'F2') {
      startEdit({ entryRef: id, field: 'os' });
      return true;
    }
    return false;
  };
  return (
    <DataGrid
      label="Draft entries"
      testId="draft-matrix"
      rows={rows}
      columns={columns(actions)}
      getRowId={(r) => r.entry.ref}
      selectedId={selectedEntryRef}
      onSelect={select}
      onOpen={(id) => {
        select(id);
        setDetailsOpen(true);
      }}
      onRowKey={onRowKey}
      rowTestId={(r) => `draft-row-${r.index}`}
      rowClassName={(r) => (r.warnings.length > 0 ? 'row-warn' : undefined)}
    />
  );
}
