import { useNavigationStore } from '../../navigation';
import { DraftNameDialog } from './draft-name-dialog';

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
  return (
    <DraftNameDialog
      title="Edit as draft"
      testId="edit-as-draft"
      inputTestId="edit-as-draft-name"
      label="Draft name"
      labelHint="the reference push will write"
      initialRef={remoteRef}
      confirmLabel="Create draft"
      pendingLabel="Copying…"
      from={remoteRef}
      intro={
        <p className="muted">
          Copies every platform image of <code>{remoteRef}</code> into a local draft (shared with <code>docker manifest</code>). Attestations
          are kept. Nothing is written to the registry until you push.
        </p>
      }
      onCancel={cancelCopy}
    />
  );
}
