import { createHash } from 'node:crypto';
import { StudioError } from '../../../shared/errors';

/** `sha256:<hex>` of the exact bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

const ALGORITHMS: Record<string, string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/** go-digest's syntax: `algorithm:encoded`. */
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Digest of `bytes` with the algorithm `like` uses; undefined for algorithms we cannot compute. */
export function digestLike(bytes: Uint8Array, like: string): string | undefined {
  const algorithm = like.slice(0, like.indexOf(':'));
  const node = ALGORITHMS[algorithm];
  if (node === undefined) return undefined;
  return `${algorithm}:${createHash(node).update(bytes).digest('hex')}`;
}

/** True when `bytes` hash to `expected` (sha256, sha384 or sha512). */
export function verifyDigest(bytes: Uint8Array, expected: string): boolean {
  return digestLike(bytes, expected) === expected;
}

/** Throws `DIGEST_MISMATCH` with docker's text when `bytes` do not hash to `expected`. */
export function assertDigest(bytes: Uint8Array, expected: string, what = 'manifest'): void {
  if (verifyDigest(bytes, expected)) return;
  throw new StudioError('DIGEST_MISMATCH', `${what} verification failed for digest ${expected}`, {
    hint: `The content received does not hash to ${expected} (got ${digestLike(bytes, expected) ?? 'an unsupported algorithm'}). The registry or a proxy altered it; try again or check the source.`,
  });
}
