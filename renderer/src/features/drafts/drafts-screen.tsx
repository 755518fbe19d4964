import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keys, useApi, useDrafts } from '../../data';
import { useUiStore } from '../../state';
import { Badge, Dialog, EmptyState, ErrorView, Loading } from '../../ui';
import { DraftEditor } from './draft-editor';

export function DraftsScreen() {
  const drafts = useDrafts();
  const openRef = useUiStore((s) => s.openDraftRef);
  const openDraft = useUiStore((s) => s.openDraft);
  const [creating, setCreating] = useState(false);
  const summary = drafts.data?.find((d) => d.ref === openRef);

  return (
    <div className="screen split" data-testid="drafts-screen">
      <nav className="list-pane" aria-label="Drafts">
        <div className="list-pane-header">
          <span className="strong">Drafts</span>
          <button type="button" className="btn btn-small push-right" onClick={() => setCreating(true)} data-testid="draft-new">
            New…
          </button>
        </div>
        {drafts.isPending ? (
          <Loading label="Reading drafts…" />
        ) : drafts.isError ? (
          <ErrorView error={drafts.error} title="Could not list drafts" onRetry={() => void drafts.refetch()} />
        ) : drafts.data.length === 0 ? (
          <EmptyState title="No drafts yet" testId="drafts-empty">
            Create one with “New…”, or inspect a list and choose “Edit as draft”. Drafts made with{' '}
            <code>docker manifest create</code> appear here too.
          </EmptyState>
        ) : (
          <ul className="nav-list" role="listbox" aria-label="Draft lists">
            {drafts.data.map((d) => (
              <li
                key={d.id}
                role="option"
                aria-selected={d.ref === openRef}
                tabIndex={0}
                className={`nav-item${d.ref === openRef ? ' selected' : ''}`}
                data-testid={`draft-item-${d.id}`}
                onClick={() => openDraft(d.ref)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    openDraft(d.ref);
                  }
                }}
              >
                <span className="mono ellipsis" title={d.ref}>
                  {d.ref}
                </span>
                <span className="nav-item-meta">
                  {d.entryCount} {d.entryCount === 1 ? 'entry' : 'entries'}
                  {d.refGuessed && (
                    <Badge tone="warn" title="The reference was reconstructed from docker's directory name">
                      name guessed
                    </Badge>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <div className="detail-pane">
        {openRef === null ? (
          <EmptyState title="No draft open" testId="draft-none">
            Pick a draft on the left, or create one. A draft is a local list (docker manifest create) you can edit
            freely; nothing reaches a registry until you push.
          </EmptyState>
        ) : (
          <DraftEditor key={openRef} draftRef={openRef} summary={summary} />
        )}
      </div>
      {creating && <NewDraftDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function NewDraftDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const openDraft = useUiStore((s) => s.openDraft);
  const [ref, setRef] = useState('');
  const create = useMutation({
    mutationFn: () => api.invoke('drafts.create', { ref: ref.trim() }),
    onSuccess: (view) => {
      qc.setQueryData(keys.draft(view.ref), view);
      void qc.invalidateQueries({ queryKey: keys.drafts() });
      onClose();
      openDraft(view.ref);
    },
  });
  return (
    <Dialog
      title="New draft"
      onClose={onClose}
      testId="new-draft-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="new-draft-form"
            className="btn btn-primary"
            disabled={ref.trim() === '' || create.isPending}
            data-testid="new-draft-confirm"
          >
            Create
          </button>
        </>
      }
    >
      <form
        id="new-draft-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ref.trim() !== '') create.mutate();
        }}
      >
        <label className="field">
          <span>List reference (where push will write it)</span>
          <input
            className="input mono"
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            placeholder="registry.example.com/team/app:1.2"
            aria-label="List reference"
            data-testid="new-draft-ref"
            spellCheck={false}
          />
        </label>
        {create.isError && <ErrorView error={create.error} testId="new-draft-error" />}
      </form>
    </Dialog>
  );
}
