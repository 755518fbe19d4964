/**
 * The launcher's first step, bundled on its own so it loads in a few milliseconds. From the command line
 * alone it works out which registries this run will talk to and what it will read first, and starts that
 * while the rest of the CLI loads (about 90 ms here): TCP connections to each registry, and the first
 * manifest GET of each image. A wrong guess costs an unused connection or request, never a different
 * result: the registry client decides everything (scheme, TLS, credentials) as it always does, and only
 * takes a socket or an answer that matches what it was about to send (see TcpSockets, Speculations).
 */
import { MANIFEST_ACCEPT, MAX_MANIFEST_BYTES } from '../../shared/oci';
import { type ImageReference, parseDockerReference } from '../../shared/reference';
import { endpointHost, isLoopbackHost, socketAddress, splitHost } from '../registry/hosts';
import { DEFAULT_TIMEOUT_MS } from '../registry/retry';
import { launcherSpeculations } from '../registry/speculation';
import { type ConnectTarget, launcherSockets } from '../registry/tcp-sockets';
import { LIST_PRECONNECT, USER_AGENT, timeoutFrom } from '../services/request-defaults';
import { parseArgs, splitCommandLine } from './args';
import { FLAGS } from './commands';

/** More registries or images than this in one `create` is rare; the rest connect and ask as usual. */
const MAX_REGISTRIES = 4;
const MAX_READS = 4;

export interface EarlyPlan {
  /** TCP connections to open, one per entry (a target twice: both schemes probed on one port, or warm-ups). */
  targets: ConnectTarget[];
  /** URLs of the manifest GETs to send ahead: each image's first read, on every scheme it may be read over. */
  reads: string[];
}

/** What `argv` will do first on the network: nothing for commands that work on local drafts only. */
export function earlyPlan(argv: readonly string[]): EarlyPlan {
  const none = { targets: [], reads: [] };
  let name, parsed;
  try {
    const line = splitCommandLine(argv);
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
  const domains = [...new Set(refs.map((r) => r.domain))].slice(0, MAX_REGISTRIES);
  const targets = domains.flatMap((domain) => schemesFor(domain, insecure).map(({ hostname, port }) => ({ hostname, port })));
  // What inspect's first read opens for a list's children (see fetchReference), opened now instead: plain
  // TCP, which the registry client finishes (TLS) once it knows the scheme. One more, as the early read's
  // own connection closes after its answer instead of serving a child.
  const first = targets[0];
  if (name === 'inspect' && first) targets.push(...Array.from({ length: LIST_PRECONNECT + 1 }, () => first));
  return {
    targets,
    reads: name === 'push' ? [] : refs.slice(0, MAX_READS).flatMap((ref) => readSchemes(ref.domain, insecure).map((scheme) => manifestUrl(scheme, ref))),
  };
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

/**
 * Called by bin/manifest-studio.js: starts the plan and returns how many connections it opened. Never
 * throws (a failed guess only loses the head start).
 */
export function preconnect(argv: readonly string[]): number {
  try {
    const { targets, reads } = earlyPlan(argv);
    const pool = launcherSockets();
    for (const t of targets) pool.fill(t, pool.count(t.hostname, t.port) + 1);
    // The same headers getManifest sends, so the registry client recognises these as its own requests.
    const headers = { 'user-agent': USER_AGENT, accept: MANIFEST_ACCEPT.join(', ') };
    const timeoutMs = timeoutFrom(process.env) ?? DEFAULT_TIMEOUT_MS;
    for (const url of reads) {
      const u = new URL(url);
      const { hostname, port } = socketAddress(u.hostname, u.port, u.protocol);
      const socket = pool.takeNow(hostname, port);
      launcherSpeculations().start({ url, headers, maxBytes: MAX_MANIFEST_BYTES, timeoutMs }, socket);
    }
    return targets.length;
  } catch {
    // Nothing to undo: the CLI connects and asks as usual.
    return 0;
  }
}
