import { StudioError } from '../../shared/errors';
import { MediaType, type Descriptor, type Platform } from '../../shared/oci';
import { parseDockerReference, referenceString } from '../../shared/reference';
import { type VerboseItem, formatInspectImage, formatInspectList, formatVerbose } from '../core/formats';
import type { DraftEntry } from '../core/drafts';
import { type Core, type FetchedImage, fetchReference, checkSameRegistry, dockerPlatform, entryListItem } from '../core/operations';

export interface InspectArgs {
  list?: string;
  ref: string;
  verbose: boolean;
  insecure: boolean;
  signal?: AbortSignal;
}

/** `inspect [--verbose] [LIST] REF`, printing exactly what docker 28.2.2 prints. Returns stdout. */
export async function dockerInspect(core: Core, args: InspectArgs): Promise<string> {
  const ref = referenceString(parseDockerReference(args.ref));
  if (args.list !== undefined) {
    const listRef = referenceString(parseDockerReference(args.list));
    const entry = await core.drafts.readEntry(listRef, ref);
    if (!entry) throw new StudioError('ENTRY_NOT_FOUND', `No such manifest: ${ref}`);
    return args.verbose ? formatVerbose(entryVerbose(entry)) : formatInspectImage(entry.raw);
  }
  // A local draft of that name shadows the remote image, as in docker.
  if (await core.drafts.exists(ref)) {
    const entries = await core.drafts.readEntries(ref);
    checkSameRegistry(ref, entries, 'failed to assemble ManifestDescriptor: ');
    return args.verbose ? formatVerbose(entries.map(entryVerbose)) : formatInspectList(entries.map(entryListItem));
  }
  return inspectRemote(core, args);
}

async function inspectRemote(core: Core, args: InspectArgs): Promise<string> {
  const ref = parseDockerReference(args.ref);
  const client = await core.registry(args.insecure ? [ref.domain] : []);
  try {
    const fetched = await fetchReference(client, ref, { signal: args.signal, cache: core.cache });
    if (fetched.kind === 'image') {
      const image = fetched.image;
      return args.verbose ? formatVerbose(imageVerbose(image, image.configPlatform)) : formatInspectImage(image.manifest.bytes);
    }
    // docker rebuilds the list from the children it fetched; one failed child fails the whole inspect.
    const items = fetched.list.children.map((child) => {
      if (child.error) throw child.error;
      if (!child.image) {
        throw new StudioError('MANIFEST_INVALID', `unsupported manifest type: nested list ${child.descriptor.digest}`, {
          hint: `Inspect it on its own: ${referenceString(ref)}@${child.descriptor.digest}`,
        });
      }
      return { image: child.image, platform: dockerPlatform(child.descriptor.platform) };
    });
    if (args.verbose) return formatVerbose(items.map((i) => imageVerbose(i.image, i.platform)));
    return formatInspectList(
      items.map(({ image, platform }) => ({
        mediaType: image.manifest.mediaType,
        size: image.manifest.size,
        digest: image.manifest.digest,
        platform,
      })),
    );
  } finally {
    // Not awaited: nothing depends on the connections being closed (the CLI exits right after its output,
    // the connections with it).
    client.close().catch(() => undefined);
  }
}

function imageVerbose(image: FetchedImage, platform: Platform | undefined): VerboseItem {
  const descriptor: Descriptor = {
    mediaType: image.manifest.mediaType,
    digest: image.manifest.digest,
    size: image.manifest.size,
  };
  if (platform) descriptor.platform = dockerPlatform(platform);
  return { ref: image.ref, descriptor, raw: image.manifest.bytes, kind: payloadKind(image.manifest.mediaType) };
}

function entryVerbose(entry: DraftEntry): VerboseItem {
  return { ref: entry.ref, descriptor: entry.descriptor, raw: entry.raw, kind: entry.payloadKind };
}

function payloadKind(mediaType: string): VerboseItem['kind'] {
  return mediaType === MediaType.OciManifest ? 'OCIManifest' : 'SchemaV2Manifest';
}
