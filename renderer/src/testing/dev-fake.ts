import type { DraftView, PlatformDto, PushPlan, RegistryLoginDto, RegistryTlsSettings } from '../../../shared/model';
import { platformKey } from '../../../shared/platform';
import { createFakeApi, fail, type FakeApi } from './fake-api';
import { draftEntry, draftView, fakeDigest, imageView, listView, TWELVE_PLATFORMS } from './fixtures';

/** What a harness-like reference most likely holds: `test/arm:v7` → linux/arm/v7. */
function guessPlatform(ref: string): PlatformDto {
  if (ref.includes('win')) return { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1234' };
  if (ref.includes('arm64')) return { os: 'linux', architecture: 'arm64', variant: 'v8' };
  if (ref.includes('arm')) return { os: 'linux', architecture: 'arm', variant: 'v7' };
  return { os: 'linux', architecture: 'amd64' };
}

/**
 * An in-memory main for the dev page (`npx vite`, then /dev/) and screenshots: inspect answers from
 * fixtures, drafts are kept in memory, pushes tick through their plan with timers. Never in the build.
 */
export function createDevFake(): FakeApi {
  const drafts = new Map<string, DraftView>();
  const pushedLists = new Map<string, DraftView>();
  const seed = draftView('localhost:5000/team/app:1.2', [
    draftEntry('localhost:5000/team/app-amd64:1.2', { os: 'linux', architecture: 'amd64' }),
    draftEntry('localhost:5000/team/app-arm64:1.2', { os: 'linux', architecture: 'aarch64' }, { os: 'linux', architecture: 'arm64' }),
    draftEntry('localhost:5000/team/app-armv7:1.2', { os: 'linux', architecture: 'arm', variant: 'v7' }),
    draftEntry('localhost:5000/team/app-amd64b:1.2', { os: 'linux', architecture: 'amd64' }),
  ]);
  drafts.set(seed.ref, seed);
  let logins: RegistryLoginDto[] = [
    { registry: 'ghcr.io', username: 'octocat', source: 'credsStore', helper: 'secretservice' },
    { registry: 'localhost:5001', username: 'alice', source: 'auths' },
  ];
  let settings: Record<string, RegistryTlsSettings> = { 'localhost:5443': { caFile: '/etc/ssl/dev-ca.pem' } };
  const save = (d: DraftView) => {
    const next = { ...d, listDigest: d.entries.length ? fakeDigest(JSON.stringify(d)) : undefined };
    drafts.set(d.ref, next);
    return next;
  };
  const get = (ref: string) => drafts.get(ref) ?? fail({ code: 'DRAFT_NOT_FOUND', message: `No such manifest: ${ref}` });
  const planFor = (d: DraftView, target: string): PushPlan => ({
    target,
    listDigest: d.listDigest ?? fakeDigest('empty'),
    mediaType: d.mediaType,
    steps: [
      ...d.entries.flatMap((e, i) => [
        { kind: 'blob' as const, digest: fakeDigest(`${e.ref}/l0`), size: 3_400_000 + i, action: i % 2 ? ('mount' as const) : ('exists' as const), from: 'localhost:5000/team/base' },
        { kind: 'blob' as const, digest: fakeDigest(`${e.ref}/l1`), size: 120_000 + i, action: 'copy' as const, from: e.ref.split('@')[0] },
        { kind: 'manifest' as const, digest: e.descriptor.digest, size: e.descriptor.size, action: 'put' as const },
      ]),
      { kind: 'list' as const, digest: d.listDigest ?? '', size: 1200, action: 'put' as const },
    ],
  });

  const api: FakeApi = createFakeApi({
    'operations.cancel': () => ({ cancelled: false }),
    'app.info': () => ({ name: 'Manifest Studio', version: '0.1.0-dev', face: 'browser', platform: 'linux' }),
    'registry.inspect': async ({ ref }) => {
      await new Promise((r) => setTimeout(r, 250));
      if (/[A-Z]/.test(ref.split('/').pop() ?? '') || ref.includes(' ')) {
        return fail({ code: 'REFERENCE_INVALID', message: 'invalid reference format: repository name must be lowercase', hint: 'Repository names are lowercase: [registry/]repository[:tag|@digest].' });
      }
      if (ref.startsWith('127.0.0.1:1/')) {
        return fail({ code: 'NETWORK', message: 'Get "https://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', hint: 'Is the registry running on 127.0.0.1:1? Check the host and port; for a plain-HTTP registry set it under Credentials → Connection settings.' });
      }
      const pushed = pushedLists.get(ref);
      if (pushed !== undefined) return { kind: 'list', list: { ...listView(ref, pushed.entries.flatMap((e) => (e.descriptor.platform ? [e.descriptor.platform] : [])), 0), descriptor: { mediaType: pushed.mediaType, digest: pushed.listDigest ?? '', size: 1 } } };
      if (/multi|index|list/.test(ref)) return { kind: 'list', list: listView(ref, TWELVE_PLATFORMS, 3) };
      return { kind: 'image', image: imageView(ref, guessPlatform(ref), 6) };
    },
    'drafts.list': () => [...drafts.values()].map((d) => ({ id: d.id, ref: d.ref, refGuessed: d.ref.endsWith('1.2'), entryCount: d.entries.length })),
    'drafts.get': ({ ref }) => get(ref),
    'drafts.create': ({ ref }) => save(draftView(ref, [])),
    'drafts.fromRemote': ({ remoteRef, draftRef }) =>
      save(draftView(draftRef, TWELVE_PLATFORMS.map((p, i) => draftEntry(`${remoteRef.split(':')[0]}-${i}`, p)), { mediaType: 'application/vnd.oci.image.index.v1+json', mediaTypeChosen: true })),
    'drafts.add': ({ draftRef, imageRef, platforms }) => {
      const d = get(draftRef);
      if (platforms === undefined) return save({ ...d, entries: [...d.entries, draftEntry(imageRef, guessPlatform(imageRef))] });
      const chosen = TWELVE_PLATFORMS.filter((p) => platforms.includes(platformKey(p)));
      return save({ ...d, entries: [...d.entries, ...chosen.map((p) => draftEntry(`${imageRef}-${p.architecture}${p.variant ?? ''}`, p))] });
    },
    'drafts.remove': ({ draftRef, entryRef }) => {
      const d = get(draftRef);
      return save({ ...d, entries: d.entries.filter((e) => e.ref !== entryRef) });
    },
    'drafts.setPlatform': ({ draftRef, entryRef, patch }) => {
      const d = get(draftRef);
      const entries = d.entries.map((e) => {
        if (e.ref !== entryRef) return e;
        const p: Record<string, unknown> = { ...e.descriptor.platform };
        for (const [k, v] of Object.entries(patch)) if (v === '' || v === undefined) delete p[k]; else p[k] = v;
        return { ...e, descriptor: { ...e.descriptor, platform: p as PlatformDto } };
      });
      return save({ ...d, entries });
    },
    'drafts.reorder': ({ draftRef, entryRefs }) => {
      const d = get(draftRef);
      return save({ ...d, entries: entryRefs.flatMap((r) => d.entries.filter((e) => e.ref === r)) });
    },
    'drafts.setMediaType': ({ draftRef, mediaType }) => {
      const d = get(draftRef);
      return save({ ...d, mediaType: mediaType ?? 'application/vnd.docker.distribution.manifest.list.v2+json', mediaTypeChosen: mediaType !== null });
    },
    'drafts.setAnnotations': ({ draftRef, target, annotations }) => {
      const d = get(draftRef);
      if (target.kind === 'index') return save({ ...d, annotations });
      return save({ ...d, entries: d.entries.map((e) => (e.ref === target.entryRef ? { ...e, annotations } : e)) });
    },
    'drafts.delete': ({ ref }) => {
      drafts.delete(ref);
      return null;
    },
    'push.plan': async ({ draftRef, target }) => {
      await new Promise((r) => setTimeout(r, 300));
      return planFor(get(draftRef), target ?? draftRef);
    },
    'push.start': ({ draftRef, target }) => {
      const plan = planFor(get(draftRef), target ?? draftRef);
      const operationId = `op-${Date.now()}`;
      let i = 0;
      const timer = setInterval(() => {
        const step = plan.steps[i];
        if (step === undefined) {
          clearInterval(timer);
          pushedLists.set(plan.target, get(draftRef));
          api.emit('operation.done', { operationId, kind: 'push', outcome: { target: plan.target, digest: plan.listDigest, pushedChildren: [] } });
          return;
        }
        api.emit('operation.progress', { operationId, kind: 'push', progress: { stepIndex: i, stepCount: plan.steps.length, digest: step.digest, state: step.action === 'exists' ? 'skipped' : 'done' } });
        i += 1;
      }, 120);
      return { operationId };
    },
    'credentials.list': () => ({ logins, problems: [] }),
    'credentials.login': ({ registry, username, password }) => {
      if (password.endsWith('wrong')) return fail({ code: 'UNAUTHORIZED', message: 'unauthorized: incorrect username or password', hint: 'Check the username and password; nothing was saved.' });
      const l: RegistryLoginDto = { registry, username, source: 'auths' };
      logins = [...logins.filter((x) => x.registry !== registry), l];
      return l;
    },
    'credentials.logout': ({ registry }) => {
      logins = logins.filter((l) => l.registry !== registry);
      return null;
    },
    'credentials.test': ({ registry }) => ({ registry, ok: registry !== 'localhost:5443', endpoint: `https://${registry}/v2/`, authScheme: 'basic', message: registry === 'localhost:5443' ? 'x509: certificate signed by unknown authority — add the CA file.' : 'Authenticated; the registry answered /v2/.' }),
    'settings.getRegistries': () => settings,
    'settings.setRegistry': ({ registry, settings: s }) => {
      settings = { ...settings };
      if (s === null) delete settings[registry];
      else settings[registry] = s;
      return settings;
    },
  });
  return api;
}
