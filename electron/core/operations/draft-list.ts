import { StudioError } from '../../../shared/errors';
import { MediaType, type Platform } from '../../../shared/oci';
import { parseCanonical } from '../../../shared/reference';
import type { DraftEntry, DraftMeta } from '../drafts';
import { type BuiltList, buildIndex } from '../formats';

/** The list entry docker builds from a draft entry: only mediaType, size, digest and platform. */
export function entryListItem(entry: DraftEntry): { mediaType: string; size: number; digest: string; platform: Platform } {
  const d = entry.descriptor;
  return { mediaType: d.mediaType, size: d.size, digest: d.digest, platform: dockerPlatform(d.platform) };
}

/** The platform fields docker keeps in a list entry: os and architecture always, the rest when set (CPU `features` dropped). */
export function dockerPlatform(p: Platform | undefined): Platform {
  const out: Platform = { architecture: p?.architecture ?? '', os: p?.os ?? '' };
  if (p?.['os.version']) out['os.version'] = p['os.version'];
  if (p?.['os.features']?.length) out['os.features'] = p['os.features'];
  if (p?.variant) out.variant = p.variant;
  return out;
}

export function domainOf(ref: string): string {
  return parseCanonical(ref).domain;
}

/**
 * docker refuses lists whose entries live on another registry than the list: a push can only mount
 * blobs inside one registry. The message is docker's, prefixed as each command prefixes it.
 */
export function checkSameRegistry(listRef: string, entries: readonly DraftEntry[], prefix = ''): void {
  const target = domainOf(listRef);
  for (const e of entries) {
    const domain = domainOf(e.ref);
    if (domain !== target) {
      throw new StudioError(
        'CROSS_REGISTRY',
        `${prefix}cannot use source images from a different registry than the target image: ${domain} != ${target}`,
        { hint: `Copy ${e.ref} to ${target} first, or name the list on ${domain}.` },
      );
    }
  }
}

/** Entries in push order: the sidecar's order when the app set one, else docker's file-name order. */
export function orderEntries(entries: readonly DraftEntry[], order: readonly string[] | undefined): DraftEntry[] {
  if (!order || order.length === 0) return [...entries];
  const rank = new Map(order.map((r, i) => [r, i]));
  // Entries the order does not mention (added by docker later) keep file-name order after the ranked ones.
  return [...entries].sort((a, b) => (rank.get(a.ref) ?? Infinity) - (rank.get(b.ref) ?? Infinity));
}

/** The list media type push uses: the app's choice, else docker's rule (OCI index iff the first entry is OCI). */
export function draftMediaType(ordered: readonly DraftEntry[], meta: DraftMeta | undefined): NonNullable<DraftMeta['mediaType']> {
  return meta?.mediaType ?? (ordered[0]?.descriptor.mediaType === MediaType.OciManifest ? MediaType.OciIndex : MediaType.DockerManifestList);
}

/**
 * The exact list push sends for a draft: docker's bytes when the app added nothing, else with the app's
 * media type and annotations. Throws BAD_INPUT for annotations in a Docker list (it has no field for them).
 */
export function buildDraftList(ordered: readonly DraftEntry[], meta: DraftMeta | undefined): BuiltList {
  const manifests = ordered.map((e) => {
    const item: ReturnType<typeof entryListItem> & { annotations?: Record<string, string> } = entryListItem(e);
    const annotations = meta?.entryAnnotations?.[e.ref];
    if (annotations && Object.keys(annotations).length > 0) item.annotations = annotations;
    return item;
  });
  return buildIndex({ mediaType: draftMediaType(ordered, meta), manifests, annotations: meta?.annotations });
}
