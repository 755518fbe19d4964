import { StudioError } from '../../../shared/errors';
import type { Descriptor } from '../../../shared/oci';
import { parseDockerReference, referenceString } from '../../../shared/reference';
import type { DraftEntry } from '../drafts';
import type { Core } from './create-core';
import { type FetchedImage, fetchReference } from './fetch';

export interface CreateArgs {
  list: string;
  components: string[];
  amend: boolean;
  insecure: boolean;
  signal?: AbortSignal;
}

/** `create [--amend] LIST IMAGE...`: writes docker-compatible draft entries; returns stdout. */
export async function dockerCreate(core: Core, args: CreateArgs): Promise<string> {
  let listRef: string;
  try {
    listRef = referenceString(parseDockerReference(args.list));
  } catch (e) {
    throw prefixed(e, `error parsing name for manifest list ${args.list}: `);
  }
  if ((await core.drafts.exists(listRef)) && !args.amend) {
    throw new StudioError('DRAFT_EXISTS', 'refusing to amend an existing manifest list with no --amend flag', {
      hint: `Add --amend to change ${listRef}, or remove it first with \`manifest-studio rm ${listRef}\`.`,
    });
  }
  const refs = args.components.map((c) => parseDockerReference(c));
  const insecure = args.insecure ? [...new Set(refs.map((r) => r.domain))] : [];
  const client = await core.registry(insecure);
  try {
    // Fetch every component at once, then save in argument order and stop at the first failure: the
    // same entries end up on disk as with docker's one-at-a-time loop, in a fraction of the time.
    const results = await Promise.allSettled(
      refs.map(async (ref) => {
        const name = referenceString(ref);
        const cached = await core.drafts.readEntry(listRef, name);
        // docker reuses an entry it already has (docker/cli#954); keeping that keeps earlier annotations.
        if (cached && cached.raw.length > 0) return cached;
        const fetched = await fetchReference(client, ref, { signal: args.signal, children: false, cache: core.cache });
        if (fetched.kind === 'list') {
          throw new StudioError('IS_MANIFEST_LIST', `${name} is a manifest list`, {
            hint: 'Name one platform image by digest (see `manifest-studio inspect` for the digests), or pick platforms in the app.',
          });
        }
        return toEntry(name, fetched.image);
      }),
    );
    for (const r of results) {
      if (r.status === 'rejected') throw r.reason;
      await core.drafts.writeEntry(listRef, r.value);
    }
  } finally {
    // Not awaited: nothing depends on the connections being closed (the CLI exits right after its output,
    // the connections with it).
    client.close().catch(() => undefined);
  }
  return `Created manifest list ${listRef}\n`;
}

/** A draft entry as docker writes it: platform from the image config, verbatim. */
export function toEntry(ref: string, image: FetchedImage): Omit<DraftEntry, 'fileName'> {
  const descriptor: Descriptor = {
    mediaType: image.manifest.mediaType,
    digest: image.manifest.digest,
    size: image.manifest.size,
  };
  if (image.configPlatform) descriptor.platform = image.configPlatform;
  return {
    ref,
    descriptor,
    raw: image.manifest.bytes,
    payloadKind: image.manifest.mediaType === 'application/vnd.oci.image.manifest.v1+json' ? 'OCIManifest' : 'SchemaV2Manifest',
  };
}

export function prefixed(e: unknown, prefix: string): unknown {
  if (e instanceof StudioError) {
    return new StudioError(e.code, prefix + e.message, { hint: e.hint, cause: e });
  }
  return e;
}
