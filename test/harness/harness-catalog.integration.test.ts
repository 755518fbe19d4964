import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSeedContent, getHarness, harnessAgent, MT, MULTI_PLATFORMS, type RegistryInfo, type RegistryMode, type SeedManifest } from './index';
import { sha256Digest } from './tar';

const run = promisify(execFile);
const harness = getHarness();
const { catalog } = harness;
const MODES: RegistryMode[] = ['plain', 'tls', 'basic', 'token'];
const ACCEPT = [MT.dockerManifest, MT.dockerList, MT.ociManifest, MT.ociIndex].join(', ');
const agents = new Map<RegistryMode, Agent>();
const tokens = new Map<string, string>();

afterAll(async () => {
  await Promise.all([...agents.values()].map((a) => a.close()));
});

async function authFor(reg: RegistryInfo, repo: string): Promise<Record<string, string>> {
  const basic = `Basic ${Buffer.from(`${reg.username ?? ''}:${reg.password ?? ''}`).toString('base64')}`;
  if (reg.mode === 'basic') return { authorization: basic };
  if (reg.mode !== 'token') return {};
  let tok = tokens.get(repo);
  if (!tok) {
    const res = await request(`${reg.tokenRealm}?service=${reg.tokenService}&scope=repository:${repo}:pull`, { headers: { authorization: basic } });
    tok = String((await res.body.json() as { token: string }).token);
    tokens.set(repo, tok);
  }
  return { authorization: `Bearer ${tok}` };
}

async function fetchFrom(reg: RegistryInfo, repo: string, path: string, method: 'GET' | 'HEAD' = 'GET') {
  let agent = agents.get(reg.mode);
  if (!agent) {
    agent = harnessAgent(reg);
    agents.set(reg.mode, agent);
  }
  const res = await request(`${reg.url}/v2/${repo}/${path}`, {
    method, dispatcher: agent, headers: { accept: ACCEPT, ...(await authFor(reg, repo)) },
  });
  const bytes = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await res.body.arrayBuffer());
  if (method === 'HEAD') await res.body.dump();
  return { status: res.statusCode, headers: res.headers, bytes };
}

async function expectBlobs(reg: RegistryInfo, repo: string, m: SeedManifest): Promise<void> {
  for (const b of [m.config, ...m.layers]) {
    const res = await fetchFrom(reg, repo, `blobs/${b.digest}`, 'HEAD');
    expect(res.status, `${reg.mode} ${repo} ${b.digest}`).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(b.size);
  }
}

