import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppService } from '../../electron/desktop/service';
import type { AppService } from '../../electron/desktop/service';
import type { ListView, PushProgress, RegistryTlsSettings } from '../../shared/model';
import { MediaType, type Platform } from '../../shared/oci';
import { platformKey } from '../../shared/platform';
import { getHarness, harnessAgent, type RegistryInfo, type SeedIndexChild } from '../harness';

const h = getHarness();
const { tls, plain, basic } = h.registries;
const { catalog } = h;
const agents = [harnessAgent(tls), harnessAgent(plain)];
afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
});

/** A user of the app: its own docker config dir, HOME and registry settings file. */
function sandbox(settings: unknown = { registries: { [tls.host]: { caFile: tls.caFile } } }) {
  const dir = mkdtempSync(join(tmpdir(), 'ms-app-service-'));
  const settingsFile = join(dir, 'registries.json');
  writeFileSync(settingsFile, JSON.stringify(settings));
  const env = { HOME: dir, DOCKER_CONFIG: join(dir, 'docker'), MANIFEST_STUDIO_SETTINGS: settingsFile, MANIFEST_STUDIO_CERTS_DIR: join(dir, 'certs.d') };
  return { dir, settingsFile, dockerConfig: env.DOCKER_CONFIG, service: createAppService({ env }) };
}

let n = 0;
/** A repository no other test (or earlier run against the same registry) has touched. */
const freshRepo = (name: string, reg: RegistryInfo = tls) => `${reg.host}/test/svc-${name}-${process.pid}-${Date.now()}-${++n}`;
const remote = (ref: string, reg: RegistryInfo = tls) => `${reg.host}/${ref}`;

/** Reads a manifest straight from the registry, independently of the code under test. */
async function readManifest(reg: RegistryInfo, repo: string, reference: string) {
  const res = await request(`${reg.url}/v2/${repo}/manifests/${reference}`, {
    dispatcher: reg === tls ? agents[0] : agents[1],
    headers: { accept: [MediaType.OciIndex, MediaType.DockerManifestList, MediaType.OciManifest, MediaType.DockerManifest].join(', ') },
  });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  return {
    status: res.statusCode,
    contentType: String(res.headers['content-type']),
    digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    json: res.statusCode === 200 ? (JSON.parse(bytes.toString('utf8')) as IndexJson) : undefined,
  };
}
interface IndexJson {
  mediaType: string;
  annotations?: Record<string, string>;
  manifests: { mediaType: string; digest: string; size: number; platform?: Platform; annotations?: Record<string, string> }[];
}
const repoAndTag = (ref: string) => {
  const noHost = ref.slice(ref.indexOf('/') + 1);
  const i = noHost.lastIndexOf(':');
  return { repo: noHost.slice(0, i), tag: noHost.slice(i + 1) };
};

const images = (list: { children: SeedIndexChild[] }) => list.children.filter((c) => c.kind === 'image');
const attestations = (list: { children: SeedIndexChild[] }) => list.children.filter((c) => c.kind === 'attestation');
/** Predicate types the seed's attestation layers declare, read from the exact manifest bytes pushed. */
const predicateTypesOf = (c: SeedIndexChild) =>
  (JSON.parse(c.raw) as { layers: { annotations?: Record<string, string> }[] }).layers.flatMap((l) => l.annotations?.['in-toto.io/predicate-type'] ?? []);
const runtimeOf = (c: { configRaw: string }) =>
  (JSON.parse(c.configRaw) as { config: { Entrypoint?: string[]; Env?: string[]; Labels?: Record<string, string> }; history: { created_by: string }[] });

async function inspectList(service: AppService, ref: string): Promise<ListView> {
  const result = await service.inspect(ref);
  if (result.kind !== 'list') throw new Error(`${ref} inspected as ${result.kind}`);
  return result.list;
}

