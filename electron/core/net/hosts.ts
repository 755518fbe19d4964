/**
 * Where a registry domain is reached. Kept free of undici, TLS and settings so the CLI launcher can load it
 * (with the early connections) before the rest of the code.
 */

/** docker.io's API lives elsewhere (docs/docker-behavior.md §5.1). */
export function endpointHost(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' ? 'registry-1.docker.io' : domain;
}

/** Loopback hosts, which may fall back to plain HTTP (but keep TLS verification, unlike docker). */
export function isLoopbackHost(host: string): boolean {
  const h = splitHost(host).hostname;
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** `host[:port]` (IPv6 in brackets) as a bare lower-case hostname and the port, '' when none is given. */
export function splitHost(host: string): { hostname: string; port: string } {
  const u = new URL(`http://${host}`);
  return { hostname: u.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port: u.port };
}

/**
 * Where a connection for `protocol//hostname:port` goes: the bare hostname (no IPv6 brackets) and the port,
 * the scheme's default when none is given (URLs and undici leave a default port empty).
 */
export function socketAddress(hostname: string, port: string, protocol: string): { hostname: string; port: number } {
  return { hostname: hostname.replace(/^\[|\]$/g, ''), port: Number(port || (protocol === 'https:' ? 443 : 80)) };
}
