import { queryOptions } from '@tanstack/react-query';
import type { StudioApi } from '../server-state';

export const inspectKeys = {
  /** Every inspect result: invalidated when a push may have changed what a tag points at. */
  all: () => ['inspect'] as const,
  one: (ref: string) => ['inspect', ref] as const,
};

/** A reference pinned by digest names immutable content; a tag may move. */
export function isDigestRef(ref: string): boolean {
  return /@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(ref.trim());
}

/** `registry.inspect` for one reference, shared by the Inspect screen and Drafts' add-image lookup (one cache). */
export function inspectQuery(api: StudioApi, ref: string | null) {
  return queryOptions({
    queryKey: inspectKeys.one(ref ?? ''),
    queryFn: () => api.invoke('registry.inspect', { ref: ref ?? '' }),
    enabled: ref !== null && ref.trim() !== '',
    staleTime: ref !== null && isDigestRef(ref) ? Infinity : 30_000,
  });
}
