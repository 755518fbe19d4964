import { StudioError } from '../../../../shared/errors';
import type { DraftView, PushOutcome, PushProgress } from '../../../../shared/model';
import type { AppService } from '../../service/app-service';

/**
 * An in-memory `AppService` for tests of the boundary (dispatch, handlers, host): it keeps drafts in a
 * map and records calls, so a test sees exactly what crossed. Not a model of the real core.
 */
export interface FakeAppService extends AppService {
  calls: Array<{ method: string; args: unknown[] }>;
  /** Set by a test to make the next push wait until its signal aborts. */
  pushBlocks: boolean;
  lastSignal: AbortSignal | undefined;
}

function view(ref: string, entryCount = 0): DraftView {
  return {
    id: ref.replace(/[:/]/g, '_'),
    ref,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    mediaTypeChosen: false,
    annotations: {},
    entries: Array.from({ length: entryCount }, () => ({
      ref: `${ref}-child`,
      descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 1 },
      rawText: '{}',
    })),
    problems: [],
  };
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_ok, fail) => {
    signal.addEventListener('abort', () => fail(signal.reason), { once: true });
  });
}

export function createFakeAppService(): FakeAppService {
  const drafts = new Map<string, DraftView>();
  const fake: FakeAppService = {
    calls: [],
    pushBlocks: false,
    lastSignal: undefined,
    async inspect(ref, options) {
      record('inspect', ref);
      fake.lastSignal = options?.signal;
      if (ref === 'boom') throw new Error('kaboom');
      throw new StudioError('MANIFEST_UNKNOWN', `no such manifest: ${ref}`, { hint: 'Check the tag.' });
    },
    async listDrafts() {
      return [...drafts.values()].map((d) => ({ id: d.id, ref: d.ref, refGuessed: false, entryCount: d.entries.length }));
    },
    async getDraft(ref) {
      const d = drafts.get(ref);
      if (!d) throw new StudioError('DRAFT_NOT_FOUND', `No such manifest: ${ref}`);
      return d;
    },
    async createDraft(ref) {
      record('createDraft', ref);
      if (drafts.has(ref)) throw new StudioError('DRAFT_EXISTS', `refusing to amend an existing manifest list with no --amend flag`);
      const d = view(ref);
      drafts.set(ref, d);
      return d;
    },
    async draftFromRemote(remoteRef, draftRef) {
      record('draftFromRemote', remoteRef, draftRef);
      return view(draftRef, 2);
    },
    async addToDraft(draftRef, imageRef, platforms) {
      record('addToDraft', draftRef, imageRef, platforms);
      return view(draftRef, 1);
    },
    async removeFromDraft(draftRef, entryRef) {
      record('removeFromDraft', draftRef, entryRef);
      return view(draftRef);
    },
    async setPlatform(draftRef, entryRef, patch) {
      record('setPlatform', draftRef, entryRef, patch);
      return view(draftRef, 1);
    },
    async reorderDraft(draftRef, entryRefs) {
      record('reorderDraft', draftRef, entryRefs);
      return view(draftRef);
    },
    async setDraftMediaType(draftRef, mediaType) {
      record('setDraftMediaType', draftRef, mediaType);
      return view(draftRef);
    },
    async setAnnotations(draftRef, target, annotations) {
      record('setAnnotations', draftRef, target, annotations);
      return view(draftRef);
    },
    async deleteDraft(ref) {
      record('deleteDraft', ref);
      drafts.delete(ref);
    },
    async planPush(draftRef, target) {
      record('planPush', draftRef, target);
      return { target: target ?? draftRef, listDigest: `sha256:${'b'.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json', steps: [] };
    },
    async push(draftRef, options): Promise<PushOutcome> {
      record('push', draftRef, { target: options.target, purge: options.purge });
      fake.lastSignal = options.signal;
      const progress: PushProgress = { stepIndex: 0, stepCount: 1, digest: `sha256:${'c'.repeat(64)}`, state: 'done' };
      options.onProgress?.(progress);
      if (fake.pushBlocks && options.signal) await untilAborted(options.signal);
      return { target: options.target ?? draftRef, digest: `sha256:${'d'.repeat(64)}`, pushedChildren: [] };
    },
    async listLogins() {
      return { logins: [{ registry: 'registry.example', username: 'alice', source: 'auths' }], problems: [] };
    },
    async login(registry, username, password, options) {
      // The password's length only: a fake must not keep secrets around either. `store` as the handler passed it.
      record('login', registry, username, password.length, options?.store);
      return { registry, username, source: options?.store === 'app' ? 'app' : 'auths' };
    },
    async logout(registry) {
      record('logout', registry);
    },
    async testConnection(registry) {
      return { registry, ok: true, message: 'ok' };
    },
    async getRegistrySettings() {
      return {};
    },
    async setRegistrySettings(registry, settings) {
      record('setRegistrySettings', registry, settings);
      return settings ? { [registry]: settings } : {};
    },
  };
  function record(method: string, ...args: unknown[]): void {
    fake.calls.push({ method, args });
  }
  return fake;
}
