import { StudioError } from '../../shared/errors';
import type { Platform } from '../../shared/oci';
import { parseCanonical } from '../../shared/reference';
import type { DraftEntry } from '../drafts';

/** The list entry docker builds from a draft entry: only mediaType, size, digest and platform. */
export function entryListItem(entry: DraftEntry): { mediaType: string; size: number; digest: string; platform: Platform } {
  const p = entry.descriptor.platform;
  const platform: Platform = { architecture: p?.architecture ?? '', os: p?.os ?? '' };
  if (p?.['os.version']) platform['os.version'] = p['os.version'];
  if (p?.['os.features']?.length) platform['os.features'] = p['os.features'];
  if (p?.variant) platform.variant = p.variant;
  return { mediaType: entry.descriptor.mediaType, size: entry.descriptor.size, digest: entry.descriptor.digest, platform };
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
