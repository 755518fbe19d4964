/**
 * docker's output formats for `docker manifest inspect` and the list `push` sends, byte-exact with
 * docker 28.2.2 (docs/docker-behavior.md §2.1, §4.2). Key orders mirror the Go structs docker marshals:
 * image-spec `Descriptor`/`Platform` for verbose output and store files, distribution's
 * `ManifestDescriptor`/`PlatformSpec` for lists.
 */
import { MediaType, type Descriptor, type Platform } from '../../../shared/oci';
import { sha256Digest } from './digest';
import { goJsonIndent, goMarshalIndentBytes, RawJson, sortedMap, utf8 } from './go-json';
import { goMarshalIndentString } from './go-json-indent-string';

export type PayloadKind = 'SchemaV2Manifest' | 'OCIManifest';

/** One entry of a list docker builds: what `buildManifestDescriptor` keeps. */
export interface ListEntry {
  mediaType: string;
  size: number;
  digest: string;
  platform?: Platform | undefined;
}

export interface VerboseItem {
  ref: string;
  descriptor: Descriptor;
  /** The manifest's exact bytes (base64 in `Raw`). */
  raw: Uint8Array;
  /** Which payload key to use; default from `descriptor.mediaType`. */
  kind?: PayloadKind;
  /** Bytes to embed as the payload if they differ from `raw` (a store file's stored payload). */
  payload?: Uint8Array;
}

export interface BuiltList {
  bytes: Uint8Array;
  mediaType: string;
  digest: string;
}

function nonEmpty<T>(v: T[] | null | undefined): T[] | undefined {
  return v !== undefined && v !== null && v.length > 0 ? v : undefined;
}

function str(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** image-spec v1.1 `Platform` field order and omitempty rules (no `features`). */
export function ociPlatformForGo(p: Platform): Record<string, unknown> {
  return {
    architecture: p.architecture,
    os: p.os,
    'os.version': str(p['os.version']),
    'os.features': nonEmpty(p['os.features']),
    variant: str(p.variant),
  };
}

/** image-spec `Descriptor` as Go marshals it (annotations sorted, empties omitted). */
export function ociDescriptorForGo(d: Descriptor): Record<string, unknown> {
  const annotations = d.annotations ?? undefined;
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    urls: nonEmpty(d.urls),
    annotations: annotations && Object.keys(annotations).length > 0 ? sortedMap(annotations) : undefined,
    data: str(d.data),
    platform: d.platform ? ociPlatformForGo(d.platform) : undefined,
    artifactType: str(d.artifactType),
  };
}

/** distribution's `PlatformSpec`: architecture and os always, the rest when non-empty. */
export function listPlatformForGo(p: Platform | undefined): Record<string, unknown> {
  return {
    architecture: p?.architecture ?? '',
    os: p?.os ?? '',
    'os.version': str(p?.['os.version']),
    'os.features': nonEmpty(p?.['os.features']),
    variant: str(p?.variant),
    features: nonEmpty(p?.features),
  };
}

/** The list media type docker picks: OCI index iff the first entry is an OCI image manifest. */
export function dockerListMediaType(entries: readonly ListEntry[]): string {
  return entries[0]?.mediaType === MediaType.OciManifest ? MediaType.OciIndex : MediaType.DockerManifestList;
}

/** distribution's `ManifestList` serialisation for a given media type (3-space indent, no newline). */
export function serializeList(mediaType: string, entries: readonly ListEntry[]): BuiltList {
  const body = {
    schemaVersion: 2,
    mediaType,
    manifests: entries.map((e) => ({
      // distribution's Descriptor tags these omitempty; its ManifestDescriptor.Platform is not.
      mediaType: str(e.mediaType),
      size: e.size === 0 ? undefined : e.size,
      digest: str(e.digest),
      platform: listPlatformForGo(e.platform),
    })),
  };
  const bytes = goMarshalIndentBytes(body, '', '   ');
  return { bytes, mediaType, digest: sha256Digest(bytes) };
}

/**
 * Exactly the list `docker manifest push` PUTs (distribution's `FromDescriptors`;
 * docs/docker-behavior.md §4.2): media type from the first entry, entries in the order given.
 */
export function buildDockerList(entries: readonly ListEntry[]): BuiltList {
  return serializeList(dockerListMediaType(entries), entries);
}

/**
 * `docker manifest inspect` of a list (non-verbose): the rebuilt list plus a newline
 * (docs/docker-behavior.md §2.1).
 */
export function formatInspectList(entries: readonly ListEntry[]): string {
  return `${utf8(buildDockerList(entries).bytes)}\n`;
}

/** `docker manifest inspect` of one image manifest (non-verbose): tab-indented bytes plus a newline. */
export function formatInspectImage(raw: Uint8Array): string {
  return `${goJsonIndent(raw, '', '\t')}\n`;
}

/** Payload key for a manifest media type, as docker's fetcher chooses it. */
export function payloadKindFor(mediaType: string): PayloadKind {
  return mediaType === MediaType.OciManifest ? 'OCIManifest' : 'SchemaV2Manifest';
}

/** docker's `types.ImageManifest` as Go marshals it (used for verbose output and store files). */
export function imageManifestForGo(item: VerboseItem): Record<string, unknown> {
  const kind = item.kind ?? payloadKindFor(item.descriptor.mediaType);
  return {
    Ref: item.ref,
    Descriptor: ociDescriptorForGo(item.descriptor),
    Raw: item.raw.length > 0 ? item.raw : undefined,
    [kind]: new RawJson(item.payload ?? item.raw),
  };
}

/** `docker manifest inspect --verbose`: one object, or an array for a list; tab indent and newline. */
export function formatVerbose(items: VerboseItem | readonly VerboseItem[]): string {
  const value = Array.isArray(items)
    ? (items as readonly VerboseItem[]).map(imageManifestForGo)
    : imageManifestForGo(items as VerboseItem);
  return `${goMarshalIndentString(value, '\t')}\n`;
}
