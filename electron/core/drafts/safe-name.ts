import { join } from 'node:path';

/**
 * docker's file-safe names for the draft store (docs/docker-behavior.md §3.1): the normalised reference with
 * `:` → `-` and `/` → `_`, nothing else escaped. The mapping is lossy, so going back is only a guess.
 */

/** docker's draft store in a config directory: one directory per list (docs/docker-behavior.md §3.1). */
export function draftsRoot(configDir: string): string {
  return join(configDir, 'manifests');
}

/** `localhost:5000/test/list:latest` → `localhost-5000_test_list-latest`. */
export function storeSafeName(ref: string): string {
  return ref.replaceAll(':', '-').replaceAll('/', '_');
}

/**
 * A best guess at the reference behind a safe name, for drafts docker made (we have no sidecar
 * naming them). Assumes a domain first, a numeric port, a tag after the last `-` and `_` as `/`.
 */
export function guessRefFromSafeName(safe: string): string {
  const at = safe.indexOf('@');
  const name = at < 0 ? safe : safe.slice(0, at);
  // Digest references keep only `algorithm-hex`; the first `-` was the `:`.
  const digest = at < 0 ? '' : `@${safe.slice(at + 1).replace('-', ':')}`;
  const parts = name.split('_');
  parts[0] = (parts[0] ?? '').replace(/-(\d+)$/, ':$1');
  if (at < 0 && parts.length > 1) {
    const last = parts[parts.length - 1] as string;
    const dash = last.lastIndexOf('-');
    if (dash > 0) parts[parts.length - 1] = `${last.slice(0, dash)}:${last.slice(dash + 1)}`;
  }
  return parts.join('/') + digest;
}
