import { DraftNameDialog } from './draft-name-dialog';

/** Asks for the new draft's reference, creates the draft empty and opens it. */
export function NewDraftDialog({ onClose }: { onClose: () => void }) {
  return (
    <DraftNameDialog
      title="New draft"
      testId="new-draft"
      inputTestId="new-draft-ref"
      label="List reference"
      labelHint="where push will write it"
      placeholder="registry.example.com/team/app:1.2"
      confirmLabel="Create"
      pendingLabel="Create"
      onCancel={onClose}
      onCreated={onClose}
    />
  );
}
