import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryMode } from './registry';
import {
  buildAttestation, buildImage, buildIndex, CREATED, layerFromTar, makeLayer,
  type BlobStore, type HistoryEntry, type LayerBlob, type RuntimeConfig,
} from './seed-build';
import { sha256Digest, writeTar } from './tar';
import type { SeedCatalog, SeedImage, SeedIndex, SeedIndexChild, SeedPlatform } from './seed-types';

/** What to push into one repository: blobs, then manifests in order (children before their list). */
export interface PushUnit {
  repo: string;
  blobs: BlobStore;
  manifests: { ref: string; mediaType: string; raw: string }[];
  seededIn: RegistryMode[];
}

export interface SeedContent {
  catalog: SeedCatalog;
  units: PushUnit[];
}

const ALL: RegistryMode[] = ['plain', 'tls', 'basic', 'token'];
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const BIG_LAYER_BYTES = 50 * 1024 * 1024;

const baseLayer = makeLayer([
  { path: 'etc/' },
  { path: 'etc/ms-release', content: 'NAME="Manifest Studio test base"\nVERSION_ID=1\n' },
  { path: 'bin/' },
]);

const appLayers = new Map<string, LayerBlob>();

function platformString(p: SeedPlatform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}${p['os.version'] ? `@${p['os.version']}` : ''}`;
}

/** The per-platform layer; identical bytes wherever the same platform appears (enables cross-repo mounts). */
function appLayer(p: SeedPlatform): LayerBlob {
  const key = platformString(p);
  let layer = appLayers.get(key);
  if (!layer) {
    layer = makeLayer([
      { path: 'app/' },
      { path: 'app/hello', content: `#!/bin/sh\necho "hello from ${key}"\n`, mode: 0o755 },
      { path: 'etc/' },
      { path: 'etc/ms-platform', content: `${key}\n` },
    ]);
    appLayers.set(key, layer);
  }
  return layer;
}

function history(p: SeedPlatform, runtime: RuntimeConfig): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    { created: CREATED, created_by: 'ADD ms-base.tar / # buildkit', comment: 'buildkit.dockerfile.v0' },
    { created: CREATED, created_by: `ENV MS_PLATFORM=${platformString(p)}`, comment: 'buildkit.dockerfile.v0', empty_layer: true },
    { created: CREATED, created_by: 'COPY app /app # buildkit', comment: 'buildkit.dockerfile.v0' },
  ];
  if (runtime.Cmd) entries.push({ created: CREATED, created_by: `CMD ${JSON.stringify(runtime.Cmd)}`, comment: 'buildkit.dockerfile.v0', empty_layer: true });
  return entries;
}

/** A varied runtime config so inspectors have Env, Entrypoint, Cmd, Labels, User, WorkingDir, ports to show. */
function runtimeFor(p: SeedPlatform, i: number, title: string): RuntimeConfig {
  const plat = platformString(p);
  if (p.os === 'windows') {
    return { Env: ['Path=C:\\Windows\\system32;C:\\Windows', `MS_PLATFORM=${plat}`], Cmd: ['cmd', '/S', '/C', 'echo hello'], WorkingDir: 'C:\\app',
      Labels: { 'org.opencontainers.image.title': title } };
  }
  const runtime: RuntimeConfig = { Env: [PATH_ENV, `MS_PLATFORM=${plat}`] };
  if (i % 2 === 0) {
    runtime.Entrypoint = ['/app/hello'];
    runtime.Cmd = ['--greet', 'world'];
  } else {
    runtime.Cmd = ['/bin/sh'];
  }
  if (i % 3 === 0) runtime.Labels = { 'org.opencontainers.image.title': title, 'org.opencontainers.image.version': '1.2.3', 'com.example.platform': plat };
  if (i % 4 === 1) {
    runtime.User = '1000:1000';
    runtime.WorkingDir = '/app';
  }
  if (i % 3 === 1) runtime.ExposedPorts = { '8080/tcp': {}, '53/udp': {} };
  return runtime;
}

function image(p: SeedPlatform, format: 'docker' | 'oci', i: number, title: string, store: BlobStore, extra: LayerBlob[] = []) {
  const runtime = runtimeFor(p, i, title);
  return buildImage({ format, platform: p, runtime, layers: [baseLayer, appLayer(p), ...extra], history: history(p, runtime) }, store);
}

function single(repo: string, tag: string, p: SeedPlatform, format: 'docker' | 'oci', i: number, units: PushUnit[], seededIn = ALL, extra: LayerBlob[] = []): SeedImage {
  const blobs: BlobStore = new Map();
  const m = image(p, format, i, `${repo}:${tag}`, blobs, extra);
  units.push({ repo, blobs, manifests: [{ ref: tag, mediaType: m.mediaType, raw: m.raw }], seededIn });
  return { ...m, kind: 'image', repo, tag, ref: `${repo}:${tag}`, seededIn };
}

