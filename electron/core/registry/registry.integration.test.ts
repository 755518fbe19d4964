import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getHarness, readTokenStats, type RegistryInfo } from '../../../test/harness';
import type { RegistrySettings } from '../settings';
import { RegistryClient } from './client';
import type { Credential, RegistryClientOptions } from './types';

const h = getHarness();
const { plain, tls, basic, token } = h.registries;
const cat = h.catalog;
const sha = (b: Uint8Array | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const run = randomBytes(4).toString('hex');

const clients: RegistryClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

function client(cred?: Credential, opts: Partial<RegistryClientOptions> = {}): RegistryClient {
  const c = new RegistryClient({ credentials: async () => cred, settings: { registries: {} }, certsDir: null, timeoutMs: 20_000, ...opts });
  clients.push(c);
  return c;
}

const withCa = (reg: RegistryInfo, caFile = reg.caFile): RegistrySettings => ({ registries: { [reg.host]: { caFile } } });
const admin: Credential = { username: token.username, password: token.password };
const reader: Credential = { username: token.readOnlyUsername, password: token.readOnlyPassword };
const basicUser: Credential = { username: basic.username, password: basic.password };

/** A client that can read from each mode. */
const readers: [string, RegistryInfo, () => RegistryClient][] = [
  ['plain', plain, () => client()],
  ['tls (CA from settings)', tls, () => client(undefined, { settings: withCa(tls) })],
  ['basic', basic, () => client(basicUser)],
  ['token', token, () => client(admin)],
];

describe.each(readers)('reading from %s', (_name, reg, make) => {
  it('gets and heads manifests and blobs, exact bytes', async () => {
    const c = make();
    const repo = { domain: reg.host, path: cat.amd64.repo };
    const m = await c.getManifest(repo, cat.amd64.tag);
    expect(new TextDecoder().decode(m.bytes)).toBe(cat.amd64.raw);
    expect(m).toMatchObject({ digest: cat.amd64.digest, mediaType: cat.amd64.mediaType, size: cat.amd64.size });
    expect(await c.headManifest(repo, cat.amd64.tag)).toEqual({ digest: cat.amd64.digest, mediaType: cat.amd64.mediaType, size: cat.amd64.size });
    const byDigest = await c.getManifest(repo, cat.amd64.digest);
    expect(byDigest.digest).toBe(cat.amd64.digest);
    const list = await c.getManifest({ domain: reg.host, path: cat.multi.repo }, cat.multi.tag);
    expect(list).toMatchObject({ digest: cat.multi.digest, mediaType: cat.multi.mediaType });
    const config = await c.getBlob(repo, cat.amd64.config.digest, { maxBytes: 1 << 20 });
    expect(new TextDecoder().decode(config)).toBe(cat.amd64.configRaw);
    const layer = cat.amd64.layers[0];
    expect(layer).toBeDefined();
    if (layer) expect(await c.blobExists(repo, layer.digest)).toBe(layer.size);
    expect(await c.blobExists(repo, sha('absent'))).toBeUndefined();
    expect(await c.headManifest(repo, 'no-such-tag')).toBeUndefined();
    await expect(c.getManifest(repo, 'no-such-tag')).rejects.toMatchObject({ code: 'MANIFEST_UNKNOWN' });
  });
});

describe('TLS', () => {
  const repo = { domain: tls.host, path: cat.amd64.repo };
  it('verifies even on loopback: no CA or the wrong CA is a TLS error that names caFile and --insecure', async () => {
    for (const c of [client(), client(undefined, { settings: withCa(tls, tls.otherCaFile) })]) {
      const err = await c.getManifest(repo, cat.amd64.tag).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'TLS' });
      expect((err as { hint?: string }).hint).toMatch(/caFile[\s\S]*--insecure/);
    }
  });
  it('--insecure, settings insecure, and docker certs.d all work', async () => {
    expect((await client(undefined, { insecureHosts: [tls.host] }).getManifest(repo, cat.amd64.tag)).digest).toBe(cat.amd64.digest);
    const insecure: RegistrySettings = { registries: { [tls.host]: { insecure: true } } };
    expect((await client(undefined, { settings: insecure }).headManifest(repo, cat.amd64.tag))?.digest).toBe(cat.amd64.digest);
    const certsDir = await mkdtemp(join(tmpdir(), 'ms-certsd-'));
    await mkdir(join(certsDir, tls.host));
    await copyFile(tls.caFile ?? '', join(certsDir, tls.host, 'ca.crt'));
    expect((await client(undefined, { certsDir }).headManifest(repo, cat.amd64.tag))?.digest).toBe(cat.amd64.digest);
  });
  it("keeps trusting NODE_EXTRA_CA_CERTS (extraCaFile) for a host that has CAs of its own", async () => {
    // The host's own CA (here one that did not sign the registry) is added to the pool, not put in its place:
    // the extra file signed the registry.
    const both = client(undefined, { extraCaFile: tls.caFile ?? '', settings: withCa(tls, tls.otherCaFile) });
    expect((await both.getManifest(repo, cat.amd64.tag)).digest).toBe(cat.amd64.digest);
    // The extra file is what made it trusted: without it the same client fails.
    await expect(client(undefined, { settings: withCa(tls, tls.otherCaFile) }).headManifest(repo, cat.amd64.tag)).rejects.toMatchObject({ code: 'TLS' });
  });
  it('plainHttp against a TLS registry does not silently work', async () => {
    const c = client(undefined, { settings: { registries: { [tls.host]: { plainHttp: true } } }, retry: { attempts: 1 } });
    // Go's TLS server answers plain HTTP with a 400 ("Client sent an HTTP request to an HTTPS server").
    const err = await c.getManifest(repo, cat.amd64.tag).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REGISTRY_ERROR', message: expect.stringContaining('HTTP 400') });
  });
});

