import type { RegistryMode } from './registry';

/** Media types the seed uses, spelled out here because the harness must not import product code. */
export const MT = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  inToto: 'application/vnd.in-toto+json',
} as const;

/** A platform as written in a list entry (and in the image config). */
export interface SeedPlatform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface SeedBlob {
  digest: string;
  size: number;
  mediaType: string;
}

/** One single-platform manifest as pushed: exact bytes and what it references. */
export interface SeedManifest {
  digest: string;
  size: number;
  mediaType: string;
  /** The exact manifest bytes pushed (UTF-8 JSON, ASCII only). */
  raw: string;
  platform: SeedPlatform;
  config: SeedBlob;
  layers: SeedBlob[];
  /** The image config JSON as pushed (exact bytes). */
  configRaw: string;
}

/** A tagged single-platform image. */
export interface SeedImage extends SeedManifest {
  kind: 'image';
  repo: string;
  tag: string;
  /** `repo:tag` (no registry host). */
  ref: string;
  seededIn: RegistryMode[];
}

/** An entry of a list/index, stored by digest in the same repo as the list. */
export interface SeedIndexChild extends SeedManifest {
  kind: 'image' | 'attestation';
  /** Annotations on the index's descriptor (attestations: vnd.docker.reference.*). */
  descriptorAnnotations?: Record<string, string>;
  /** Attestations: digest of the image manifest they describe. */
  attests?: string;
}

/** A tagged Docker manifest list or OCI index. */
export interface SeedIndex {
  kind: 'index';
  repo: string;
  tag: string;
  ref: string;
  digest: string;
  size: number;
  mediaType: string;
  raw: string;
  annotations?: Record<string, string>;
  children: SeedIndexChild[];
  seededIn: RegistryMode[];
}

export type SeedTagged = SeedImage | SeedIndex;

/** Everything the harness pushes, identical in every registry (except `big`, only in plain and tls). */
export interface SeedCatalog {
  /** test/amd64:latest — Docker schema2, linux/amd64. */
  amd64: SeedImage;
  /** test/arm:v7 — Docker schema2, linux/arm/v7. */
  armV7: SeedImage;
  /** test/arm64:latest — Docker schema2, linux/arm64, config variant v8. */
  arm64: SeedImage;
  /** test/win:latest — Docker schema2, windows/amd64 10.0.17763.1234. */
  windows: SeedImage;
  /** test/oci-arm64:latest — OCI manifest, linux/arm64/v8. */
  ociArm64: SeedImage;
  /** test/multi:latest — Docker manifest list, 12 platforms. */
  multi: SeedIndex;
  /** test/oci-index:latest — OCI index with BuildKit attestations and annotations. */
  ociIndex: SeedIndex;
  /** test/big:latest — one ~50 MB incompressible layer; only in plain and tls. */
  big: SeedImage;
  /** Every tagged entry above, for iteration. */
  tagged: SeedTagged[];
  /** The big layer's gzip bytes on disk (digest = big.layers[1].digest). */
  bigLayerFile: string;
}