export const MULTI_PLATFORMS: SeedPlatform[] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: '386' },
  { os: 'linux', architecture: 'arm', variant: 'v5' },
  { os: 'linux', architecture: 'arm', variant: 'v6' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
  { os: 'linux', architecture: 'ppc64le' },
  { os: 'linux', architecture: 's390x' },
  { os: 'linux', architecture: 'riscv64' },
  { os: 'linux', architecture: 'mips64le' },
  { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1234' },
  { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2113', 'os.features': ['win32k'] },
];

function index(repo: string, tag: string, format: 'docker' | 'oci', children: SeedIndexChild[], blobs: BlobStore, units: PushUnit[], annotations?: Record<string, string>): SeedIndex {
  const built = buildIndex(format, children, annotations);
  const manifests = [...children.map((c) => ({ ref: c.digest, mediaType: c.mediaType, raw: c.raw })), { ref: tag, mediaType: built.mediaType, raw: built.raw }];
  units.push({ repo, blobs, manifests, seededIn: ALL });
  return { kind: 'index', repo, tag, ref: `${repo}:${tag}`, ...built, ...(annotations ? { annotations } : {}), children, seededIn: ALL };
}

function multi(units: PushUnit[]): SeedIndex {
  const blobs: BlobStore = new Map();
  const children: SeedIndexChild[] = MULTI_PLATFORMS.map((p, i) => ({ ...image(p, 'docker', i, 'test/multi', blobs), kind: 'image' }));
  return index('test/multi', 'latest', 'docker', children, blobs, units);
}

function ociIndex(units: PushUnit[]): SeedIndex {
  const blobs: BlobStore = new Map();
  const platforms: SeedPlatform[] = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64' },
    { os: 'linux', architecture: 'arm', variant: 'v7' },
  ];
  const images: SeedIndexChild[] = platforms.map((p, i) => ({ ...image(p, 'oci', i + 1, 'test/oci-index', blobs), kind: 'image' }));
  const attestations = images.map((img) => buildAttestation(img, 'test/oci-index@latest', blobs));
  return index('test/oci-index', 'latest', 'oci', [...images, ...attestations], blobs, units, {
    'org.opencontainers.image.created': CREATED,
    'org.opencontainers.image.source': 'https://example.com/manifest-studio/test-images',
    'org.opencontainers.image.revision': 'c0ffee0000000000000000000000000000000000',
  });
}

/**
 * 50 MiB from a fixed-seed xorshift32: deflate finds nothing to compress, yet the bytes are the same
 * on every run (2.5× faster than an AES keystream here). Uint32Array is little-endian on every
 * platform the tests run on (x86-64, arm64).
 */
function bigLayerTar(): Buffer {
  const words = new Uint32Array(BIG_LAYER_BYTES / 4);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < words.length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  const data = Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  return writeTar([{ path: 'data/' }, { path: 'data/random.bin', content: data }]);
}

/** Builds the big layer once and caches its bytes under `dir`; later calls in the run read the file. */
async function bigLayer(dir: string): Promise<{ layer: LayerBlob; file: string }> {
  const file = join(dir, 'big-layer.tar.gz');
  const meta = join(dir, 'big-layer.json');
  try {
    const cached = JSON.parse(await readFile(meta, 'utf8')) as { digest: string; diffId: string };
    const gz = await readFile(file);
    if (sha256Digest(gz) === cached.digest) return { layer: { gz, ...cached }, file };
  } catch {
    // not cached yet
  }
  // Level 0 (stored blocks): the data is random, so deflate would store it anyway; searching for
  // matches only burns seconds of CPU. Stored output is also the most reproducible gzip there is.
  const { gz, digest, diffId } = layerFromTar(bigLayerTar(), 0);
  await mkdir(dir, { recursive: true });
  await writeFile(`${file}.tmp`, gz);
  await rename(`${file}.tmp`, file);
  await writeFile(meta, JSON.stringify({ digest, diffId }));
  return { layer: { gz, digest, diffId }, file };
}

/** Builds the whole catalog in memory (plus the big layer cached in `workDir`). Deterministic. */
export async function buildSeedContent(workDir: string): Promise<SeedContent> {
  const units: PushUnit[] = [];
  const big = await bigLayer(workDir);
  const catalog: Omit<SeedCatalog, 'tagged'> = {
    amd64: single('test/amd64', 'latest', { os: 'linux', architecture: 'amd64' }, 'docker', 0, units),
    armV7: single('test/arm', 'v7', { os: 'linux', architecture: 'arm', variant: 'v7' }, 'docker', 1, units),
    arm64: single('test/arm64', 'latest', { os: 'linux', architecture: 'arm64', variant: 'v8' }, 'docker', 2, units),
    windows: single('test/win', 'latest', { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1234' }, 'docker', 3, units),
    ociArm64: single('test/oci-arm64', 'latest', { os: 'linux', architecture: 'arm64', variant: 'v8' }, 'oci', 4, units),
    multi: multi(units),
    ociIndex: ociIndex(units),
    big: single('test/big', 'latest', { os: 'linux', architecture: 'amd64' }, 'docker', 5, units, ['plain', 'tls'], [big.layer]),
    bigLayerFile: big.file,
  };
  const tagged = [catalog.amd64, catalog.armV7, catalog.arm64, catalog.windows, catalog.ociArm64, catalog.multi, catalog.ociIndex, catalog.big];
  return { catalog: { ...catalog, tagged }, units };
}