describe('basic auth', () => {
  const repo = { domain: basic.host, path: cat.amd64.repo };
  it('anonymous: UNAUTHORIZED telling how to log in, never "no such manifest"', async () => {
    const err = await client().getManifest(repo, cat.amd64.tag).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((err as Error).message).not.toMatch(/no such manifest/);
    expect((err as { hint?: string }).hint).toContain(`manifest-studio login ${basic.host}`);
    expect((err as Error).message).toContain('HTTP 401');
  });
  it('wrong password: UNAUTHORIZED; checkLogin tells right from wrong', async () => {
    await expect(client({ username: 'testuser', password: 'nope' }).getManifest(repo, cat.amd64.tag)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await client().checkLogin(basic.host, basicUser)).toEqual({ auth: 'basic' });
    const err = await client().checkLogin(basic.host, { username: 'testuser', password: 'nope' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/wrong username or password/) });
  });
});

describe('token auth', () => {
  const repo = { domain: token.host, path: cat.amd64.repo };
  it('anonymous gets UNAUTHORIZED (not MANIFEST_UNKNOWN); reader can pull', async () => {
    const err = await client().getManifest(repo, cat.amd64.tag).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((err as { hint?: string }).hint).toContain(`manifest-studio login ${token.host}`);
    expect((await client(reader).getManifest(repo, cat.amd64.tag)).digest).toBe(cat.amd64.digest);
  });
  it('wrong password: UNAUTHORIZED saying so; checkLogin', async () => {
    const bad = { username: 'admin', password: 'wrong' };
    const err = await client(bad).getManifest(repo, cat.amd64.tag).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/wrong username or password/) });
    await expect(client().checkLogin(token.host, bad)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // The harness token server issues refresh tokens (offline_token=true), as Docker Hub does.
    const login = await client().checkLogin(token.host, admin);
    expect(login.auth).toBe('bearer');
    expect(login.identityToken).toMatch(/.{16,}/);
  });
  it('reader cannot push: a clear UNAUTHORIZED/DENIED naming the push', async () => {
    const data = randomBytes(100);
    const err = await client(reader)
      .uploadBlob({ domain: token.host, path: `it-${run}/denied` }, sha(data), data.length, data)
      .catch((e: unknown) => e);
    expect(['UNAUTHORIZED', 'DENIED']).toContain((err as { code?: string }).code);
    expect((err as Error).message).toMatch(/push/);
    expect((err as Error).message).toContain('reader');
  });
  it('caches the token per scope set', async () => {
    const path = `it-${run}/cache`;
    const wanted = `repository:${path}:pull`;
    const before = (await readTokenStats(token)).scopes.filter((s) => s === wanted).length;
    const c = client(admin);
    for (let i = 0; i < 3; i++) expect(await c.headManifest({ domain: token.host, path }, 'x')).toBeUndefined();
    await expect(c.listTags({ domain: token.host, path })).rejects.toMatchObject({ code: 'NAME_UNKNOWN' });
    const after = (await readTokenStats(token)).scopes.filter((s) => s === wanted).length;
    expect(after - before).toBe(1);
  });
});

