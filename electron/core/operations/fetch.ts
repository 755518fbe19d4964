import { StudioError } from '../../../shared/errors';
import type { Descriptor, Platform } from '../../../shared/oci';
import { type ImageReference, referenceString, repositoryString } from '../../../shared/reference';
import { type ImageManifestJson, type IndexJson, type ParsedDescriptor, parseManifest, platformFromConfig } from '../formats';
import { LIST_PRECONNECT } from '../net';
import type { ContentCache, ManifestResult, RegistryClient, RepoRef } from '../registry';
import { MAX_CONFIG_BYTES } from './request-defaults';

export interface FetchedImage {
  /** Reference shown to users: the one asked for, or `list@childDigest` for a list's child. */
  ref: string;
  repo: RepoRef;
  manifest: ManifestResult;
  parsed: ImageManifestJson;
  config?: { digest: string; bytes: Uint8Array };
  /** Platform read from the image config (docker's `create` source of truth). */
  configPlatform?: Platform;
}

export interface FetchedChild {
  /** The descriptor exactly as the list has it (annotations included). */
  descriptor: Descriptor;
  image?: FetchedImage;
  /** A child that is itself a list (nested index) or an unsupported type. */
  other?: ManifestResult;
  error?: StudioError;
}

export interface FetchedList {
  ref: string;
  repo: RepoRef;
  manifest: ManifestResult;
  parsed: IndexJson;
  children: FetchedChild[];
}

export type Fetched = { kind: 'image'; image: FetchedImage } | { kind: 'list'; list: FetchedList };

export function repoOf(ref: ImageReference): RepoRef {
  return { domain: ref.domain, path: ref.path };
}

/** Where the reads of one fetchReference go: the registry, and the content cache for what follows the first read. */
interface Reads {
  client: RegistryClient;
  repo: RepoRef;
  signal: AbortSignal | undefined;
  cache: ContentCache | undefined;
  /**
   * Cache writes, started once every read is done (while reads are in flight the thread pool's disk work
   * would compete for the CPU with the answers still coming in) and left to finish in the background: see
   * ContentCache.flush. A cache that writes synchronously is written at once instead (see keep).
   */
  writes: (() => Promise<void>)[];
}

/** Keeps verified bytes in the cache: at once where it writes synchronously (cheap), else after the reads. */
function keep(reads: Reads, write: () => Promise<void>): void {
  if (reads.cache?.sync) void write();
  else reads.writes.push(write);
}

/**
 * Fetches what `ref` names. A tag+digest reference is fetched by tag and then checked against the digest,
 * as docker does. Children of a list and every config are fetched concurrently (the client bounds the
 * concurrency per host), which is where we beat docker's 28 sequential requests. With a `cache`, children
 * and configs it holds are read from disk; the first read always asks the registry, so a tag is always
 * resolved afresh and a reference that is gone is reported as gone.
 */
export async function fetchReference(
  client: RegistryClient,
  ref: ImageReference,
  options: { signal?: AbortSignal; children?: boolean; cache?: ContentCache } = {},
): Promise<Fetched> {
  const repo = repoOf(ref);
  const reads: Reads = { client, repo, signal: options.signal, cache: options.cache, writes: [] };
  try {
    return await fetchWith(reads, ref, options.children !== false);
  } finally {
    if (reads.writes.length > 0) options.cache?.background(Promise.all(reads.writes.map((write) => write())));
  }
}

