/**
 * Lists we create ourselves (the app's push, which can choose the media type and carry OCI annotations).
 * Serialised like docker (3-space indent, no trailing newline, distribution's descriptor key order), so
 * a Docker-typed list without extras is byte-identical to what `docker manifest push` would send.
 */
import { StudioError } from '../../../shared/errors';
import { MediaType, type Descriptor, type ListMediaType } from '../../../shared/oci';
import { ociPlatformForGo, serializeList, type BuiltList } from './docker-format';
import { goMarshalIndentBytes, sortedMap } from './go-json';
import { sha256Digest } from './digest';

export interface IndexInput {
  mediaType: ListMediaType;
  manifests: readonly Descriptor[];
  /** Index-level annotations (OCI index only). */
  annotations?: Record<string, string> | undefined;
}

function hasKeys(m: Record<string, string> | undefined): m is Record<string, string> {
  return m !== undefined && Object.keys(m).length > 0;
}

function rejectDockerExtras(input: IndexInput): void {
  const withAnnotations = input.manifests.find((d) => hasKeys(d.annotations));
  if (hasKeys(input.annotations) || withAnnotations !== undefined) {
    throw new StudioError('BAD_INPUT', 'annotations are not supported in a Docker manifest list', {
      hint: 'Choose the OCI image index media type to keep annotations, or remove them.',
    });
  }
}

function ociEntry(d: Descriptor): Record<string, unknown> {
  return {
    mediaType: d.mediaType,
    size: d.size,
    digest: d.digest,
    urls: d.urls && d.urls.length > 0 ? d.urls : undefined,
    annotations: hasKeys(d.annotations) ? sortedMap(d.annotations) : undefined,
    platform: d.platform ? ociPlatformWithFeatures(d.platform) : undefined,
    artifactType: d.artifactType || undefined,
  };
}

function ociPlatformWithFeatures(p: NonNullable<Descriptor['platform']>): Record<string, unknown> {
  return { ...ociPlatformForGo(p), features: p.features && p.features.length > 0 ? p.features : undefined };
}

/**
 * Builds list bytes. Docker list: exactly docker's serialisation (entries' platform always written,
 * annotations refused). OCI index: same layout plus descriptor and index annotations.
 */
export function buildIndex(input: IndexInput): BuiltList {
  if (input.mediaType === MediaType.DockerManifestList) {
    rejectDockerExtras(input);
    // Unlike docker we keep the chosen type even when the first entry is an OCI manifest.
    return serializeList(input.mediaType, input.manifests);
  }
  const body = {
    schemaVersion: 2,
    mediaType: input.mediaType,
    manifests: input.manifests.map(ociEntry),
    annotations: hasKeys(input.annotations) ? sortedMap(input.annotations) : undefined,
  };
  const bytes = goMarshalIndentBytes(body, '', '   ');
  return { bytes, mediaType: input.mediaType, digest: sha256Digest(bytes) };
}
