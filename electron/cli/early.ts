/**
 * The launcher's first step, bundled on its own so it loads in a few milliseconds. From the command line
 * alone it works out which registries this run will talk to and what it will read first, and starts that
 * while the rest of the CLI loads (about 90 ms here): TCP connections to each registry, the first manifest
 * GET of each image, and from each answer the reads fetchReference makes next (a list's children, an
 * image's config). A wrong guess costs an unused connection or request, never a different result: the
 * registry client decides everything (scheme, TLS, credentials) as it always does, and only takes a
 * socket or an answer that matches what it was about to send (see TcpSockets, Speculations).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_ACCEPT, MAX_MANIFEST_BYTES } from '../../shared/oci';
import { type ImageReference, parseDockerReference, referenceString } from '../../shared/reference';
import { homeFrom, resolveConfigDir } from '../credentials/keys';
import { draftsRoot, storeSafeName } from '../drafts/safe-name';
import { endpointHost, isLoopbackHost, splitHost } from '../registry/hosts';
import { DEFAULT_TIMEOUT_MS } from '../registry/retry';
import { CACHEABLE_DIGEST, contentCacheDir, contentCachePath } from '../registry/content-cache-paths';
import { type Prefetched, launcherSpeculations } from '../registry/speculation';
import { type ConnectTarget, launcherSockets } from '../registry/tcp-sockets';
import { LIST_PRECONNECT, MAX_CONFIG_BYTES, USER_AGENT, timeoutFrom } from '../services/request-defaults';
import { parseArgs, splitCommandLine } from './args';
import { FLAGS } from './commands';

/** More registries or images than this in one `create` is rare; the rest connect and ask as usual. */
const MAX_REGISTRIES = 4;
const MAX_READS = 4;

export interface EarlyPlan {
  /** TCP connections to open, one per entry (a target twice: both schemes probed on one port, or warm-ups). */
  targets: ConnectTarget[];
  /** The manifest GETs to send ahead: each image's first read, on every scheme it may be read over. */
  reads: { ref: ImageReference; url: string }[];
  /** Whether the command reads a list's children (inspect), or only an image's config (create). */
  children: boolean;
}

/**
 * What `argv` will do first on the network: nothing for commands that work on local drafts only, nor for
 * `inspect` of a name a local draft shadows (docker's rule, see docker-inspect.ts).
 */
export function earlyPlan(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): EarlyPlan {
  const none = { targets: [], reads: [], children: false };
  let name, parsed, line;
  try {
    line = splitCommandLine(argv);
    name = line.command;
    if ((name !== 'inspect' && name !== 'create' && name !== 'push') || line.args.includes('--help')) return none;
    parsed = parseArgs(line.args, FLAGS[name]);
  } catch {
    return none;
  }
  // `inspect LIST REF` reads a local draft; `create LIST IMAGE…` fetches the images; `push LIST` writes to
  // the list's registry (its first request is no read).
  const args = name === 'inspect' ? (parsed.args.length === 1 ? parsed.args : []) : name === 'create' ? parsed.args.slice(1) : parsed.args.slice(0, 1);
  const insecure = parsed.flags.get('insecure') === true;
  const refs: ImageReference[] = [];
  for (const arg of args) {
    try {
      refs.push(parseDockerReference(arg));
    } catch {
      // The CLI reports the bad reference itself.
    }
  }
  if (name === 'inspect' && refs[0] && hasLocalDraft(refs[0], line.configFlag, env)) return none;
  const domains = [...new Set(refs.map((r) => r.domain))].slice(0, MAX_REGISTRIES);
  const targets = domains.flatMap((domain) => schemesFor(domain, insecure).map(({ hostname, port }) => ({ hostname, port })));
  // What inspect's first read opens for a list's children (see fetchReference), opened now instead: plain
  // TCP, which the early reads or the registry client finish (TLS) once the scheme is known.
  const first = targets[0];
  if (name === 'inspect' && first) targets.push(...Array.from({ length: LIST_PRECONNECT }, () => first));
  return {
    targets,
    reads: name === 'push' ? [] : refs.slice(0, MAX_READS).flatMap((ref) => readSchemes(ref.domain, insecure).map((scheme) => ({ ref, url: manifestUrl(scheme, ref) }))),
    children: name === 'inspect',
  };
}

export interface FollowingRead {
  url: string;
  kind: 'manifest' | 'blob';
  digest: string;
}

/**
 * What fetchReference reads after the manifest at `url` answered `answer`: each child of a list (when
 * `children`) that is not `cached` (read from the content cache instead, config included), or an image's
 * config. Nothing for a failed read or a document it cannot use; the registry client checks every answer
 * it takes, so this only needs the digests, not a valid manifest.
 */