async function fetchWith(reads: Reads, ref: ImageReference, children: boolean): Promise<Fetched> {
  const { client, repo, signal } = reads;
  const manifest = await client.getManifest(repo, ref.tag ?? (ref.digest as string), {
    signal,
    ...(children ? { preconnect: LIST_PRECONNECT } : {}),
  });
  if (ref.tag !== undefined && ref.digest !== undefined && manifest.digest !== ref.digest) {
    throw new StudioError('DIGEST_MISMATCH', `manifest verification failed for digest ${ref.digest}`, {
      hint: `The tag now points at ${manifest.digest}; drop the tag or the digest from the reference.`,
    });
  }
  const parsed = parseManifest(manifest.bytes, manifest.mediaType);
  const display = referenceString(ref);
  if (parsed.kind === 'image') {
    return { kind: 'image', image: await withConfig(reads, display, manifest, parsed.manifest) };
  }
  const list: FetchedList = { ref: display, repo, manifest, parsed: parsed.manifest, children: [] };
  if (children) {
    const base = ref.tag !== undefined ? `${repositoryString(ref)}:${ref.tag}` : repositoryString(ref);
    list.children = await Promise.all(parsed.manifest.manifests.map((d) => fetchChild(reads, `${base}@${d.digest}`, toDescriptor(d))));
  }
  return { kind: 'list', list };
}

async function fetchChild(reads: Reads, ref: string, descriptor: Descriptor): Promise<FetchedChild> {
  try {
    const manifest = await childManifest(reads, descriptor.digest);
    const parsed = parseManifest(manifest.bytes, manifest.mediaType);
    if (parsed.kind !== 'image') return { descriptor, other: manifest };
    return { descriptor, image: await withConfig(reads, ref, manifest, parsed.manifest) };
  } catch (e) {
    if (e instanceof StudioError && e.code !== 'CANCELLED') return { descriptor, error: e };
    throw e;
  }
}

/** A manifest by digest: from the cache when it holds it, else from the registry (verified), then kept. */
async function childManifest(reads: Reads, digest: string): Promise<ManifestResult> {
  const { client, repo, signal, cache } = reads;
  const hit = await cache?.getManifest(repo.domain, repo.path, digest);
  if (hit) return { bytes: hit.bytes, mediaType: hit.mediaType, digest, size: hit.bytes.byteLength };
  const fetched = await client.getManifest(repo, digest, { signal });
  if (cache) keep(reads, () => cache.putManifest(repo.domain, repo.path, digest, fetched));
  return fetched;
}

async function withConfig(reads: Reads, ref: string, manifest: ManifestResult, parsed: ImageManifestJson): Promise<FetchedImage> {
  const { client, repo, signal, cache } = reads;
  const image: FetchedImage = { ref, repo, manifest, parsed };
  const configDigest = parsed.config?.digest;
  if (configDigest === undefined) return image;
  const cached = await cache?.getBlob(repo.domain, repo.path, configDigest);
  const bytes = cached ?? (await client.getBlob(repo, configDigest, { signal, maxBytes: MAX_CONFIG_BYTES }));
  if (cache && !cached) keep(reads, () => cache.putBlob(repo.domain, repo.path, configDigest, bytes));
  image.config = { digest: configDigest, bytes };
  image.configPlatform = isImageConfig(parsed.config?.mediaType) ? platformFromConfig(bytes) : undefined;
  return image;
}

/** Artifact manifests (attestations, signatures) carry configs that are not image configs. */
function isImageConfig(mediaType: string | undefined): boolean {
  return (
    mediaType === 'application/vnd.docker.container.image.v1+json' ||
    mediaType === 'application/vnd.oci.image.config.v1+json'
  );
}

/** Narrows a descriptor parsed from registry JSON (where `null` may stand for absent) to ours. */
export function toDescriptor(d: ParsedDescriptor): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.urls) out.urls = d.urls;
  if (d.annotations) out.annotations = d.annotations;
  if (d.platform) out.platform = toPlatform(d.platform);
  if (d.artifactType) out.artifactType = d.artifactType;
  return out;
}

function toPlatform(p: NonNullable<ParsedDescriptor['platform']>): Platform {
  const out: Platform = { architecture: p.architecture ?? '', os: p.os ?? '' };
  if (p['os.version']) out['os.version'] = p['os.version'];
  if (p['os.features']) out['os.features'] = p['os.features'];
  if (p.variant) out.variant = p.variant;
  if (p.features) out.features = p.features;
  return out;
}
