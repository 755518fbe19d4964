import { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import { parseJsonAs } from '../../../shared/json';
import type { DraftEntryDto, DraftView, PlatformPatch } from '../../../shared/model';
import type { Platform } from '../../../shared/oci';
import { parsePlatform, platformKey } from '../../../shared/platform';
import { parseDockerReference, referenceString } from '../../../shared/reference';
import type { DraftEntry } from '../../core/drafts';
import { type Core, buildDraftList, checkSameRegistry, draftMediaType, orderEntries, toEntry, type FetchedImage } from '../../core/operations';
import { isAttestation } from './inspect-views';

const text = new TextDecoder();

export function normalize(ref: string): string {
  return referenceString(parseDockerReference(ref));
}

/** A draft as the window shows it: entries in push order, the list digest push would produce, problems. */
export async function draftView(core: Core, ref: string): Promise<DraftView> {
  const listRef = normalize(ref);
  const [entries, meta, summaries] = await Promise.all([
    core.drafts.readEntries(listRef),
    core.drafts.readDraftMeta(listRef),
    core.drafts.list(),
  ]);
  const ordered = orderEntries(entries, meta?.order);
  const problems = draftProblems(listRef, ordered);
  const view: DraftView = {
    id: summaries.find((s) => s.ref === listRef)?.safeName ?? listRef,
    ref: listRef,
    mediaType: draftMediaType(ordered, meta),
    mediaTypeChosen: meta?.mediaType !== undefined,
    annotations: meta?.annotations ?? {},
    entries: ordered.map((e) => entryDto(e, meta?.entryAnnotations?.[e.ref], meta?.configPlatforms?.[e.ref])),
    problems,
  };
  if (ordered.length > 0) {
    try {
      const list = buildDraftList(ordered, meta);
      view.listDigest = list.digest;
      view.listText = text.decode(list.bytes);
    } catch (e) {
      // A list that cannot be built (annotations in a Docker list) must not hide the draft: say why instead.
      if (!(e instanceof StudioError)) throw e;
      problems.push(e.hint ? `${e.message}. ${e.hint}` : e.message);
    }
  }
  return view;
}

function entryDto(e: DraftEntry, annotations: Record<string, string> | undefined, configPlatform: Platform | undefined): DraftEntryDto {
  const dto: DraftEntryDto = { ref: e.ref, descriptor: { ...e.descriptor }, rawText: text.decode(e.raw) };
  if (annotations) dto.annotations = annotations;
  if (configPlatform) dto.configPlatform = configPlatform;
  return dto;
}

/** What would stop a push, in words a person can act on. Warnings about odd platforms live in the UI. */
function draftProblems(listRef: string, entries: readonly DraftEntry[]): string[] {
  const problems: string[] = [];
  try {
    checkSameRegistry(listRef, entries);
  } catch (e) {
    if (e instanceof StudioError) problems.push(e.message);
  }
  const seen = new Map<string, string>();
  for (const e of entries) {
    const p = e.descriptor.platform;
    if (!p?.os || !p.architecture) problems.push(`${e.ref} has no os or architecture`);
    else if (!isAttestationPlatform(p)) {
      const key = platformKey(p);
      const other = seen.get(key);
      if (other) problems.push(`${e.ref} and ${other} have the same platform ${key}`);
      seen.set(key, e.ref);
    }
  }
  return problems;
}

function isAttestationPlatform(p: Platform): boolean {
  return p.os === 'unknown' && p.architecture === 'unknown';
}

/**
 * The duplicate-detection key of a platform the caller names, either as `platformKey` output (what the
 * window sends: a JSON array) or as text (`linux/arm/v7`, what people and the CLI write).
 */
export function wantedPlatformKey(p: string): string {
  if (!p.startsWith('[')) return platformKey(parsePlatform(p));
  const key = parseJsonAs(PlatformKeySchema, p);
  if (!key || key[0] === '' || key[1] === '') {
    throw new StudioError('PLATFORM_INVALID', `invalid platform key ${p}`, { hint: 'Write os/architecture[/variant], e.g. linux/arm64.' });
  }
  const [os, architecture, variant, osVersion] = key;
  return platformKey({ os, architecture, ...(variant ? { variant } : {}), ...(osVersion ? { 'os.version': osVersion } : {}) });
}

const PlatformKeySchema = z.tuple([z.string(), z.string(), z.string(), z.string()]);

/** Applies a platform patch: a given field replaces the old value, an empty string clears it. */
export function patchPlatform(old: Platform | undefined, patch: PlatformPatch): Platform {
  const p: Platform = { ...(old ?? { architecture: '', os: '' }) };
  if (patch.os !== undefined) p.os = patch.os;
  if (patch.architecture !== undefined) p.architecture = patch.architecture;
  for (const key of ['variant', 'os.version'] as const) {
    const v = patch[key];
    if (v === undefined) continue;
    if (v === '') delete p[key];
    else p[key] = v;
  }
  const features = patch['os.features'];
  if (features !== undefined) {
    if (features.length === 0) delete p['os.features'];
    else p['os.features'] = features;
  }
  return p;
}

/**
 * Writes the entries for fetched images into a draft. Each keeps the platform its list gave it (or its
 * config's), and BuildKit attestation annotations go to the sidecar so the link survives the round trip.
 */
export async function addImages(
  core: Core,
  listRef: string,
  images: { image: FetchedImage; ref: string; platform?: Platform; annotations?: Record<string, string> }[],
): Promise<void> {
  const meta = (await core.drafts.readDraftMeta(listRef)) ?? { ref: listRef };
  const entryAnnotations = { ...(meta.entryAnnotations ?? {}) };
  const configPlatforms = { ...(meta.configPlatforms ?? {}) };
  // A draft made by docker has no recorded order: start from its file-name order so nothing moves. Read
  // before writing, or the new entries would land in file-name (digest) order instead of the order given.
  const order = meta.order?.length ? [...meta.order] : (await core.drafts.readEntries(listRef).catch(() => [])).map((e) => e.ref);
  for (const item of images) {
    const entry = toEntry(item.ref, item.image);
    if (item.platform) entry.descriptor.platform = item.platform;
    await core.drafts.writeEntry(listRef, entry);
    if (item.annotations && Object.keys(item.annotations).length > 0) entryAnnotations[item.ref] = item.annotations;
    if (item.image.configPlatform) configPlatforms[item.ref] = item.image.configPlatform;
  }
  for (const item of images) if (!order.includes(item.ref)) order.push(item.ref);
  await core.drafts.writeDraftMeta(listRef, { ...meta, ref: listRef, entryAnnotations, configPlatforms, order });
}

export { isAttestation };
