import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../../shared/ipc';
import type { RegistryTlsSettings } from '../../../../../shared/model';
import { useApi } from '../../../server-state';
import { credentialKeys } from './credentials-queries';

/** Logs in: main checks the credentials against the registry before it stores anything. */
export function useLogin() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'credentials.login'>) => api.invoke('credentials.login', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: credentialKeys.logins() }),
  });
}

export function useLogout() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (registry: string) => api.invoke('credentials.logout', { registry }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: credentialKeys.logins() }),
  });
}

/** Saves one registry's settings (`null` removes them); main answers with the whole map. */
export function useSaveRegistrySettings() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ registry, settings }: { registry: string; settings: RegistryTlsSettings | null }) =>
      api.invoke('settings.setRegistry', { registry: registry.trim(), settings }),
    onSuccess: (map) => qc.setQueryData(credentialKeys.registrySettings(), map),
  });
}

/** One "Test connection" run; the last result (or error) stays visible until the next run. */
export function useConnectionTest() {
  const api = useApi();
  return useMutation({ mutationFn: (registry: string) => api.invoke('credentials.test', { registry }) });
}