export function followingReads(
  url: string,
  answer: Prefetched | undefined,
  children: boolean,
  cached: (digest: string) => boolean = () => false,
): FollowingRead[] {
  if (answer?.status !== 200) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(answer.body).toString('utf8'));
  } catch {
    return [];
  }
  if (typeof doc !== 'object' || doc === null) return [];
  const repository = url.slice(0, url.lastIndexOf('/manifests/'));
  // Only the digests the registry client accepts (see digestAlgorithm): nothing else becomes a URL.
  const digestIn = (d: unknown): string | undefined =>
    typeof d === 'object' && d !== null && 'digest' in d && typeof d.digest === 'string' && CACHEABLE_DIGEST.test(d.digest) ? d.digest : undefined;
  if ('manifests' in doc) {
    if (!children || !Array.isArray(doc.manifests)) return [];
    return doc.manifests.flatMap((d: unknown) => {
      const digest = digestIn(d);
      return digest && !cached(digest) ? [{ url: `${repository}/manifests/${digest}`, kind: 'manifest' as const, digest }] : [];
    });
  }
  const config = 'config' in doc ? digestIn(doc.config) : undefined;
  return config ? [{ url: `${repository}/blobs/${config}`, kind: 'blob', digest: config }] : [];
}

/** Whether the draft store holds a list of this name (its directory exists, as DraftStore.exists has it). */
function hasLocalDraft(ref: ImageReference, configFlag: string | undefined, env: NodeJS.ProcessEnv): boolean {
  const configDir = resolveConfigDir({ flag: configFlag, env, home: homeFrom(env) });
  return existsSync(join(draftsRoot(configDir), storeSafeName(referenceString(ref))));
}

/**
 * https first, as the registry client tries it; where plain HTTP may be tried too (loopback, --insecure)
 * that attempt runs at the same time, so it is planned as well.
 */
function schemesFor(domain: string, insecure: boolean): { scheme: 'https' | 'http'; hostname: string; port: number }[] {
  const host = endpointHost(domain);
  const { hostname, port } = splitHost(host);
  const schemes: { scheme: 'https' | 'http'; hostname: string; port: number }[] = [{ scheme: 'https', hostname, port: port ? Number(port) : 443 }];
  if (insecure || isLoopbackHost(host)) schemes.push({ scheme: 'http', hostname, port: port ? Number(port) : 80 });
  return schemes;
}

/**
 * Where plain HTTP is tried on the very port https uses, its answer alone settles the scheme (see
 * Endpoints.doProbe), so only that read is sent ahead: no TLS to load and no handshake doomed to fail.
 */
function readSchemes(domain: string, insecure: boolean): ('https' | 'http')[] {
  const schemes = schemesFor(domain, insecure);
  const [https, http] = schemes;
  return http && https && http.port === https.port ? ['http'] : schemes.map((s) => s.scheme);
}

/** The URL the registry client's first GET of `ref` goes to (see getManifest and fetchReference). */
function manifestUrl(scheme: string, ref: ImageReference): string {
  return new URL(`${scheme}://${endpointHost(ref.domain)}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}`).href;
}

/** Whether the content cache at `dir` (none: undefined) holds a manifest of `ref`'s repository. */
export function inCache(dir: string | undefined, ref: ImageReference): (digest: string) => boolean {
  return (digest) => {
    const path = dir && contentCachePath(dir, 'manifests', ref.domain, ref.path, digest);
    return !!path && existsSync(path);
  };
}

/**
 * Called by bin/manifest-studio.js: starts the plan and returns how many connections it opened. Never
 * throws (a failed guess only loses the head start).
 */
export function preconnect(argv: readonly string[]): number {
  try {
    const { targets, reads, children } = earlyPlan(argv);
    const pool = launcherSockets();
    for (const t of targets) pool.fill(t, pool.count(t.hostname, t.port) + 1);
    const timeoutMs = timeoutFrom(process.env) ?? DEFAULT_TIMEOUT_MS;
    // The headers getManifest and getBlob send, so the registry client recognises these as its own requests.
    const manifest = { 'user-agent': USER_AGENT, accept: MANIFEST_ACCEPT.join(', ') };
    const blob = { 'user-agent': USER_AGENT };
    const cacheDir = contentCacheDir(process.env, process.platform, homeFrom(process.env));
    const read = (ref: ImageReference, url: string, kind: FollowingRead['kind'], follow: boolean): void => {
      const answer = launcherSpeculations().start(
        kind === 'manifest' ? { url, headers: manifest, maxBytes: MAX_MANIFEST_BYTES, timeoutMs } : { url, headers: blob, maxBytes: MAX_CONFIG_BYTES, timeoutMs },
      );
      // Chained before the registry client can ask for this answer, so the reads that follow are started
      // by the time it asks for them.
      if (kind !== 'manifest') return;
      void answer.then((a) => {
        for (const next of followingReads(url, a, follow, inCache(cacheDir, ref))) read(ref, next.url, next.kind, false);
      });
    };
    for (const { ref, url } of reads) read(ref, url, 'manifest', children);
    return targets.length;
  } catch {
    // Nothing to undo: the CLI connects and asks as usual.
    return 0;
  }
}