describe.each([
  ['plain', plain, () => client()],
  ['token', token, () => client(admin)],
] as const)('writing to %s', (_name, reg, make) => {
  const repoA = { domain: reg.host, path: `it-${run}/a` };
  const repoB = { domain: reg.host, path: `it-${run}/b` };
  const config = new TextEncoder().encode(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const layer = randomBytes(300 * 1024);

  it('uploads monolithic and chunked, reads back, mounts across repos, PUTs a manifest, pages tags', async () => {
    const c = make();
    await c.uploadBlob(repoA, sha(config), config.length, config);
    const progress: number[] = [];
    async function* source() {
      for (let i = 0; i < layer.length; i += 10_000) yield layer.subarray(i, i + 10_000);
    }
    await c.uploadBlob(repoA, sha(layer), layer.length, source, { chunkSize: 64 * 1024, onProgress: (n) => progress.push(n) });
    expect(progress.at(-1)).toBe(layer.length);
    expect(progress.length).toBe(Math.ceil(layer.length / (64 * 1024)));
    expect(Buffer.from(await c.getBlob(repoA, sha(layer))).equals(layer)).toBe(true);
    expect(Buffer.from(await c.getBlob(repoA, sha(config))).equals(Buffer.from(config))).toBe(true);

    expect(await c.mountBlob(repoB, repoA.path, sha(layer))).toBe('mounted');
    expect(await c.blobExists(repoB, sha(layer))).toBe(layer.length);
    expect(await c.mountBlob(repoB, repoA.path, sha('never uploaded'))).toBe('not-mounted');

    const manifest = new TextEncoder().encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(layer), size: layer.length }],
      }),
    );
    const tags = ['t1', 't2', 't3', 't4', 't5'];
    for (const t of tags) expect(await c.putManifest(repoA, t, manifest, OCI)).toBe(sha(manifest));
    const back = await c.getManifest(repoA, 't3');
    expect(Buffer.from(back.bytes).equals(Buffer.from(manifest))).toBe(true);
    expect(back.mediaType).toBe(OCI);
    expect((await c.listTags(repoA, { pageSize: 2 })).sort()).toEqual(tags);
  });
});

describe('a 50 MB blob', () => {
  it('streams through openBlob (verified) without being buffered, and copies by streaming upload', async () => {
    const big = cat.big.layers.reduce((a, b) => (b.size > a.size ? b : a));
    const c = client();
    const src = { domain: plain.host, path: cat.big.repo };
    let peak = 0;
    const base = process.memoryUsage().arrayBuffers;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - base)), 5);
    try {
      const blob = await c.openBlob(src, big.digest);
      expect(blob.size).toBe(big.size);
      const hash = createHash('sha256');
      let n = 0;
      for await (const chunk of blob.stream) {
        hash.update(chunk);
        n += chunk.byteLength;
      }
      expect(n).toBe(big.size);
      expect(`sha256:${hash.digest('hex')}`).toBe(big.digest);
      const dest = { domain: plain.host, path: `it-${run}/big-copy` };
      const again = await c.openBlob(src, big.digest);
      await c.uploadBlob(dest, big.digest, big.size, () => again.stream);
      expect(await c.blobExists(dest, big.digest)).toBe(big.size);
    } finally {
      clearInterval(timer);
    }
    // Buffering would hold the whole 50 MB (twice, with the upload); streaming holds a few chunks plus
    // garbage the collector has not reclaimed yet, which varies with machine load, hence the margin.
    expect(peak).toBeLessThan(45 * 1024 * 1024);
  });
});
