import { StudioError } from '../../shared/errors';
import type { Descriptor, Platform } from '../../shared/oci';
import { type ImageReference, referenceString, repositoryString } from '../../shared/reference';
import { type ImageManifestJson, type IndexJson, parseManifest, platformFromConfig } from '../manifests';
import type { ManifestResult, RegistryClient, RepoRef } from '../registry';
import { LIST_PRECONNECT, MAX_CONFIG_BYTES } from './request-defaults';
import { toDescriptor } from './views';

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

/**
 * Fetches what `ref` names. A tag+digest reference is fetched by tag and then checked against the digest,
 * as docker does. Children of a list and every config are fetched concurrently (the client bounds the
 * concurrency per host), which is where we beat docker's 28 sequential requests.
 */
export async function fetchReference(
  client: RegistryClient,
  ref: ImageReference,
  options: { signal?: AbortSignal; children?: boolean } = {},
): Promise<Fetched> {
  const repo = repoOf(ref);
  const manifest = await client.getManifest(repo, ref.tag ?? (ref.digest as string), {
    signal: options.signal,
    ...(options.children !== false ? { preconnect: LIST_PRECONNECT } : {}),
  });
  if (ref.tag !== undefined && ref.digest !== undefined && manifest.digest !== ref.digest) {
    throw new StudioError('DIGEST_MISMATCH', `manifest verification failed for digest ${ref.digest}`, {
      hint: `The tag now points at ${manifest.digest}; drop the tag or the digest from the reference.`,
    });
  }
  const parsed = parseManifest(manifest.bytes, manifest.mediaType);
  const display = referenceString(ref);
  if (parsed.kind === 'image') {
    return { kind: 'image', image: await withConfig(client, display, repo, manifest, parsed.manifest, options.signal) };
  }
  const list: FetchedList = { ref: display, repo, manifest, parsed: parsed.manifest, children: [] };
  if (options.children !== false) {
    const base = ref.tag !== undefined ? `${repositoryString(ref)}:${ref.tag}` : repositoryString(ref);
    list.children = await Promise.all(
      parsed.manifest.manifests.map((d) => fetchChild(client, repo, `${base}@${d.digest}`, toDescriptor(d), options.signal)),
    );
  }
  return { kind: 'list', list };
}

async function fetchChild(
  client: RegistryClient,
  repo: RepoRef,
  ref: string,
  descriptor: Descriptor,
  signal: AbortSignal | undefined,
): Promise<FetchedChild> {
  try {
    const manifest = await client.getManifest(repo, descriptor.digest, { signal });
    const parsed = parseManifest(manifest.bytes, manifest.mediaType);
    if (parsed.kind !== 'image') return { descriptor, other: manifest };
    return { descriptor, image: await withConfig(client, ref, repo, manifest, parsed.manifest, signal) };
  } catch (e) {
    if (e instanceof StudioError && e.code !== 'CANCELLED') return { descriptor, error: e };
    throw e;
  }
}

async function withConfig(
  client: RegistryClient,
  ref: string,
  repo: RepoRef,
  manifest: ManifestResult,
  parsed: ImageManifestJson,
  signal: AbortSignal | undefined,
): Promise<FetchedImage> {
  const image: FetchedImage = { ref, repo, manifest, parsed };
  const configDigest = parsed.config?.digest;
  if (configDigest === undefined) return image;
  const bytes = await client.getBlob(repo, configDigest, { signal, maxBytes: MAX_CONFIG_BYTES });
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
