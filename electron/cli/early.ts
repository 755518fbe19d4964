/**
 * The launcher's first step, bundled on its own so it loads in a few milliseconds: from the command line
 * alone, guess which registries this run will talk to and start TCP connections to them while the rest
 * of the CLI loads. A wrong guess costs an unused connection, never a different result: the registry
 * client decides everything (scheme, TLS, credentials) as it always does and only picks the socket up.
 */
import { parseDockerReference } from '../../shared/reference';
import { type ConnectTarget, launcherSockets } from '../registry/tcp-sockets';
import { endpointHost, isLoopbackHost, splitHost } from '../registry/hosts';
import { parseArgs } from './args';
import { FLAGS } from './commands';

/** More registries than this in one `create` is rare; the rest connect as usual. */
const MAX_REGISTRIES = 4;

/** The registries `argv` will contact, as TCP targets: none when the command works on local drafts only. */
export function earlyTargets(argv: readonly string[]): ConnectTarget[] {
  let rest = [...argv];
  while (rest[0]?.startsWith('--config')) rest = rest.slice(rest[0].includes('=') ? 1 : 2);
  if (rest[0] === 'manifest') rest = rest.slice(1);
  const [name, ...tail] = rest;
  if (name !== 'inspect' && name !== 'create' && name !== 'push') return [];
  if (tail.includes('--help')) return [];
  let parsed;
  try {
    parsed = parseArgs(tail, FLAGS[name]);
  } catch {
    return [];
  }
  // `inspect LIST REF` reads a local draft; `create LIST IMAGE…` fetches the images; `push LIST` writes to
  // the list's registry.
  const refs = name === 'inspect' ? (parsed.args.length === 1 ? parsed.args : []) : name === 'create' ? parsed.args.slice(1) : parsed.args.slice(0, 1);
  const insecure = parsed.flags.get('insecure') === true;
  const domains = new Set<string>();
  for (const ref of refs) {
    try {
      domains.add(parseDockerReference(ref).domain);
    } catch {
      // The CLI reports the bad reference itself.
    }
  }
  return [...domains].slice(0, MAX_REGISTRIES).flatMap((domain) => targetsFor(domain, insecure));
}

/**
 * https first, as the registry client tries it; where plain HTTP may be tried too (loopback, --insecure)
 * that attempt runs at the same time, so it gets a connection of its own.
 */
function targetsFor(domain: string, insecure: boolean): ConnectTarget[] {
  const host = endpointHost(domain);
  const { hostname, port } = splitHost(host);
  const targets = [{ hostname, port: port ? Number(port) : 443 }];
  if (insecure || isLoopbackHost(host)) targets.push({ hostname, port: port ? Number(port) : 80 });
  return targets;
}

/**
 * Called by bin/manifest-studio.js: returns how many connections it started. Never throws (a failed guess
 * only loses the head start).
 */
export function preconnect(argv: readonly string[]): number {
  try {
    const targets = earlyTargets(argv);
    const pool = launcherSockets();
    // A target listed twice (both schemes on one port) gets two connections.
    targets.forEach((t, i) => pool.fill(t, targets.slice(0, i + 1).filter((u) => u.hostname === t.hostname && u.port === t.port).length));
    return targets.length;
  } catch {
    // Nothing to undo: the CLI connects as usual.
    return 0;
  }
}
