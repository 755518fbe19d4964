import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../../shared/ipc';
import type { DraftView } from '../../../../../shared/model';
import { useNavigationStore } from '../../../navigation';
import { useApi } from '../../../server-state';
import { draftKeys } from './draft-queries';

/** The channels that edit a draft and answer with the edited draft. */
type DraftEditChannel = {
  [C in ChannelName]: ChannelOutput<C> extends DraftView ? (DraftView extends ChannelOutput<C> ? C : never) : never;
}[ChannelName];

/** Any draft edit: the answer is the new draft, which replaces the cached one at once. */
function useDraftEdit<C extends Exclude<DraftEditChannel, 'drafts.create' | 'drafts.fromRemote'>>(channel: C) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => api.invoke(channel, input) as Promise<DraftView>,
    onSuccess: (view) => {
      qc.setQueryData(draftKeys.one(view.ref), view);
      void qc.invalidateQueries({ queryKey: draftKeys.list() });
    },
  });
}

/** Adds an image, or the chosen platforms of a list, to a draft. */
export const useAddImage = () => useDraftEdit('drafts.add');
export const useRemoveEntry = () => useDraftEdit('drafts.remove');
/** Changes fields of one entry's platform (the descriptor's, not the image config's). */
export const useSetPlatform = () => useDraftEdit('drafts.setPlatform');
export const useReorderEntries = () => useDraftEdit('drafts.reorder');
/** Docker manifest list, OCI index, or `null` for docker's automatic choice. */
export const useSetMediaType = () => useDraftEdit('drafts.setMediaType');
/** Annotations of the index or of one entry (OCI indexes only). */
export const useSetAnnotations = () => useDraftEdit('drafts.setAnnotations');

/** Deletes a local draft (the registry is not touched) and leaves its editor, without a Back into it. */
export function useDeleteDraft() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ref: string) => api.invoke('drafts.delete', { ref }),
    onSuccess: (_none, ref) => {
      qc.removeQueries({ queryKey: draftKeys.one(ref) });
      void qc.invalidateQueries({ queryKey: draftKeys.list() });
      leaveDraft(ref);
    },
  });
}

/** Closes `ref`'s editor if it is the one shown, replacing the history entry (the draft is gone). */
export function leaveDraft(ref: string): void {
  const nav = useNavigationStore.getState();
  if (nav.current.screen === 'drafts' && nav.current.draftRef === ref) nav.replace({ screen: 'drafts' });
}
