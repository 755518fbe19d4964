import { createHash } from 'node:crypto';
import type { HostileServer } from '../../../test/harness/hostile-server';
import { afterEach } from 'vitest';
import { type HostileHandler, startHostileServer } from '../../../test/harness/hostile-server';
import { RegistryClient } from './client';
import type { Credential, RegistryClientOptions } from './types';

/** Shared set-up of the hostile-server unit tests: servers and clients are closed after each test. */
export const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
export const MANIFEST = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}');
export const OCI = 'application/vnd.oci.image.manifest.v1+json';
export const repo = (s: HostileServer) => ({ domain: s.host, path: 'a/b' });

const servers: HostileServer[] = [];
const clients: RegistryClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  // A test may have closed its server already (to get a refused port); closing twice is harmless here.
  await Promise.all(servers.splice(0).map((s) => s.close().catch(() => undefined)));
});

export async function serve(handler: HostileHandler): Promise<HostileServer> {
  const s = await startHostileServer(handler);
  servers.push(s);
  return s;
}

/** A client with short timeouts and quick retries, so fault tests stay fast. */
export function client(opts: Partial<RegistryClientOptions> = {}, cred?: Credential): RegistryClient {
  const c = new RegistryClient({
    credentials: async () => cred,
    settings: { registries: {} },
    certsDir: null,
    retry: { attempts: 3, maxDelayMs: 300 },
    timeoutMs: 5_000,
    ...opts,
  });
  clients.push(c);
  return c;
}
