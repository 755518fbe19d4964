import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigationStore } from '../../../navigation';
import { useApi } from '../../../server-state';
import { draftKeys } from './draft-queries';

export interface CreateDraftInput {
  /** The draft's reference: where push will write the list. */
  ref: string;
  /** A remote list to copy every platform image (and attestation) of; empty draft without it. */
  from?: string;
}

/**
 * Creates a draft, empty or as a copy of a remote list, and opens it. A copy is asked for through the
 * `copyFrom` route (Inspect's "Edit as draft"); that spent request is replaced in history, so Back
 * returns to where the copy was asked for rather than to the question again.
 */
export function useCreateDraft() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ref, from }: CreateDraftInput) =>
      from === undefined
        ? api.invoke('drafts.create', { ref: ref.trim() })
        : api.invoke('drafts.fromRemote', { remoteRef: from, draftRef: ref.trim() }),
    onSuccess: (view) => {
      qc.setQueryData(draftKeys.one(view.ref), view);
      void qc.invalidateQueries({ queryKey: draftKeys.list() });
      const nav = useNavigationStore.getState();
      const open = { screen: 'drafts', draftRef: view.ref } as const;
      if (nav.current.screen === 'drafts' && nav.current.copyFrom !== undefined) nav.replace(open);
      else nav.navigate(open);
    },
  });
}
