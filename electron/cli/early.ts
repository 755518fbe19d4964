/**
 * The launcher's first step, bundled on its own so it is small and starts at once: from the command line
 * alone it opens TCP connections to the registries this run will talk to, while the rest of the CLI loads.
 * The registry client is handed the pool (`earlySockets`) and takes a connection only where it was about to
 * open the very same one; it decides everything else (scheme, TLS, credentials) as it always does, so a
 * wrong guess costs an unused connection, never a request or a different result.
 */
import { parseDockerReference } from '../../shared/reference';
import { type ConnectTarget, LIST_PRECONNECT, TcpSockets, endpointHost, isLoopbackHost, splitHost } from '../core/net';
import { parseArgs, splitCommandLine } from './args';
import { FLAGS } from './commands';

export { homeFrom, userCacheDir } from '../core/files';

/** More registries than this in one `create` is rare; the rest connect as usual. */
const MAX_REGISTRIES = 4;

/**
 * The connections `argv` will open first, one entry per connection (a target twice: both schemes probed
 * on one port, or connections for a list's children). None for commands that only work on local drafts.
 */
export function earlyTargets(argv: readonly string[]): ConnectTarget[] {
  let name, parsed;
  try {
    const line = splitCommandLine(argv);
    name = line.command;
    if ((name !== 'inspect' && name !== 'create' && name !== 'push') || line.args.includes('--help')) return [];
    parsed = parseArgs(line.args, FLAGS[name]);
  } catch {
    return [];
  }
  // `inspect LIST REF` reads a local draft; `create LIST IMAGE…` fetches the images; `push LIST` writes to
  // the list's registry.
  const args = name === 'inspect' ? (parsed.args.length === 1 ? parsed.args : []) : name === 'create' ? parsed.args.slice(1) : parsed.args.slice(0, 1);
  const insecure = parsed.flags.get('insecure') === true;
  const domains = new Set<string>();
  for (const arg of args) {
    try {
      domains.add(parseDockerReference(arg).domain);
    } catch {
      // The CLI reports the bad reference itself.
    }
  }
  const targets = [...domains].slice(0, MAX_REGISTRIES).flatMap((domain) => schemesFor(domain, insecure));
  // What inspect opens for a list's children while the list is in flight (see fetchReference), opened now.
  const first = targets[0];
  if (name === 'inspect' && first) targets.push(...Array.from({ length: LIST_PRECONNECT }, () => first));
  return targets;
}

/**
 * https first, as the registry client tries it; where plain HTTP may be tried too (loopback, --insecure)
 * that attempt runs at the same time, so it is connected too.
 */
function schemesFor(domain: string, insecure: boolean): ConnectTarget[] {
  const host = endpointHost(domain);
  const { hostname, port } = splitHost(host);
  const targets = [{ hostname, port: port ? Number(port) : 443 }];
  if (insecure || isLoopbackHost(host)) targets.push({ hostname, port: port ? Number(port) : 80 });
  return targets;
}

/** Called by bin/manifest-studio.js: opens the connections and returns the pool. Never throws. */
export function preconnect(argv: readonly string[]): TcpSockets {
  const pool = new TcpSockets();
  try {
    for (const t of earlyTargets(argv)) pool.fill(t, pool.count(t.hostname, t.port) + 1);
  } catch {
    // Only the head start is lost: the CLI connects as usual.
  }
  return pool;
}
