import { StudioError } from '../../../shared/errors';
import { platformKey } from '../../../shared/platform';
import { parseDockerReference, referenceString } from '../../../shared/reference';
import type { Core } from '../../core/operations';
import type { AppService } from './app-service';
import { addImages, draftView, normalize, patchPlatform, wantedPlatformKey } from './draft-views';
import { isAttestation } from './inspect-views';
import { fetchRemote } from './with-client';

type DraftOperations =
  | 'listDrafts'
  | 'getDraft'
  | 'createDraft'
  | 'draftFromRemote'
  | 'addToDraft'
  | 'removeFromDraft'
  | 'setPlatform'
  | 'reorderDraft'
  | 'setDraftMediaType'
  | 'setAnnotations'
  | 'deleteDraft';

/** Drafts: docker's store, edited entry by entry, with our extras in the sidecar. */
export function draftsService(core: Core): Pick<AppService, DraftOperations> {
  return {
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
      const fetched = await fetchRemote(core, remoteRef, options);
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
      const fetched = await fetchRemote(core, imageRef, options);
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
  };
}