describe('inspect', () => {
  const { service } = sandbox();

  it('shows every child of the 12-platform Docker list with its platform, layers and config', async () => {
    const list = await inspectList(service, remote(catalog.multi.ref));
    expect(list.descriptor).toMatchObject({ mediaType: MediaType.DockerManifestList, digest: catalog.multi.digest });
    expect(list.rawText).toBe(catalog.multi.raw);
    expect(list.others).toEqual([]);
    expect(list.rows).toHaveLength(12);
    list.rows.forEach((row, i) => {
      const seed = images(catalog.multi)[i]!;
      const runtime = runtimeOf(seed);
      expect(row.error).toBeUndefined();
      expect(row.descriptor.digest).toBe(seed.digest);
      expect(row.descriptor.platform).toEqual(seed.platform);
      expect(row.image?.layers.map((l) => l.digest)).toEqual(seed.layers.map((l) => l.digest));
      expect(row.image?.configDigest).toBe(seed.config.digest);
      const config = row.image?.config;
      expect(config?.platform).toEqual(seed.platform);
      expect(config?.entrypoint).toEqual(runtime.config.Entrypoint);
      expect(config?.env).toEqual(runtime.config.Env);
      expect(config?.labels).toEqual(runtime.config.Labels);
      expect(config?.history?.map((x) => x.createdBy)).toEqual(runtime.history.map((x) => x.created_by));
      expect(row.attestations).toEqual([]);
    });
    // The seed varies the configs: make sure the optional fields were actually exercised.
    expect(list.rows.filter((r) => r.image?.config?.entrypoint).length).toBeGreaterThan(0);
    expect(list.rows.filter((r) => r.image?.config?.labels).length).toBeGreaterThan(0);
  });

  it('folds BuildKit attestations under their image and keeps the index annotations', async () => {
    const list = await inspectList(service, remote(catalog.ociIndex.ref));
    expect(list.descriptor).toMatchObject({ mediaType: MediaType.OciIndex, digest: catalog.ociIndex.digest });
    expect(list.annotations).toEqual(catalog.ociIndex.annotations);
    expect(Object.keys(list.annotations ?? {})).not.toHaveLength(0);
    expect(list.others).toEqual([]);
    expect(list.rows).toHaveLength(3);
    expect(list.rows.filter((r) => r.descriptor.platform?.os === 'unknown')).toEqual([]);
    list.rows.forEach((row, i) => {
      const seed = images(catalog.ociIndex)[i]!;
      const att = attestations(catalog.ociIndex).find((a) => a.attests === seed.digest)!;
      expect(row.descriptor.digest).toBe(seed.digest);
      expect(row.descriptor.platform).toEqual(seed.platform);
      expect(row.attestations).toHaveLength(1);
      expect(row.attestations[0]?.descriptor.digest).toBe(att.digest);
      expect(row.attestations[0]?.descriptor.annotations).toEqual(att.descriptorAnnotations);
      expect(predicateTypesOf(att)).not.toHaveLength(0);
      expect(row.attestations[0]?.predicateTypes).toEqual(predicateTypesOf(att));
    });
  });

  it('shows a single image as an image', async () => {
    const result = await service.inspect(remote(catalog.amd64.ref));
    if (result.kind !== 'image') throw new Error(`expected an image, got ${result.kind}`);
    expect(result.image.descriptor).toMatchObject({ digest: catalog.amd64.digest, mediaType: catalog.amd64.mediaType, platform: catalog.amd64.platform });
    expect(result.image.rawText).toBe(catalog.amd64.raw);
    expect(result.image.layers.map((l) => l.digest)).toEqual(catalog.amd64.layers.map((l) => l.digest));
    expect(result.image.config?.env).toEqual(runtimeOf(catalog.amd64).config.Env);
  });
});

