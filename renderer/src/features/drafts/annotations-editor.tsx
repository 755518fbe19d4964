import { useState } from 'react';

interface Pair {
  id: number;
  key: string;
  value: string;
}

let nextId = 1;
const toPairs = (a: Record<string, string>): Pair[] => Object.entries(a).map(([key, value]) => ({ id: nextId++, key, value }));

/**
 * Key/value editor for OCI annotations. Saves the whole map at once. Disabled (with the reason shown)
 * when the list is a Docker manifest list, whose format has no place for annotations.
 */
export function AnnotationsEditor({
  label,
  annotations,
  disabledReason,
  saving,
  onSave,
  testId,
}: {
  label: string;
  annotations: Record<string, string>;
  disabledReason?: string;
  saving: boolean;
  onSave: (a: Record<string, string>) => void;
  testId: string;
}) {
  const [pairs, setPairs] = useState<Pair[]>(() => toPairs(annotations));
  const disabled = disabledReason !== undefined;
  const keys = pairs.map((p) => p.key.trim()).filter((k) => k !== '');
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  const original = JSON.stringify(annotations);
  const current = Object.fromEntries(pairs.filter((p) => p.key.trim() !== '').map((p) => [p.key.trim(), p.value]));
  const dirty = JSON.stringify(current) !== original;
  const set = (id: number, patch: Partial<Pair>) => setPairs((ps) => ps.map((p) => (p.id === id ? { ...p, ...patch } : p)));

  return (
    <fieldset className="annotations" disabled={disabled} data-testid={testId} aria-describedby={disabled ? `${testId}-why` : undefined}>
      <legend>{label}</legend>
      {disabled && (
        <p className="notice" id={`${testId}-why`} data-testid={`${testId}-disabled`}>
          {disabledReason}
        </p>
      )}
      {pairs.length === 0 && !disabled && <p className="muted">No annotations.</p>}
      {pairs.map((p) => (
        <div className="annotation-row" key={p.id}>
          <input
            className="input mono"
            value={p.key}
            placeholder="org.opencontainers.image.source"
            aria-label="Annotation key"
            onChange={(e) => set(p.id, { key: e.target.value })}
          />
          <input
            className="input mono grow"
            value={p.value}
            placeholder="value"
            aria-label={`Value of ${p.key || 'annotation'}`}
            onChange={(e) => set(p.id, { value: e.target.value })}
          />
          <button
            type="button"
            className="btn-icon"
            aria-label={`Remove annotation ${p.key}`}
            onClick={() => setPairs((ps) => ps.filter((x) => x.id !== p.id))}
          >
            ✕
          </button>
        </div>
      ))}
      {duplicate !== undefined && <p className="warn-text">Key {duplicate} appears twice; the last value wins.</p>}
      <div className="annotation-actions">
        <button
          type="button"
          className="btn"
          onClick={() => setPairs((ps) => [...ps, { id: nextId++, key: '', value: '' }])}
          data-testid={`${testId}-add`}
        >
          Add annotation
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!dirty || saving}
          onClick={() => onSave(current)}
          data-testid={`${testId}-save`}
        >
          {saving ? 'Saving…' : 'Save annotations'}
        </button>
        {dirty && (
          <button type="button" className="btn" onClick={() => setPairs(toPairs(annotations))}>
            Revert
          </button>
        )}
      </div>
    </fieldset>
  );
}
