import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../../server-state';

export const credentialKeys = {
  logins: () => ['logins'] as const,
  registrySettings: () => ['registrySettings'] as const,
};

/** Who is logged in where (never a secret: main sends "as X via helper Y"). */
export function useLogins() {
  const api = useApi();
  return useQuery({ queryKey: credentialKeys.logins(), queryFn: () => api.invoke('credentials.list', {}) });
}

/** Per-registry TLS/HTTP settings (registries.json, shared with the CLI). */
export function useRegistrySettings() {
  const api = useApi();
  return useQuery({ queryKey: credentialKeys.registrySettings(), queryFn: () => api.invoke('settings.getRegistries', {}) });
}