describe('drafts from remote lists, pushed', () => {
  it('copies the OCI index with its attestations and annotations, and pushes the digest it previewed', async () => {
    const { service } = sandbox();
    const target = `${freshRepo('oci-copy')}:v1`;
    const draft = await service.draftFromRemote(remote(catalog.ociIndex.ref), target);
    expect(draft.mediaType).toBe(MediaType.OciIndex);
    expect(draft.annotations).toEqual(catalog.ociIndex.annotations);
    expect(draft.entries.map((e) => e.descriptor.digest)).toEqual(catalog.ociIndex.children.map((c) => c.digest));
    expect(draft.problems).toEqual([]);
    const outcome = await service.push(target, {});
    expect(outcome.digest).toBe(draft.listDigest);
    const { repo, tag } = repoAndTag(target);
    const pushed = await readManifest(tls, repo, tag);
    expect(pushed.status).toBe(200);
    expect(pushed.contentType).toBe(MediaType.OciIndex);
    expect(pushed.digest).toBe(draft.listDigest);
    expect(pushed.json?.mediaType).toBe(MediaType.OciIndex);
    expect(pushed.json?.annotations).toEqual(catalog.ociIndex.annotations);
    expect(pushed.json?.manifests.map((m) => m.digest)).toEqual(catalog.ociIndex.children.map((c) => c.digest));
    for (const att of attestations(catalog.ociIndex)) {
      const entry = pushed.json?.manifests.find((m) => m.digest === att.digest);
      expect(entry?.annotations).toEqual(att.descriptorAnnotations);
      expect(entry?.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
    }
    // And the app still folds them when it reads the copy back.
    const back = await inspectList(service, target);
    expect(back.rows.map((r) => r.attestations.map((a) => a.descriptor.digest))).toEqual(
      images(catalog.ociIndex).map((img) => [attestations(catalog.ociIndex).find((a) => a.attests === img.digest)!.digest]),
    );
  });

  it('pushes the 12-platform list unchanged to another tag of the same repository', async () => {
    const { service } = sandbox();
    const target = `${remote('test/multi')}:svc-copy-${process.pid}-${Date.now()}`;
    const draft = await service.draftFromRemote(remote(catalog.multi.ref), target);
    expect(draft.entries).toHaveLength(12);
    const plan = await service.planPush(target);
    // Same repository: nothing to mount or put but the list itself.
    expect(plan.steps.map((s) => s.kind)).toEqual(['list']);
    const outcome = await service.push(target, {});
    const pushed = await readManifest(tls, 'test/multi', repoAndTag(target).tag);
    expect(pushed.contentType).toBe(MediaType.DockerManifestList);
    expect(pushed.digest).toBe(outcome.digest);
    expect(pushed.json?.manifests.map((m) => [m.digest, m.platform])).toEqual(images(catalog.multi).map((c) => [c.digest, c.platform]));
  });
});

describe('adding platforms from a list', () => {
  const arm64v8: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };
  const win1809 = images(catalog.multi).find((c) => c.platform['os.version'] === '10.0.17763.1234')!;
  const seedArm64 = images(catalog.multi).find((c) => c.platform.architecture === 'arm64')!;

  it('accepts the platform keys the window sends', async () => {
    const { service } = sandbox();
    const draftRef = `${freshRepo('keys')}:v1`;
    const view = await service.addToDraft(draftRef, remote(catalog.multi.ref), [platformKey(arm64v8), platformKey(win1809.platform)]);
    expect(view.entries.map((e) => e.descriptor.digest).sort()).toEqual([seedArm64.digest, win1809.digest].sort());
    expect(view.entries.find((e) => e.descriptor.digest === win1809.digest)?.descriptor.platform).toEqual(win1809.platform);
  });

  it('accepts the text form people write', async () => {
    const { service } = sandbox();
    const draftRef = `${freshRepo('text')}:v1`;
    const view = await service.addToDraft(draftRef, remote(catalog.multi.ref), ['linux/arm64/v8', 'windows(10.0.17763.1234)/amd64']);
    expect(view.entries.map((e) => e.descriptor.digest).sort()).toEqual([seedArm64.digest, win1809.digest].sort());
  });

  it('brings the attestation of a chosen image along, and refuses platforms the list lacks', async () => {
    const { service } = sandbox();
    const draftRef = `${freshRepo('att')}:v1`;
    const armV7 = images(catalog.ociIndex).find((c) => c.platform.variant === 'v7')!;
    const att = attestations(catalog.ociIndex).find((a) => a.attests === armV7.digest)!;
    const view = await service.addToDraft(draftRef, remote(catalog.ociIndex.ref), [platformKey(armV7.platform)]);
    expect(view.entries.map((e) => e.descriptor.digest)).toEqual([armV7.digest, att.digest]);
    expect(view.entries[1]?.annotations).toEqual(att.descriptorAnnotations);
    await expect(service.addToDraft(draftRef, remote(catalog.ociIndex.ref), ['linux/s390x'])).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(service.addToDraft(draftRef, remote(catalog.ociIndex.ref), ['[1,2]'])).rejects.toMatchObject({ code: 'PLATFORM_INVALID' });
    expect((await service.getDraft(draftRef)).entries).toHaveLength(2);
  });
});

