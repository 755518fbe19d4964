import { useState } from 'react';
import { Dialog, ErrorView } from '../../ui';
import { useCreateDraft } from './api/create-draft';

/** Asks for the new draft's reference, creates the draft empty and opens it. */
export function NewDraftDialog({ onClose }: { onClose: () => void }) {
  const [ref, setRef] = useState('');
  const create = useCreateDraft();
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
          if (ref.trim() !== '') create.mutate({ ref }, { onSuccess: onClose });
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
