import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The key Docker Hub credentials live under, in `auths`, `credHelpers` and helpers
 * (docs/docker-behavior.md §6.1).
 */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

/**
 * The docker config directory: `--config`, else `$DOCKER_CONFIG`, else `~/.docker` (docker's own
 * order; empty values count as unset, as in docker's `os.Getenv` checks).
 */
export function resolveConfigDir(opts: { flag?: string; env?: NodeJS.ProcessEnv; home?: string } = {}): string {
  if (opts.flag) return opts.flag;
  const fromEnv = (opts.env ?? process.env)['DOCKER_CONFIG'];
  if (fromEnv) return fromEnv;
  return join(opts.home ?? homedir(), '.docker');
}

/**
 * The credential key for a normalised registry domain: Docker Hub's URL key for `docker.io` /
 * `index.docker.io`, otherwise the domain as is, port included (docs/docker-behavior.md §6.1).
 */
export function credentialKey(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' ? DOCKER_HUB_KEY : domain;
}

/**
 * docker's `ConvertToHostname`: `https://ghcr.io/v2/` → `ghcr.io`, `host:5000/path` → `host:5000`.
 * Used to match legacy URL-ish `auths` keys. Go keeps explicit default ports (`:443`), and so do we:
 * the authority is taken verbatim (user info dropped) rather than through WHATWG `URL`, which would
 * normalise the port away.
 */
export function convertToHostname(maybeUrl: string): string {
  const schemeAt = maybeUrl.indexOf('://');
  if (schemeAt >= 0) {
    const rest = maybeUrl.slice(schemeAt + 3);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    if (host !== '' && !host.startsWith(':')) return host;
  }
  const slash = maybeUrl.indexOf('/');
  return slash < 0 ? maybeUrl : maybeUrl.slice(0, slash);
}
