import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/harness';
import { MANIFEST_ACCEPT } from '../../shared/oci';
import { Speculations } from './speculation';
import { TrustedRoots } from './trusted-roots';

const h = getHarness();
const tls = h.registries.tls;
const headers = { 'user-agent': 'manifest-studio/test', accept: MANIFEST_ACCEPT.join(', ') };

describe('early reads over TLS (a real registry with its own CA)', () => {
  const url = `https://${tls.host}/v2/${h.catalog.amd64.repo}/manifests/${h.catalog.amd64.tag}`;
  const read = async (spec: Speculations) => {
    try {
      spec.start({ url, headers, maxBytes: 1 << 20, timeoutMs: 10_000 });
      return await spec.take('GET', url, headers);
    } finally {
      spec.close();
    }
  };

  it('trust the extra CA file (NODE_EXTRA_CA_CERTS handed over) as the registry client does', async () => {
    const answer = await read(new Speculations({ trust: new TrustedRoots(tls.caFile) }));
    expect(answer?.status).toBe(200);
    expect(Buffer.from(answer?.body ?? []).toString('utf8')).toBe(h.catalog.amd64.raw);
  });

  it('give no answer where the certificate does not verify: the registry client asks with its own settings', async () => {
    expect(await read(new Speculations())).toBeUndefined();
    expect(await read(new Speculations({ trust: new TrustedRoots(tls.otherCaFile) }))).toBeUndefined();
  });
});
