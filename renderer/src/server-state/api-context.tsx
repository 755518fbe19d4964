import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../api';

/**
 * What the components need from main, injected through context: the app passes the real transport
 * (`api` from ../api), tests pass a fake with the same shape.
 */
export type StudioApi = Api;

const ApiContext = createContext<StudioApi | null>(null);

export function ApiProvider({ api, children }: { api: StudioApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): StudioApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiProvider>');
  return api;
}
