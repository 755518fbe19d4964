import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../../server-state';

/** The drafts feature's query keys, in one place so invalidation and tests agree. */
export const draftKeys = {
  list: () => ['drafts'] as const,
  one: (ref: string) => ['draft', ref] as const,
};

export function useDrafts() {
  const api = useApi();
  return useQuery({ queryKey: draftKeys.list(), queryFn: () => api.invoke('drafts.list', {}) });
}

export function useDraft(ref: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: draftKeys.one(ref ?? ''),
    queryFn: () => api.invoke('drafts.get', { ref: ref ?? '' }),
    enabled: ref !== null,
    // Drafts change only through main, which tells us with `drafts.changed`.
    staleTime: Infinity,
  });
}
