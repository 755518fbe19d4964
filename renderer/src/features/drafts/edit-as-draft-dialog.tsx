import { useState } from 'react';
import { useNavigationStore } from '../../navigation';
import { Dialog, ErrorView } from '../../ui';
import { useCreateDraft } from './api/create-draft';

/** Cancel returns to where the copy was asked for (Inspect), as Back would. */
function cancelCopy(): void {
  const nav = useNavigationStore.getState();
  if (nav.back.length > 0) nav.goBack();
  else nav.replace({ screen: 'drafts' });
}

/**
 * The `copyFrom` route's question (Inspect's "Edit as draft"): the draft's name, by default the list's
 * own reference. Confirming copies the remote list and opens the new draft in place of the question.
 */
export function EditAsDraftDialog({ remoteRef }: { remoteRef: string }) {
  const [draftRef, setDraftRef] = useState(remoteRef);
  const create = useCreateDraft();
  return (
    <Dialog
      title="Edit as draft"
      onClose={cancelCopy}
      testId="edit-as-draft-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={cancelCopy}>
            Cancel
          </button>
          <button
            type="submit"
            form="edit-as-draft-form"
            className="btn btn-primary"
            disabled={create.isPending || draftRef.trim() === ''}
            data-testid="edit-as-draft-confirm"
          >
            {create.isPending ? 'Copying…' : 'Create draft'}
          </button>
        </>
      }
    >
      <form
        id="edit-as-draft-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ ref: draftRef, from: remoteRef });
        }}
      >
        <p className="muted">
          Copies every platform image of <code>{remoteRef}</code> into a local draft (shared with{' '}
          <code>docker manifest</code>). Attestations are kept. Nothing is written to the registry until you push.
        </p>
        <label className="field">
          <span>Draft name (the reference push will write)</span>
          <input
            className="input mono"
            value={draftRef}
            onChange={(e) => setDraftRef(e.target.value)}
            aria-label="Draft name"
            data-testid="edit-as-draft-name"
            spellCheck={false}
          />
        </label>
        {create.isError && <ErrorView error={create.error} testId="edit-as-draft-error" />}
      </form>
    </Dialog>
  );
}
