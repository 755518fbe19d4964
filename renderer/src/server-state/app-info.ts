import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';

export const appInfoKey = () => ['appInfo'] as const;

/** Name, version and face (desktop or browser): read once, by the status bar and the login form. */
export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: appInfoKey(), queryFn: () => api.invoke('app.info', {}), staleTime: Infinity });
}
