import { useState } from 'react';
import { useNavigationStore, useScreenRoute } from '../../navigation';
import { Badge, EmptyState, ErrorView, Loading } from '../../ui';
import { useDrafts } from './api/draft-queries';
import { DraftEditor } from './draft-editor';
import { EditAsDraftDialog } from './edit-as-draft-dialog';
import { NewDraftDialog } from './new-draft-dialog';

export function DraftsScreen() {
  const drafts = useDrafts();
  const route = useScreenRoute('drafts');
  const openRef = route.draftRef ?? null;
  const navigate = useNavigationStore((s) => s.navigate);
  const openDraft = (ref: string) => navigate({ screen: 'drafts', draftRef: ref });
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
      {route.copyFrom !== undefined && <EditAsDraftDialog key={route.copyFrom} remoteRef={route.copyFrom} />}
    </div>
  );
}
