import { useEffect } from 'react';
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import type { DraftView } from '../../../shared/model';
import { useApi } from './api-context';

/** Query keys in one place so invalidation and tests agree. */
export const keys = {
  inspect: (ref: string) => ['inspect', ref] as const,
  drafts: () => ['drafts'] as const,
  draft: (ref: string) => ['draft', ref] as const,
  logins: () => ['logins'] as const,
  registrySettings: () => ['registrySettings'] as const,
  appInfo: () => ['appInfo'] as const,
};

/** A reference pinned by digest names immutable content; a tag may move. */
export function isDigestRef(ref: string): boolean {
  return /@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(ref.trim());
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // main already retries the network; a second layer of retries only delays the error the user needs.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

export function useInspect(ref: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.inspect(ref ?? ''),
    queryFn: () => api.invoke('registry.inspect', { ref: ref ?? '' }),
    enabled: ref !== null && ref.trim() !== '',
    staleTime: ref !== null && isDigestRef(ref) ? Infinity : 30_000,
  });
}

export function useDrafts() {
  const api = useApi();
  return useQuery({ queryKey: keys.drafts(), queryFn: () => api.invoke('drafts.list', {}) });
}

export function useDraft(ref: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.draft(ref ?? ''),
    queryFn: () => api.invoke('drafts.get', { ref: ref ?? '' }),
    enabled: ref !== null,
    // Drafts change only through main, which tells us with `drafts.changed`.
    staleTime: Infinity,
  });
}

export function useLogins() {
  const api = useApi();
  return useQuery({ queryKey: keys.logins(), queryFn: () => api.invoke('credentials.list', {}) });
}

export function useRegistrySettings() {
  const api = useApi();
  return useQuery({ queryKey: keys.registrySettings(), queryFn: () => api.invoke('settings.getRegistries', {}) });
}

type DraftChannel = {
  [C in ChannelName]: ChannelOutput<C> extends DraftView ? (DraftView extends ChannelOutput<C> ? C : never) : never;
}[ChannelName];

/** Any draft edit: the answer is the new draft, which replaces the cached one at once. */
export function useDraftMutation<C extends DraftChannel>(channel: C) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => api.invoke(channel, input) as Promise<DraftView>,
    onSuccess: (view) => {
      qc.setQueryData(keys.draft(view.ref), view);
      void qc.invalidateQueries({ queryKey: keys.drafts() });
    },
  });
}

/** Main's events become invalidations; nothing is copied anywhere else. */
export function useStudioEvents(): void {
  const api = useApi();
  const qc = useQueryClient();
  useEffect(() => {
    return api.on('drafts.changed', ({ ref }) => {
      void qc.invalidateQueries({ queryKey: keys.drafts() });
      void qc.invalidateQueries({ queryKey: keys.draft(ref) });
    });
  }, [api, qc]);
}
