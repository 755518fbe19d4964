import { useMemo, useState } from 'react';
import { formatPlatform, platformKey } from '../../../../shared/platform';
import type { DraftView, InspectResult } from '../../../../shared/model';
import { foldList, type MatrixRow } from '../../images';
import { Dialog, Digest, ErrorView, Loading, formatBytes, formatPlatformText, mediaKindLabel } from '../../ui';
import { useAddImage } from './api/draft-mutations';
import { useImageLookup } from './api/image-lookup';

/**
 * Add an image by reference. The reference is inspected first: a single image is added as is; a list
 * shows its platforms to choose from (attestations are not offered: main keeps them with their image).
 */
export function AddImageDialog({ draft, onClose }: { draft: DraftView; onClose: () => void }) {
  const [text, setText] = useState('');
  const [lookup, setLookup] = useState<string | null>(null);
  const inspect = useImageLookup(lookup);
  const add = useAddImage();
  const [chosen, setChosen] = useState<Set<string> | null>(null);

  const existing = useMemo(
    () => new Set(draft.entries.flatMap((e) => (e.descriptor.platform ? [platformKey(e.descriptor.platform)] : []))),
    [draft.entries],
  );
  const rows = useMemo(() => (inspect.data?.kind === 'list' ? foldList(inspect.data.list).rows : []), [inspect.data]);
  const keyOf = (r: MatrixRow) => (r.platform ? platformKey(r.platform) : r.id);
  // Until the user touches a box, every platform not already in the draft is chosen.
  const selected = chosen ?? new Set(rows.map(keyOf).filter((k) => !existing.has(k)));

  const submit = () => {
    if (lookup === null || inspect.data === undefined) return;
    const platforms = inspect.data.kind === 'list' ? [...selected] : undefined;
    add.mutate({ draftRef: draft.ref, imageRef: lookup, platforms }, { onSuccess: onClose });
  };
  const canAdd = inspect.isSuccess && (inspect.data.kind === 'image' || selected.size > 0) && !add.isPending;

  return (
    <Dialog
      title={`Add image to ${draft.ref}`}
      onClose={onClose}
      testId="add-image-dialog"
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!canAdd} onClick={submit} data-testid="add-image-confirm">
            {add.isPending ? 'Adding…' : inspect.data?.kind === 'list' ? `Add ${selected.size} platform(s)` : 'Add image'}
          </button>
        </>
      }
    >
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setChosen(null);
          setLookup(text.trim() === '' ? null : text.trim());
        }}
      >
        <input
          className="input mono grow"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="registry/repo:tag or registry/repo@sha256:…"
          aria-label="Image to add"
          data-testid="add-image-ref"
          spellCheck={false}
        />
        <button type="submit" className="btn" disabled={text.trim() === ''} data-testid="add-image-lookup">
          Look up
        </button>
      </form>
      {lookup !== null && inspect.isPending && <Loading label={`Inspecting ${lookup}…`} />}
      {inspect.isError && <ErrorView error={inspect.error} title={`Could not inspect ${lookup ?? ''}`} testId="add-image-error" />}
      {inspect.isSuccess && (
        <LookupResult
          result={inspect.data}
          rows={rows}
          keyOf={keyOf}
          existing={existing}
          selected={selected}
          onToggle={(k) => {
            const next = new Set(selected);
            if (next.has(k)) next.delete(k);
            else next.add(k);
            setChosen(next);
          }}
        />
      )}
      {add.isError && <ErrorView error={add.error} title="Could not add to the draft" testId="add-image-add-error" />}
    </Dialog>
  );
}

function LookupResult({
  result,
  rows,
  keyOf,
  existing,
  selected,
  onToggle,
}: {
  result: InspectResult;
  rows: MatrixRow[];
  keyOf: (r: MatrixRow) => string;
  existing: Set<string>;
  selected: Set<string>;
  onToggle: (k: string) => void;
}) {
  if (result.kind === 'image') {
    const img = result.image;
    const p = img.config?.platform ?? img.descriptor.platform;
    return (
      <div className="lookup-image" data-testid="add-image-single">
        <strong>{formatPlatformText(p)}</strong> · {mediaKindLabel(img.descriptor.mediaType)} ·{' '}
        {formatBytes(img.totalSize)} <Digest value={img.descriptor.digest} />
        {p !== undefined && existing.has(platformKey(p)) && (
          <p className="warn-text">⚠ The draft already has an entry for this platform.</p>
        )}
      </div>
    );
  }
  return (
    <fieldset className="platform-chooser" data-testid="add-image-platforms">
      <legend>
        {mediaKindLabel(result.list.descriptor.mediaType)} with {rows.length} platforms — choose which to add
      </legend>
      {rows.map((r) => {
        const k = keyOf(r);
        return (
          <label key={r.id} className="checkbox chooser-row">
            <input type="checkbox" checked={selected.has(k)} onChange={() => onToggle(k)} data-testid={`choose-${r.platform ? formatPlatform(r.platform) : r.id}`} />
            <span className="mono">{formatPlatformText(r.platform)}</span>
            <Digest value={r.id} />
            {existing.has(k) && <span className="warn-text">already in draft</span>}
            {r.attestations.length > 0 && <span className="muted">+ attestations</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
