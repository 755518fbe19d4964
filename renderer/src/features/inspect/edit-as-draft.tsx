import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keys, useApi } from '../../data';
import { useUiStore } from '../../state';
import { Dialog, ErrorView } from '../../ui';

/** Asks for the draft's name (default: the list's own reference), copies the remote list, opens the draft. */
export function EditAsDraftDialog({ remoteRef, onClose }: { remoteRef: string; onClose: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const openDraft = useUiStore((s) => s.openDraft);
  const [draftRef, setDraftRef] = useState(remoteRef);
  const create = useMutation({
    mutationFn: () => api.invoke('drafts.fromRemote', { remoteRef, draftRef: draftRef.trim() }),
    onSuccess: (view) => {
      qc.setQueryData(keys.draft(view.ref), view);
      void qc.invalidateQueries({ queryKey: keys.drafts() });
      onClose();
      openDraft(view.ref);
    },
  });
  return (
    <Dialog
      title="Edit as draft"
      onClose={onClose}
      testId="edit-as-draft-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
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
          create.mutate();
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
