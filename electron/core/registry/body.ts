import { createHash, type Hash } from 'node:crypto';
import { StudioError } from '../../../shared/errors';

/** A readable HTTP body as undici gives it. */
export type Body = AsyncIterable<Uint8Array> & { destroy(err?: Error): unknown };

/** Reads a body fully, failing as soon as it passes `max` bytes (never buffers more than that). */
export async function readLimited(body: Body, max: number, tooLarge: () => StudioError): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > max) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return concat(chunks, total);
}

/** Reads at most `max` bytes of an error body as text; the rest is discarded. */
export async function readErrorText(body: Body, max = 64 * 1024): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total >= max) break;
    }
  } catch {
    // A broken error body must not hide the status we already have.
  } finally {
    body.destroy();
  }
  return new TextDecoder().decode(concat(chunks, total).subarray(0, max));
}

/** Bodies we discard are read to the end (keeping the connection) only up to this size. */
const DUMP_LIMIT = 256 * 1024;

/**
 * Discards a body we do not need. A short one is read off so the connection can be reused; past
 * DUMP_LIMIT the body is destroyed (closing the connection), so an endless error body cannot stall a
 * retry or a redirect forever.
 */
export async function dump(body: Body): Promise<void> {
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > DUMP_LIMIT) {
        body.destroy();
        return;
      }
    }
  } catch {
    // Nothing to do: the body was unwanted anyway.
  }
}

export function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

const ALGORITHMS: Record<string, string> = { sha256: 'sha256', sha512: 'sha512' };
const DIGEST_RE = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

/** Validates digest syntax and returns the Node hash name; unsupported algorithms are BAD_INPUT. */
export function digestAlgorithm(digest: string): string {
  const m = DIGEST_RE.exec(digest);
  const alg = m?.[1] && ALGORITHMS[m[1]];
  if (!alg) throw new StudioError('BAD_INPUT', `invalid or unsupported digest: ${digest}`);
  const hexLen = alg === 'sha256' ? 64 : 128;
  if (!new RegExp(`^[a-f0-9]{${hexLen}}$`).test(m?.[2] ?? '')) {
    throw new StudioError('BAD_INPUT', `invalid digest: ${digest}`);
  }
  return alg;
}

export function newHash(algorithm: string): Hash {
  return createHash(algorithm);
}

/** `algorithm:hex` over exact bytes. */
export function digestOf(bytes: Uint8Array, algorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Whether a string is a digest (vs a tag) in a manifest reference position. */
export function isDigest(ref: string): boolean {
  return ref.includes(':');
}