describe('editing a draft changes what is pushed', () => {
  it('clears a variant, reorders, annotates as an OCI index; refuses a bad order and annotations in a Docker list', async () => {
    const { service } = sandbox();
    const repo = freshRepo('edit');
    const draftRef = `${repo}:v1`;
    for (const img of [catalog.amd64, catalog.armV7, catalog.arm64]) await service.addToDraft(draftRef, remote(img.ref));
    let view = await service.getDraft(draftRef);
    const refs = view.entries.map((e) => e.ref);
    expect(view.entries.map((e) => e.descriptor.digest)).toEqual([catalog.amd64.digest, catalog.armV7.digest, catalog.arm64.digest]);
    const arm64Ref = refs[2]!;
    expect(view.entries[2]?.descriptor.platform?.variant).toBe('v8');
    view = await service.setPlatform(draftRef, arm64Ref, { variant: '' });
    expect(view.entries.find((e) => e.ref === arm64Ref)?.descriptor.platform).toEqual({ os: 'linux', architecture: 'arm64' });

    const before = await service.getDraft(draftRef);
    for (const bad of [refs.slice(0, 2), [refs[0]!, refs[0]!, refs[1]!], [...refs.slice(0, 2), `${repo}@sha256:${'0'.repeat(64)}`]]) {
      await expect(service.reorderDraft(draftRef, bad)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
    expect(await service.getDraft(draftRef)).toEqual(before);

    const reversed = [...refs].reverse();
    view = await service.reorderDraft(draftRef, reversed);
    expect(view.entries.map((e) => e.ref)).toEqual(reversed);
    await service.setDraftMediaType(draftRef, MediaType.OciIndex);
    await service.setAnnotations(draftRef, { kind: 'index' }, { 'org.opencontainers.image.description': 'edited' });
    view = await service.setAnnotations(draftRef, { kind: 'entry', entryRef: refs[1]! }, { 'com.example.note': 'arm v7' });
    expect(view.mediaType).toBe(MediaType.OciIndex);
    const outcome = await service.push(draftRef, {});
    expect(outcome.digest).toBe(view.listDigest);
    const pushed = await readManifest(tls, repoAndTag(draftRef).repo, 'v1');
    expect(pushed.contentType).toBe(MediaType.OciIndex);
    expect(pushed.json?.annotations).toEqual({ 'org.opencontainers.image.description': 'edited' });
    expect(pushed.json?.manifests.map((m) => m.digest)).toEqual([catalog.arm64.digest, catalog.armV7.digest, catalog.amd64.digest]);
    expect(pushed.json?.manifests[0]?.platform).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(pushed.json?.manifests.map((m) => m.annotations)).toEqual([undefined, { 'com.example.note': 'arm v7' }, undefined]);

    // Back to a Docker list with annotations still set: the view says why it cannot be pushed, push refuses.
    view = await service.setDraftMediaType(draftRef, MediaType.DockerManifestList);
    expect(view.listDigest).toBeUndefined();
    expect(view.problems.join('\n')).toMatch(/annotations/i);
    expect(await service.getDraft(draftRef)).toEqual(view);
    await expect(service.planPush(draftRef, `${repo}:docker`)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(service.push(draftRef, { target: `${repo}:docker` })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/annotations/i),
    });
    expect((await readManifest(tls, repoAndTag(draftRef).repo, 'docker')).status).toBe(404);
  });
});

describe('push plan, progress and cancel', () => {
  it('plans mounts for a fresh repository, reports every step, then sees the blobs as present', async () => {
    const { service } = sandbox();
    const draftRef = `${freshRepo('plan')}:v1`;
    for (const img of [catalog.amd64, catalog.armV7]) await service.addToDraft(draftRef, remote(img.ref));
    const expectedBlobs = new Set([catalog.amd64, catalog.armV7].flatMap((i) => [i.config.digest, ...i.layers.map((l) => l.digest)]));
    const first = await service.planPush(draftRef);
    const blobs = first.steps.filter((s) => s.kind === 'blob');
    expect(new Set(blobs.map((s) => s.digest))).toEqual(expectedBlobs);
    expect(blobs).toHaveLength(expectedBlobs.size);
    expect(blobs.map((s) => s.action)).toEqual(blobs.map(() => 'mount'));
    expect(first.steps.filter((s) => s.kind === 'manifest').map((s) => s.digest)).toEqual([catalog.amd64.digest, catalog.armV7.digest]);
    expect(first.steps.at(-1)).toMatchObject({ kind: 'list', action: 'put', digest: first.listDigest });

    const events: PushProgress[] = [];
    const outcome = await service.push(draftRef, { onProgress: (p) => events.push(p) });
    expect(outcome.digest).toBe(first.listDigest);
    expect(events.every((e) => e.stepCount === first.steps.length)).toBe(true);
    const last = new Map<number, PushProgress['state']>();
    for (const e of events) last.set(e.stepIndex, e.state);
    expect([...last.keys()].sort((a, b) => a - b)).toEqual(first.steps.map((_, i) => i));
    expect([...last.values()].every((s) => s === 'done' || s === 'skipped')).toBe(true);

    const second = await service.planPush(draftRef);
    expect(second.listDigest).toBe(first.listDigest);
    expect(second.steps.filter((s) => s.kind === 'blob').map((s) => s.action)).toEqual(blobs.map(() => 'exists'));
  });

  it('a push cancelled right after it starts rejects with CANCELLED and keeps the draft', async () => {
    const { service } = sandbox();
    const draftRef = `${freshRepo('cancel')}:v1`;
    await service.addToDraft(draftRef, remote(catalog.big.ref));
    await service.addToDraft(draftRef, remote(catalog.armV7.ref));
    const before = await service.getDraft(draftRef);
    const controller = new AbortController();
    const pushing = service.push(draftRef, { signal: controller.signal, purge: true });
    controller.abort();
    await expect(pushing).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await service.getDraft(draftRef)).toEqual(before);
    expect((await service.listDrafts()).map((d) => d.ref)).toContain(before.ref);
    expect((await readManifest(tls, repoAndTag(draftRef).repo, 'v1')).status).toBe(404);
  });
});

