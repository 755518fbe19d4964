import { useEffect, useMemo, useState } from 'react';
import { MediaType } from '../../../../shared/oci';
import type { DraftSummary, DraftView } from '../../../../shared/model';
import { Badge, Digest, EmptyState, ErrorView, Loading } from '../../ui';
import { AddImageDialog } from './add-image-dialog';
import { AnnotationsEditor } from './annotations-editor';
import {
  useDeleteDraft,
  useRemoveEntry,
  useReorderEntries,
  useSetAnnotations,
  useSetMediaType,
  useSetPlatform,
} from './api/draft-mutations';
import { useDraft } from './api/draft-queries';
import { draftWarnings } from './draft-checks';
import { DraftMatrix } from './draft-matrix';
import { EntryDetails } from './entry-details';
import { PushDialog } from './push-dialog';
import { useDraftEditorStore } from './state/draft-editor-store';

const DOCKER_NO_ANNOTATIONS =
  'Docker manifest lists have no annotations field. Choose "OCI image index" above to add annotations; ' +
  'registries and clients that read OCI indexes will see them.';

export function DraftEditor({ draftRef, summary }: { draftRef: string; summary: DraftSummary | undefined }) {
  const query = useDraft(draftRef);
  const reset = useDraftEditorStore((s) => s.reset);
  useEffect(() => reset, [draftRef, reset]);
  if (query.isPending) return <Loading label={`Reading draft ${draftRef}…`} />;
  if (query.isError) {
    return <ErrorView error={query.error} title={`Could not read draft ${draftRef}`} onRetry={() => void query.refetch()} testId="draft-error" />;
  }
  return <DraftBody draft={query.data} refGuessed={summary?.refGuessed ?? false} />;
}

