import { parseDockerReference } from '../../../shared/reference';
import { type Core, type Fetched, fetchReference } from '../../core/operations';
import type { RegistryClient } from '../../core/registry';
import type { CallOptions } from './app-service';

/** Runs `fn` with a client of its own: each call picks up registry settings edited in the window meanwhile. */
export async function withClient<T>(core: Core, fn: (c: RegistryClient) => Promise<T>): Promise<T> {
  const client = await core.registry();
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/** A remote image or list with its children and configs, through the content cache. */
export function fetchRemote(core: Core, ref: string, options?: CallOptions): Promise<Fetched> {
  return withClient(core, (c) => fetchReference(c, parseDockerReference(ref), { signal: options?.signal, cache: core.cache }));
}