describe('registries', () => {
  /** Every key anywhere in a value, to prove no secret field crosses to the window. */
  const keysOf = (v: unknown): string[] =>
    Array.isArray(v) ? v.flatMap(keysOf) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : [];
  const secretKey = /pass|secret|token|^auth$/i;

  it('login: a wrong password stores nothing; the right one is listed without any secret', async () => {
    const { service, dockerConfig } = sandbox();
    const configFile = join(dockerConfig, 'config.json');
    await expect(service.login(basic.host, basic.username!, 'wrong-password')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await service.listLogins()).toEqual({ logins: [], problems: [] });
    expect(existsSync(configFile) ? readFileSync(configFile, 'utf8') : '').not.toContain(basic.host);

    const dto = await service.login(basic.host, basic.username!, basic.password!);
    expect(dto).toEqual({ registry: basic.host, username: basic.username, source: 'auths' });
    const { logins } = await service.listLogins();
    expect(logins).toEqual([{ registry: basic.host, username: basic.username, source: 'auths' }]);
    for (const value of [dto, logins]) {
      expect(keysOf(value).filter((k) => secretKey.test(k))).toEqual([]);
      expect(JSON.stringify(value)).not.toContain(basic.password!);
    }
    expect(readFileSync(configFile, 'utf8')).toContain(basic.host);
    expect(await service.testConnection(basic.host)).toMatchObject({ ok: true, authScheme: 'basic' });
    await service.logout(basic.host);
    expect(await service.listLogins()).toEqual({ logins: [], problems: [] });
  });

  it('testConnection: ok for reachable registries, a failure report for a closed port or an untrusted CA', async () => {
    const { service } = sandbox();
    expect(await service.testConnection(plain.host)).toMatchObject({ registry: plain.host, ok: true, authScheme: 'none' });
    expect(await service.testConnection(tls.host)).toMatchObject({ registry: tls.host, ok: true });
    const closed = await service.testConnection('127.0.0.1:1');
    expect(closed).toMatchObject({ registry: '127.0.0.1:1', ok: false });
    expect(closed.message).not.toBe('');
    const untrusting = sandbox({ registries: {} }).service;
    expect(await untrusting.testConnection(tls.host)).toMatchObject({ ok: false });
  });

  it('registry settings round-trip through the settings file; invalid ones are refused', async () => {
    const { service, settingsFile } = sandbox();
    const initial = { [tls.host]: { caFile: tls.caFile } };
    expect(await service.getRegistrySettings()).toEqual(initial);
    const next = await service.setRegistrySettings('registry.example:5000', { insecure: true, plainHttp: true });
    expect(next).toEqual({ ...initial, 'registry.example:5000': { insecure: true, plainHttp: true } });
    expect(await service.getRegistrySettings()).toEqual(next);
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ registries: next });
    expect(await service.setRegistrySettings('registry.example:5000', null)).toEqual(initial);

    const bad: unknown[] = [{ insecure: 'yes' }, { caFlie: '/x' }, { caFile: '' }];
    for (const settings of bad) {
      await expect(service.setRegistrySettings('other.example', settings as RegistryTlsSettings)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
    for (const host of ['', 'https://other.example/v2', 'has space']) {
      await expect(service.setRegistrySettings(host, { insecure: true })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
    expect(await service.getRegistrySettings()).toEqual(initial);
  });
});