function DraftBody({ draft, refGuessed }: { draft: DraftView; refGuessed: boolean }) {
  const ed = useDraftEditorStore();
  const setPlatform = useSetPlatform();
  const reorder = useReorderEntries();
  const remove = useRemoveEntry();
  const setMediaType = useSetMediaType();
  const setAnnotations = useSetAnnotations();
  const warnings = useMemo(() => draftWarnings(draft.entries), [draft.entries]);
  const isDocker = draft.mediaType === MediaType.DockerManifestList;
  const failed = [setPlatform, reorder, remove, setMediaType, setAnnotations].find((m) => m.isError);

  const move = (entryRef: string, delta: -1 | 1) => {
    const refs = draft.entries.map((e) => e.ref);
    const i = refs.indexOf(entryRef);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= refs.length) return;
    [refs[i], refs[j]] = [refs[j] as string, refs[i] as string];
    reorder.mutate({ draftRef: draft.ref, entryRefs: refs });
  };
  const removeEntry = (entryRef: string) => {
    const i = draft.entries.findIndex((e) => e.ref === entryRef);
    // Keep a selection so the keyboard user can go on deleting or moving.
    const neighbour = draft.entries[i + 1] ?? draft.entries[i - 1];
    ed.select(neighbour?.ref ?? null);
    remove.mutate({ draftRef: draft.ref, entryRef });
  };
  const selected = draft.entries.find((e) => e.ref === ed.selectedEntryRef);

  return (
    <div className="draft-editor" data-testid="draft-editor">
      <DraftHeader draft={draft} refGuessed={refGuessed} />
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => ed.setAddOpen(true)} data-testid="draft-add-image">
          Add image…
        </button>
        <label className="field-inline">
          <span>List type</span>
          <select
            className="input"
            aria-label="List media type"
            data-testid="draft-media-type"
            value={draft.mediaTypeChosen ? draft.mediaType : 'auto'}
            onChange={(e) =>
              setMediaType.mutate({
                draftRef: draft.ref,
                mediaType:
                  e.target.value === MediaType.DockerManifestList || e.target.value === MediaType.OciIndex
                    ? e.target.value
                    : null,
              })
            }
          >
            <option value="auto">
              Auto ({isDocker ? 'Docker manifest list' : 'OCI image index'}, from the first entry, as docker does)
            </option>
            <option value={MediaType.DockerManifestList}>Docker manifest list</option>
            <option value={MediaType.OciIndex}>OCI image index</option>
          </select>
        </label>
        <span className="push-right list-digest" title="The digest of the list push would write, over its exact bytes">
          <span className="muted">List digest</span>
          {draft.listDigest !== undefined ? (
            <Digest value={draft.listDigest} testId="draft-list-digest" />
          ) : (
            <span className="muted">— (empty)</span>
          )}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          disabled={draft.entries.length === 0}
          title={draft.entries.length === 0 ? 'Add at least one image first' : undefined}
          onClick={() => ed.setPushOpen(true)}
          data-testid="draft-push"
        >
          Push…
        </button>
      </div>
      {draft.problems.length > 0 && (
        <ul className="notice warning-list" aria-label="Problems" data-testid="draft-problems">
          {draft.problems.map((p) => (
            <li key={p}>⚠ {p}</li>
          ))}
        </ul>
      )}
      {failed !== undefined && (
        <div className="dismissable">
          <ErrorView error={failed.error} title="The change was not saved" testId="draft-mutation-error" />
          <button type="button" className="btn" onClick={() => failed.reset()}>
            Dismiss
          </button>
        </div>
      )}
      <div className="editor-main">
        {draft.entries.length === 0 ? (
          <EmptyState title="This draft is empty" testId="draft-empty">
            Press “Add image…” and give a reference. A multi-platform list lets you choose which platforms to take.
          </EmptyState>
        ) : (
          <div className="grow">
            <DraftMatrix
              entries={draft.entries}
              warnings={warnings}
              actions={{
                onCommit: (entryRef, patch) => setPlatform.mutate({ draftRef: draft.ref, entryRef, patch }),
                onMove: move,
                onRemove: removeEntry,
              }}
            />
            <div className="hint-line">
              Click a platform cell or press F2 to edit (Tab to the next field). Alt+↑/↓ moves a row, Delete removes
              it, Enter opens its details.
            </div>
          </div>
        )}
        {ed.detailsOpen && selected !== undefined && (
          <EntryDetails
            entry={selected}
            warnings={warnings.get(selected.ref) ?? []}
            annotationsDisabled={isDocker ? DOCKER_NO_ANNOTATIONS : undefined}
            saving={setAnnotations.isPending}
            onSaveAnnotations={(annotations) =>
              setAnnotations.mutate({ draftRef: draft.ref, target: { kind: 'entry', entryRef: selected.ref }, annotations })
            }
            onFix={(patch) => setPlatform.mutate({ draftRef: draft.ref, entryRef: selected.ref, patch })}
            onClose={() => ed.setDetailsOpen(false)}
          />
        )}
      </div>
      <details className="index-annotations" open={!isDocker && Object.keys(draft.annotations).length > 0}>
        <summary>Index annotations ({Object.keys(draft.annotations).length})</summary>
        <AnnotationsEditor
          key={JSON.stringify(draft.annotations)}
          label="Annotations on the list itself"
          annotations={draft.annotations}
          disabledReason={isDocker ? DOCKER_NO_ANNOTATIONS : undefined}
          saving={setAnnotations.isPending}
          onSave={(annotations) => setAnnotations.mutate({ draftRef: draft.ref, target: { kind: 'index' }, annotations })}
          testId="index-annotations"
        />
      </details>
      {ed.addOpen && <AddImageDialog draft={draft} onClose={() => ed.setAddOpen(false)} />}
      {ed.pushOpen && <PushDialog draftRef={draft.ref} onClose={() => ed.setPushOpen(false)} />}
    </div>
  );
}

function DraftHeader({ draft, refGuessed }: { draft: DraftView; refGuessed: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const del = useDeleteDraft();
  return (
    <header className="result-header">
      <div className="result-title">
        <span className="mono strong" data-testid="draft-ref">
          {draft.ref}
        </span>
        {refGuessed && (
          <Badge tone="warn" title="docker's store keeps only a file-system-safe name; the original reference was reconstructed and may differ (e.g. '-' vs ':').">
            name guessed
          </Badge>
        )}
        <span className="muted">{draft.entries.length} entries</span>
        <span className="push-right toolbar-inline">
          {confirming ? (
            <>
              <span>Delete this draft? (The registry is not touched.)</span>
              <button type="button" className="btn btn-danger" onClick={() => del.mutate(draft.ref)} data-testid="draft-delete-confirm">
                Delete
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn" onClick={() => setConfirming(true)} data-testid="draft-delete">
              Delete draft
            </button>
          )}
        </span>
      </div>
      {del.isError && <ErrorView error={del.error} title="Could not delete the draft" />}
    </header>
  );
}