describe.each(MODES)('catalog as served by the %s registry', (mode) => {
  const reg = harness.registries[mode];

  it.each(catalog.tagged.map((t) => [t.ref, t] as const))('%s has the exact bytes the catalog describes', async (_ref, entry) => {
    const res = await fetchFrom(reg, entry.repo, `manifests/${entry.tag}`);
    if (!entry.seededIn.includes(mode)) {
      expect(res.status).toBe(404);
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(entry.mediaType);
    expect(res.headers['docker-content-digest']).toBe(entry.digest);
    expect(res.bytes.toString('utf8')).toBe(entry.raw);
    expect(sha256Digest(res.bytes)).toBe(entry.digest);
    expect(res.bytes.length).toBe(entry.size);
    const manifests = entry.kind === 'index' ? entry.children : [entry];
    for (const m of manifests) {
      const child = await fetchFrom(reg, entry.repo, `manifests/${m.digest}`);
      expect(child.status).toBe(200);
      expect(child.headers['content-type']).toBe(m.mediaType);
      expect(child.bytes.toString('utf8')).toBe(m.raw);
      await expectBlobs(reg, entry.repo, m);
    }
  });

  it('serves config blobs byte-exact', async () => {
    const res = await fetchFrom(reg, catalog.arm64.repo, `blobs/${catalog.arm64.config.digest}`);
    expect(res.bytes.toString('utf8')).toBe(catalog.arm64.configRaw);
  });
});

describe('catalog contents', () => {
  it('multi is a Docker list of the 12 platforms with varied configs', () => {
    expect(catalog.multi.mediaType).toBe(MT.dockerList);
    expect(catalog.multi.children.map((c) => c.platform)).toEqual(MULTI_PLATFORMS);
    expect(catalog.multi.children.every((c) => c.mediaType === MT.dockerManifest)).toBe(true);
    const configs = catalog.multi.children.map((c) => JSON.parse(c.configRaw) as { config: Record<string, unknown>; history: unknown[] });
    for (const key of ['Env', 'Entrypoint', 'Cmd', 'Labels', 'User', 'WorkingDir', 'ExposedPorts']) {
      expect(configs.some((c) => key in c.config), key).toBe(true);
    }
    expect(configs.every((c) => c.history.length >= 3)).toBe(true);
    const win = catalog.multi.children.filter((c) => c.platform.os === 'windows');
    expect(win.map((c) => c.platform['os.version'])).toEqual(['10.0.17763.1234', '10.0.20348.2113']);
    expect(win[1]?.platform['os.features']).toEqual(['win32k']);
    expect(JSON.parse(catalog.multi.raw).manifests[11].platform).toEqual(MULTI_PLATFORMS[11]);
  });

  it('oci-index carries BuildKit attestations and index annotations', () => {
    const { ociIndex } = catalog;
    expect(ociIndex.mediaType).toBe(MT.ociIndex);
    const images = ociIndex.children.filter((c) => c.kind === 'image');
    const attestations = ociIndex.children.filter((c) => c.kind === 'attestation');
    expect(attestations).toHaveLength(images.length);
    for (const a of attestations) {
      expect(a.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
      expect(a.descriptorAnnotations?.['vnd.docker.reference.type']).toBe('attestation-manifest');
      expect(images.map((i) => i.digest)).toContain(a.descriptorAnnotations?.['vnd.docker.reference.digest']);
      expect(a.layers[0]?.mediaType).toBe(MT.inToto);
    }
    const parsed = JSON.parse(ociIndex.raw) as { annotations: Record<string, string> };
    expect(parsed.annotations['org.opencontainers.image.created']).toBe('2024-01-01T00:00:00Z');
  });

  it('single images have the advertised platforms and formats', () => {
    expect(JSON.parse(catalog.arm64.configRaw)).toMatchObject({ architecture: 'arm64', variant: 'v8', os: 'linux' });
    expect(JSON.parse(catalog.windows.configRaw)).toMatchObject({ os: 'windows', 'os.version': '10.0.17763.1234' });
    expect(catalog.ociArm64.mediaType).toBe(MT.ociManifest);
    expect(catalog.amd64.mediaType).toBe(MT.dockerManifest);
    expect(catalog.big.seededIn).toEqual(['plain', 'tls']);
  });

  it('is deterministic: rebuilding gives the same digests', async () => {
    const again = await buildSeedContent(join(harness.tmpDir, 'seed'));
    expect(again.catalog.tagged.map((t) => t.digest)).toEqual(catalog.tagged.map((t) => t.digest));
  });

  it('keeps the big layer on disk with the advertised digest and ~50 MB', () => {
    const bytes = readFileSync(catalog.bigLayerFile);
    const layer = catalog.big.layers[2];
    expect(sha256Digest(bytes)).toBe(layer?.digest);
    expect(bytes.length).toBe(layer?.size);
    expect(bytes.length).toBeGreaterThan(50 * 1024 * 1024);
  });
});

describe('skopeo agrees with the harness', () => {
  const { plain, tls, basic, token } = harness.registries;

  it('reads the multi list byte-exact over plain HTTP', async () => {
    const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${plain.host}/test/multi:latest`]);
    expect(stdout).toBe(catalog.multi.raw);
  });

  it('rejects the TLS registry without our CA and accepts it with --cert-dir', async () => {
    const ref = `docker://${tls.host}/test/oci-index:latest`;
    await expect(run('skopeo', ['inspect', '--raw', ref])).rejects.toThrow(/certificate/);
    const certDir = mkdtempSync(join(tmpdir(), 'ms-skopeo-certs-'));
    try {
      symlinkSync(tls.caFile ?? '', join(certDir, 'ca.crt'));
      const { stdout } = await run('skopeo', ['inspect', '--raw', '--cert-dir', certDir, ref]);
      expect(stdout).toBe(catalog.ociIndex.raw);
    } finally {
      rmSync(certDir, { recursive: true, force: true });
    }
  });

  it('logs in to the basic and token registries with the harness accounts', async () => {
    for (const reg of [basic, token]) {
      const creds = `${reg.username}:${reg.password}`;
      const { stdout } = await run('skopeo', ['inspect', '--config', '--tls-verify=false', '--creds', creds, `docker://${reg.host}/test/arm64:latest`]);
      expect(JSON.parse(stdout)).toMatchObject({ architecture: 'arm64', variant: 'v8' });
    }
  });
});
