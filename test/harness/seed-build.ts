import { gzipDeterministic, sha256Digest, writeTar, type TarEntry } from './tar';
import { MT, type SeedBlob, type SeedIndexChild, type SeedManifest, type SeedPlatform } from './seed-types';

/** Bytes to upload, keyed by digest. */
export type BlobStore = Map<string, Buffer>;

/** A gzip layer with its digest and the digest of the uncompressed tar (rootfs diff_id). */
export interface LayerBlob {
  gz: Buffer;
  digest: string;
  diffId: string;
}

export const CREATED = '2024-01-01T00:00:00Z';

/** The `config` section of an image config (what `docker inspect` shows). */
export interface RuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  Labels?: Record<string, string>;
}

export interface HistoryEntry {
  created: string;
  created_by: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageSpec {
  format: 'docker' | 'oci';
  platform: SeedPlatform;
  runtime: RuntimeConfig;
  layers: LayerBlob[];
  history: HistoryEntry[];
}

/** Builds a layer from tar entries. */
export function makeLayer(entries: TarEntry[], level = 9): LayerBlob {
  return layerFromTar(writeTar(entries), level);
}

/** Compresses an existing tarball into a layer. */
export function layerFromTar(tar: Buffer, level = 9): LayerBlob {
  const gz = gzipDeterministic(tar, level);
  return { gz, digest: sha256Digest(gz), diffId: sha256Digest(tar) };
}

/** Docker writes its manifests with 3-space indentation; BuildKit writes OCI ones compact. Both are kept byte-exact. */
function serialise(value: unknown, format: 'docker' | 'oci'): string {
  return format === 'docker' ? JSON.stringify(value, null, 3) : JSON.stringify(value);
}

function platformFields(p: SeedPlatform): Record<string, unknown> {
  return {
    architecture: p.architecture,
    os: p.os,
    ...(p['os.version'] ? { 'os.version': p['os.version'] } : {}),
    ...(p['os.features'] ? { 'os.features': p['os.features'] } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
  };
}

function blob(store: BlobStore, bytes: Buffer, mediaType: string): SeedBlob {
  const digest = sha256Digest(bytes);
  store.set(digest, bytes);
  return { digest, size: bytes.length, mediaType };
}

/** Builds config + manifest for one single-platform image and records every blob in `store`. */
export function buildImage(spec: ImageSpec, store: BlobStore): SeedManifest {
  const docker = spec.format === 'docker';
  const configJson = JSON.stringify({
    ...platformFields(spec.platform),
    created: CREATED,
    config: spec.runtime,
    rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => l.diffId) },
    history: spec.history,
  });
  const config = blob(store, Buffer.from(configJson), docker ? MT.dockerConfig : MT.ociConfig);
  const layers = spec.layers.map((l) => blob(store, l.gz, docker ? MT.dockerLayer : MT.ociLayer));
  const mediaType = docker ? MT.dockerManifest : MT.ociManifest;
  const raw = serialise({ schemaVersion: 2, mediaType, config, layers }, spec.format);
  return {
    digest: sha256Digest(raw), size: Buffer.byteLength(raw), mediaType, raw,
    platform: spec.platform, config, layers, configRaw: configJson,
  };
}

/**
 * A BuildKit-style attestation manifest for `subject`: OCI manifest whose single layer is an in-toto
 * statement, listed in the index with platform unknown/unknown and vnd.docker.reference.* annotations.
 */
export function buildAttestation(subject: SeedManifest, name: string, store: BlobStore): SeedIndexChild {
  const p = subject.platform;
  const statement = JSON.stringify({
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject: [{
      name: `pkg:docker/${name}?platform=${encodeURIComponent(`${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`)}`,
      digest: { sha256: subject.digest.slice('sha256:'.length) },
    }],
    predicate: { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1', metadata: { buildInvocationID: 'ms-harness' } },
  });
  const layerBytes = Buffer.from(statement);
  const layer = { ...blob(store, layerBytes, MT.inToto), annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } };
  const configJson = JSON.stringify({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [sha256Digest(layerBytes)] } });
  const config = blob(store, Buffer.from(configJson), MT.ociConfig);
  const raw = serialise({ schemaVersion: 2, mediaType: MT.ociManifest, config, layers: [layer] }, 'oci');
  return {
    kind: 'attestation', digest: sha256Digest(raw), size: Buffer.byteLength(raw), mediaType: MT.ociManifest, raw,
    platform: { architecture: 'unknown', os: 'unknown' }, config, layers: [{ digest: layer.digest, size: layer.size, mediaType: layer.mediaType }],
    configRaw: configJson,
    descriptorAnnotations: { 'vnd.docker.reference.digest': subject.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
    attests: subject.digest,
  };
}

/** Serialises a Docker manifest list or OCI index over `children` (exact bytes returned). */
export function buildIndex(format: 'docker' | 'oci', children: SeedIndexChild[], annotations?: Record<string, string>): { raw: string; digest: string; size: number; mediaType: string } {
  const mediaType = format === 'docker' ? MT.dockerList : MT.ociIndex;
  const manifests = children.map((c) => ({
    mediaType: c.mediaType,
    ...(format === 'docker' ? { size: c.size, digest: c.digest } : { digest: c.digest, size: c.size }),
    ...(c.descriptorAnnotations ? { annotations: c.descriptorAnnotations } : {}),
    platform: platformFields(c.platform),
  }));
  const raw = serialise({ schemaVersion: 2, mediaType, manifests, ...(annotations ? { annotations } : {}) }, format);
  return { raw, digest: sha256Digest(raw), size: Buffer.byteLength(raw), mediaType };
}
