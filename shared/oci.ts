/** Media types and OCI/Docker descriptor shapes shared by every layer. */
export const MediaType = {
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
} as const;

export type ImageManifestMediaType = typeof MediaType.DockerManifest | typeof MediaType.OciManifest;
export type ListMediaType = typeof MediaType.DockerManifestList | typeof MediaType.OciIndex;

/** Every manifest type we ask registries for (Accept header), in one place. */
export const MANIFEST_ACCEPT: readonly string[] = [
  MediaType.DockerManifest,
  MediaType.DockerManifestList,
  MediaType.OciManifest,
  MediaType.OciIndex,
];

export function isListMediaType(mt: string): mt is ListMediaType {
  return mt === MediaType.DockerManifestList || mt === MediaType.OciIndex;
}

export function isImageManifestMediaType(mt: string): mt is ImageManifestMediaType {
  return mt === MediaType.DockerManifest || mt === MediaType.OciManifest;
}

/** OCI platform; JSON keys as on the wire (`os.version`, `os.features`). */
export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
  features?: string[];
}

/** OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  data?: string;
  platform?: Platform;
  artifactType?: string;
}

/** Annotations BuildKit puts on attestation manifests inside an index. */
export const AttestationAnnotation = {
  type: 'vnd.docker.reference.type',
  digest: 'vnd.docker.reference.digest',
  attestationManifest: 'attestation-manifest',
} as const;

/** The 4 MiB ceiling distribution and containerd use for manifests. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
