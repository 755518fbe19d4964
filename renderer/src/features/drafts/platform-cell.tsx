import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { DraftEntryDto, PlatformDto, PlatformPatch } from '../../../../shared/model';
import { checkPlatform, parseFeatures } from './draft-checks';
import { useDraftEditorStore, type PlatformField } from './state/draft-editor-store';

export const PLATFORM_FIELDS: PlatformField[] = ['os', 'architecture', 'variant', 'os.version', 'os.features'];

const FIELD_LABEL: Record<PlatformField, string> = {
  os: 'OS',
  architecture: 'architecture',
  variant: 'variant',
  'os.version': 'os.version',
  'os.features': 'os.features',
};

export function fieldText(p: PlatformDto | undefined, field: PlatformField): string {
  if (p === undefined) return '';
  if (field === 'os.features') return (p['os.features'] ?? []).join(', ');
  return p[field] ?? '';
}

export function patchFor(field: PlatformField, text: string): PlatformPatch {
  if (field === 'os.features') return { 'os.features': parseFeatures(text) };
  // An empty variant or os.version removes the field; os and architecture are never empty on the wire.
  return { [field]: text.trim() };
}

function withField(p: PlatformDto | undefined, field: PlatformField, text: string): PlatformDto {
  const base: PlatformDto = p ?? { os: '', architecture: '' };
  if (field === 'os.features') return { ...base, 'os.features': parseFeatures(text) };
  return { ...base, [field]: text.trim() === '' ? undefined : text.trim() };
}

/**
 * One editable platform cell. Click, F2 or typing starts an edit; Enter or Tab commits (Tab moves to the
 * next field), Escape cancels. Warnings update as you type and never block the commit.
 */
export function PlatformCell({
  entry,
  field,
  onCommit,
}: {
  entry: DraftEntryDto;
  field: PlatformField;
  onCommit: (entryRef: string, patch: PlatformPatch) => void;
}) {
  const editing = useDraftEditorStore((s) => s.editing);
  const startEdit = useDraftEditorStore((s) => s.startEdit);
  const isEditing = editing?.entryRef === entry.ref && editing.field === field;
  const value = fieldText(entry.descriptor.platform, field);
  if (!isEditing) {
    return (
      <button
        type="button"
        className="cell-button"
        tabIndex={-1}
        aria-label={`Edit ${FIELD_LABEL[field]} of ${entry.ref}`}
        data-testid={`cell-${field}`}
        onClick={(e) => {
          e.stopPropagation();
          startEdit({ entryRef: entry.ref, field });
        }}
      >
        {value === '' ? <span className="muted">—</span> : value}
      </button>
    );
  }
  return <CellEditor entry={entry} field={field} initial={value} onCommit={onCommit} />;
}

function CellEditor({
  entry,
  field,
  initial,
  onCommit,
}: {
  entry: DraftEntryDto;
  field: PlatformField;
  initial: string;
  onCommit: (entryRef: string, patch: PlatformPatch) => void;
}) {
  const [text, setText] = useState(initial);
  const anchor = useRef<HTMLInputElement>(null);
  const stopEdit = useDraftEditorStore((s) => s.stopEdit);
  const startEdit = useDraftEditorStore((s) => s.startEdit);
  const warnings = checkPlatform(withField(entry.descriptor.platform, field, text), entry.configPlatform);
  // Enter, Tab and Escape end the edit; the blur that may follow the input's removal must not commit again.
  const ended = useRef(false);
  const commit = () => {
    if (ended.current) return;
    ended.current = true;
    if (text !== initial) onCommit(entry.ref, patchFor(field, text));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // The grid must not see keys typed into the cell (arrows move the caret here, not the selection).
    e.stopPropagation();
    // Give the keyboard back to the grid, or the next arrow key would go nowhere.
    const grid = e.currentTarget.closest<HTMLElement>('[role="grid"]');
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
      stopEdit();
      grid?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      ended.current = true;
      stopEdit();
      grid?.focus();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      commit();
      const i = PLATFORM_FIELDS.indexOf(field) + (e.shiftKey ? -1 : 1);
      const next = PLATFORM_FIELDS[i];
      if (next === undefined) stopEdit();
      else startEdit({ entryRef: entry.ref, field: next });
    }
  };
  return (
    <div className="cell-editor">
      <input
        ref={anchor}
        className="input input-cell mono"
        value={text}
        autoFocus
        aria-label={`${FIELD_LABEL[field]} of ${entry.ref}`}
        aria-invalid={warnings.length > 0}
        data-testid={`cell-input-${field}`}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
        onBlur={() => {
          if (ended.current) return;
          commit();
          stopEdit();
        }}
      />
      {warnings.length > 0 && <WarningsPopover anchor={anchor} messages={warnings.map((w) => w.message)} />}
    </div>
  );
}

/**
 * The live warnings under the cell being edited. Rendered into <body> at fixed coordinates, because the
 * grid's scroll box would clip anything hanging below its last rows. Positioned through the CSSOM (React's
 * style prop), which the page's `style-src 'self'` allows, unlike a style attribute in markup.
 */
function WarningsPopover({ anchor, messages }: { anchor: React.RefObject<HTMLInputElement | null>; messages: string[] }) {
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    const place = () => {
      const r = anchor.current?.getBoundingClientRect();
      if (r !== undefined) setPos({ top: r.bottom + 2, left: r.left });
    };
    place();
    // Follow the cell when any scroll box or the window moves it.
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [anchor]);
  return createPortal(
    <ul className="cell-warnings" role="status" data-testid="cell-warnings" style={pos ?? undefined}>
      {messages.map((m) => (
        <li key={m}>⚠ {m}</li>
      ))}
    </ul>,
    document.body,
  );
}
