import { normalize, sep } from 'node:path';
import { userCacheDir } from '../files';
import { anchoredRemoteNameRegexp } from '../../../shared/reference';

/**
 * Where the content cache (see ContentCache) keeps what. Apart from the cache's reading and writing so the
 * CLI launcher can look an entry up before its first request goes out, without loading more.
 */

/** The digests the registry client verifies (see digestAlgorithm); no other name becomes a path. */
export const CACHEABLE_DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

export type CacheKind = 'manifests' | 'blobs';

/** Where the content cache lives: `MANIFEST_STUDIO_CACHE` (a directory, or `off` for none), else userCacheDir. */
export function contentCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const explicit = env['MANIFEST_STUDIO_CACHE'];
  if (explicit === 'off') return undefined;
  return explicit || userCacheDir(env, platform, home);
}

/**
 * `<dir>/v1/<domain>/<repository>/<kind>/<algorithm>-<hex>`, or undefined for a name that cannot be one.
 * The domain is percent-encoded (a port's `:` and IPv6 brackets are not file-name characters everywhere).
 */
export function contentCachePath(dir: string, kind: CacheKind, domain: string, repo: string, digest: string): string | undefined {
  // The reference grammar's repository path: no empty, `.` or `..` component can reach the file system.
  if (!CACHEABLE_DIGEST.test(digest) || !anchoredRemoteNameRegexp.test(repo)) return undefined;
  // Joined by hand: every part after `dir` is a checked, non-empty name, and path.join would normalise the
  // whole path again on each of an inspect's many calls, in a process too short-lived for the JIT to help.
  return dirPrefix(dir) + ['v1', encodeURIComponent(domain), ...repo.split('/'), kind, digest.replace(':', '-')].join(sep);
}

/** `dir` normalised, with one separator after it; the last one is kept (a run uses one cache dir). */
let lastDir: [string, string] | undefined;
function dirPrefix(dir: string): string {
  if (lastDir?.[0] !== dir) {
    const n = normalize(dir);
    lastDir = [dir, n.endsWith(sep) ? n : n + sep];
  }
  return lastDir[1];
}
