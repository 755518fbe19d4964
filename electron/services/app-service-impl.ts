import { StudioError } from '../../shared/errors';
import type { ConnectionReport, InspectResult, PushOutcome, RegistryLoginDto, RegistryTlsSettings } from '../../shared/model';
import { platformKey } from '../../shared/platform';
import { parseDockerReference, referenceString } from '../../shared/reference';
import { HostSettingsSchema, loadRegistrySettings, saveRegistrySettings } from '../settings';
import { addImages, draftView, isAttestation, normalize, patchPlatform, wantedPlatformKey } from './app-drafts';
import type { AppService, CallOptions } from './app-service';
import type { Core } from './core';
import { fetchReference } from './fetch';
import { login, loginDomain, logout } from './login';
import { executePush, planSteps, preparePush } from './push';
import { toInspectResult } from './views';

/** The app's service over the same core the CLI uses. */
export function createAppServiceFromCore(core: Core): AppService {
  // One client per call: it picks up registry settings edited in the Credentials screen meanwhile.
  const withClient = async <T>(fn: (c: Awaited<ReturnType<Core['registry']>>) => Promise<T>): Promise<T> => {
    const client = await core.registry();
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  };

  const fetchRemote = (ref: string, options?: CallOptions) =>
    withClient((c) => fetchReference(c, parseDockerReference(ref), { signal: options?.signal, cache: core.cache }));

  const service: AppService = {
    async inspect(ref, options): Promise<InspectResult> {
      return toInspectResult(await fetchRemote(ref, options));
    },

    async listDrafts() {
      const drafts = await core.drafts.list();
      return drafts.map((d) => ({ id: d.safeName, ref: d.ref, refGuessed: d.refGuessed, entryCount: d.entryCount }));
    },
    getDraft: (ref) => draftView(core, ref),
    async createDraft(ref) {
      const listRef = normalize(ref);
      if (await core.drafts.exists(listRef)) {
        throw new StudioError('DRAFT_EXISTS', `a draft named ${listRef} already exists`, { hint: 'Open it from the drafts list, or pick another name.' });
      }
      await core.drafts.create(listRef);
      await core.drafts.writeDraftMeta(listRef, { ref: listRef });
      return draftView(core, listRef);
    },
    async draftFromRemote(remoteRef, draftRef, options) {
      const listRef = normalize(draftRef);
      const fetched = await fetchRemote(remoteRef, options);
      if (await core.drafts.exists(listRef)) {
        throw new StudioError('DRAFT_EXISTS', `a draft named ${listRef} already exists`, { hint: 'Pick another draft name.' });
      }
      await core.drafts.create(listRef);
      if (fetched.kind === 'image') {
        await addImages(core, listRef, [{ image: fetched.image, ref: referenceString(parseDockerReference(remoteRef)) }]);
        return draftView(core, listRef);
      }
      const list = fetched.list;
      const images = list.children.flatMap((c) => {
        if (c.error) throw c.error;
        return c.image ? [{ image: c.image, ref: c.image.ref.replace(/:[^/@]*@/, '@'), platform: c.descriptor.platform, annotations: c.descriptor.annotations }] : [];
      });
      await addImages(core, listRef, images);
      const meta = await core.drafts.readDraftMeta(listRef);
      await core.drafts.writeDraftMeta(listRef, {
        ...(meta ?? { ref: listRef }),
        mediaType: list.manifest.mediaType as 'application/vnd.oci.image.index.v1+json',
        ...(list.parsed.annotations ? { annotations: list.parsed.annotations } : {}),
      });
      return draftView(core, listRef);
    },
    async addToDraft(draftRef, imageRef, platforms, options) {
      const listRef = normalize(draftRef);
      const fetched = await fetchRemote(imageRef, options);
      if (fetched.kind === 'image') {
        await addImages(core, listRef, [{ image: fetched.image, ref: normalize(imageRef) }]);
        return draftView(core, listRef);
      }
      const wanted = platforms === undefined ? undefined : new Set(platforms.map(wantedPlatformKey));
      const chosen = fetched.list.children.filter(
        (c) => c.image && !isAttestation(c.descriptor) && (!wanted || wanted.has(platformKey(c.descriptor.platform ?? { os: '', architecture: '' }))),
      );
      const chosenDigests = new Set(chosen.map((c) => c.descriptor.digest));
      // Attestations travel with the images they describe.
      const attestations = fetched.list.children.filter(
        (c) => c.image && isAttestation(c.descriptor) && chosenDigests.has(c.descriptor.annotations?.['vnd.docker.reference.digest'] ?? ''),
      );
      if (chosen.length === 0) {
        throw new StudioError('BAD_INPUT', `no platform of ${imageRef} matches ${platforms?.join(', ')}`, { hint: 'Inspect the list to see its platforms.' });
      }
      await addImages(
        core,
        listRef,
        [...chosen, ...attestations].map((c) => ({
          image: c.image!,
          ref: c.image!.ref.replace(/:[^/@]*@/, '@'),
          platform: c.descriptor.platform,
          annotations: c.descriptor.annotations,
        })),
      );
      return draftView(core, listRef);
    },
    async removeFromDraft(draftRef, entryRef) {
      const listRef = normalize(draftRef);
      await core.drafts.removeEntry(listRef, entryRef);
      const meta = await core.drafts.readDraftMeta(listRef);
      if (meta) {
        const entryAnnotations = { ...(meta.entryAnnotations ?? {}) };
        delete entryAnnotations[entryRef];
        await core.drafts.writeDraftMeta(listRef, { ...meta, entryAnnotations, order: meta.order?.filter((r) => r !== entryRef) });
      }
      return draftView(core, listRef);
    },
    async setPlatform(draftRef, entryRef, patch) {
      const listRef = normalize(draftRef);
      const entry = await core.drafts.readEntry(listRef, entryRef);
      if (!entry) throw new StudioError('ENTRY_NOT_FOUND', `${entryRef} is not in ${listRef}`);
      const platform = patchPlatform(entry.descriptor.platform, patch);
      await core.drafts.writeEntry(listRef, { ...entry, descriptor: { ...entry.descriptor, platform } });
      return draftView(core, listRef);
    },
    async reorderDraft(draftRef, entryRefs) {
      const listRef = normalize(draftRef);
      const entries = await core.drafts.readEntries(listRef);
      const known = new Set(entries.map((e) => e.ref));
      if (entryRefs.length !== known.size || new Set(entryRefs).size !== known.size || !entryRefs.every((r) => known.has(r))) {
        throw new StudioError('BAD_INPUT', 'the new order must name every entry of the draft exactly once', { hint: 'Reload the draft and try again.' });
      }
      const meta = (await core.drafts.readDraftMeta(listRef)) ?? { ref: listRef };
      await core.drafts.writeDraftMeta(listRef, { ...meta, ref: listRef, order: entryRefs });
      return draftView(core, listRef);
    },
    async setDraftMediaType(draftRef, mediaType) {
      const listRef = normalize(draftRef);
      const meta = (await core.drafts.readDraftMeta(listRef)) ?? { ref: listRef };
      const next = { ...meta, ref: listRef };
      if (mediaType === null) delete next.mediaType;
      else next.mediaType = mediaType;
      await core.drafts.writeDraftMeta(listRef, next);
      return draftView(core, listRef);
    },
    async setAnnotations(draftRef, target, annotations) {
      const listRef = normalize(draftRef);
      const meta = (await core.drafts.readDraftMeta(listRef)) ?? { ref: listRef };
      const next = { ...meta, ref: listRef };
      if (target.kind === 'index') next.annotations = annotations;
      else next.entryAnnotations = { ...(meta.entryAnnotations ?? {}), [target.entryRef]: annotations };
      await core.drafts.writeDraftMeta(listRef, next);
      return draftView(core, listRef);
    },
    async deleteDraft(ref) {
      await core.drafts.remove(normalize(ref));
    },

    async planPush(draftRef, target, options) {
      const job = await preparePush(core, normalize(draftRef), target);
      return withClient((c) => planSteps(c, job, options?.signal));
    },
    async push(draftRef, options): Promise<PushOutcome> {
      const listRef = normalize(draftRef);
      const job = await preparePush(core, listRef, options.target);
      const run = await withClient((c) =>
        executePush(c, job, { signal: options.signal, onProgress: (p) => options.onProgress?.({ ...p, operationId: options.operationId }) }),
      );
      if (options.purge) await core.drafts.remove(listRef);
      return { target: referenceString(job.target), digest: run.digest, pushedChildren: run.children };
    },

    async listLogins() {
      const docker: RegistryLoginDto[] = await core.credentials.list();
      const app = (await core.appLogins?.list()) ?? [];
      // App logins first: they are the ones requests use (see Core.findCredential).
      return [...app.map((l): RegistryLoginDto => ({ ...l, source: 'app' })), ...docker];
    },
    async login(registry, username, password, options) {
      const store = options?.store ?? 'docker';
      const domain = await login(core, registry, username, password, options?.signal, store);
      if (store === 'app') return { registry: domain, username, source: 'app' };
      const all = await core.credentials.list();
      return all.find((l) => l.registry === domain || loginDomain(l.registry) === domain) ?? { registry: domain, username, source: 'auths' };
    },
    async logout(registry) {
      await logout(core, registry);
    },
    async testConnection(registry, options): Promise<ConnectionReport> {
      const domain = loginDomain(registry);
      try {
        const credential = await core.findCredential(domain);
        const result = await withClient((c) => c.checkLogin(domain, credential ?? {}, { signal: options?.signal }));
        return { registry: domain, ok: true, authScheme: result.auth, message: credential ? 'Connected and signed in.' : 'Connected (anonymous).' };
      } catch (e) {
        if (!(e instanceof StudioError)) throw e;
        return { registry: domain, ok: false, message: e.hint ? `${e.message} — ${e.hint}` : e.message };
      }
    },
    async getRegistrySettings() {
      return (await loadRegistrySettings(core.settingsFile)).registries;
    },
    async setRegistrySettings(registry, settings: RegistryTlsSettings | null) {
      const valid = checkRegistrySettings(registry, settings);
      const current = await loadRegistrySettings(core.settingsFile);
      const registries = { ...current.registries };
      if (valid === null) delete registries[registry];
      else registries[registry] = valid;
      await saveRegistrySettings(core.settingsFile, { ...current, registries });
      return registries;
    },
  };
  return service;
}

/**
 * Settings come from the window: refuse what the settings file would reject (or never match: a URL or
 * a path instead of `host[:port]`) as BAD_INPUT, before anything is written.
 */
function checkRegistrySettings(registry: string, settings: RegistryTlsSettings | null): RegistryTlsSettings | null {
  if (!/^[^\s/]+$/.test(registry)) {
    throw new StudioError('BAD_INPUT', `invalid registry address: "${registry}"`, { hint: 'Write the host and optional port only, e.g. registry.example.com:5000.' });
  }
  if (settings === null) return null;
  const parsed = HostSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ');
    throw new StudioError('BAD_INPUT', `invalid settings for ${registry}: ${issues}`, {
      hint: 'Allowed fields: insecure, plainHttp (true/false), caFile, clientCertFile, clientKeyFile (file paths).',
    });
  }
  return parsed.data;
}
