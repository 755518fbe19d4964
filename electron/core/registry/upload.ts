import { StudioError } from '../../../shared/errors';
import { concat, digestAlgorithm, dump, newHash } from './body';
import { cancelUpload } from './blobs';
import { repoPath, scope, subject, type CallResponse, type RegistryCaller } from './caller';
import { single } from './transport';
import type { BlobSource, RepoRef, UploadOptions } from './types';

const OCTET = 'application/octet-stream';

/**
 * Uploads a blob: POST to open a session, then either one PUT with the whole body (monolithic) or
 * PATCH chunks with `Content-Range` and a final empty PUT (when `chunkSize` is set and smaller than
 * the blob). Bytes are hashed as they go; a chunked upload whose bytes do not match is cancelled
 * before it is committed.
 */
export async function uploadBlob(
  caller: RegistryCaller,
  repo: RepoRef,
  digest: string,
  size: number,
  source: BlobSource,
  opts: UploadOptions = {},
): Promise<void> {
  digestAlgorithm(digest);
  const what = `${subject(repo)}@${digest}`;
  const started = await caller.call({
    domain: repo.domain,
    method: 'POST',
    path: `${repoPath(repo)}/blobs/uploads/`,
    headers: { 'content-length': '0' },
    scopes: [scope(repo.path, 'push')],
    signal: opts.signal,
  });
  const location = await expectLocation(caller, started, 202, repo, what);
  try {
    if (opts.chunkSize !== undefined && opts.chunkSize > 0 && size > opts.chunkSize) {
      await chunked(caller, repo, digest, size, source, location, opts, what);
    } else {
      await monolithic(caller, repo, digest, size, source, location, opts, what);
    }
  } catch (e) {
    // Leave no half-finished session behind; the original error is what matters.
    await cancelUpload(caller, repo, location).catch(() => undefined);
    throw e;
  }
}

async function monolithic(
  caller: RegistryCaller,
  repo: RepoRef,
  digest: string,
  size: number,
  source: BlobSource,
  location: string,
  opts: UploadOptions,
  what: string,
): Promise<void> {
  const body = (): Uint8Array | AsyncIterable<Uint8Array> => {
    if (source instanceof Uint8Array) {
      opts.onProgress?.(source.byteLength);
      return source;
    }
    return counted(source(), size, opts.onProgress, what);
  };
  if (source instanceof Uint8Array && source.byteLength !== size) {
    throw new StudioError('BAD_INPUT', `blob ${what} has ${source.byteLength} bytes, expected ${size}`);
  }
  const res = await caller.call({
    domain: repo.domain,
    method: 'PUT',
    path: withDigest(location, digest),
    headers: { 'content-type': OCTET, 'content-length': String(size) },
    body,
    scopes: [scope(repo.path, 'push')],
    signal: opts.signal,
  });
  if (res.status !== 201) return caller.fail(res, { host: repo.domain, subject: what, kind: 'upload', action: 'push' });
  await dump(res.body);
}

async function chunked(
  caller: RegistryCaller,
  repo: RepoRef,
  digest: string,
  size: number,
  source: BlobSource,
  firstLocation: string,
  opts: UploadOptions,
  what: string,
): Promise<void> {
  const chunkSize = opts.chunkSize ?? size;
  const hash = newHash(digestAlgorithm(digest));
  let location = firstLocation;
  let sent = 0;
  for await (const chunk of rechunk(source, chunkSize)) {
    if (sent + chunk.byteLength > size) throw new StudioError('BAD_INPUT', `blob ${what} is longer than its declared size ${size}`);
    hash.update(chunk);
    const res = await caller.call({
      domain: repo.domain,
      method: 'PATCH',
      path: location,
      headers: {
        'content-type': OCTET,
        'content-length': String(chunk.byteLength),
        'content-range': `${sent}-${sent + chunk.byteLength - 1}`,
      },
      body: () => chunk,
      scopes: [scope(repo.path, 'push')],
      signal: opts.signal,
    });
    location = await expectLocation(caller, res, 202, repo, what);
    sent += chunk.byteLength;
    opts.onProgress?.(sent);
  }
  if (sent !== size) throw new StudioError('BAD_INPUT', `blob ${what} had ${sent} bytes, expected ${size}`);
  const actual = `${digest.split(':')[0]}:${hash.digest('hex')}`;
  if (actual !== digest) {
    throw new StudioError('DIGEST_MISMATCH', `blob content for ${what} hashes to ${actual}; upload cancelled`);
  }
  const res = await caller.call({
    domain: repo.domain,
    method: 'PUT',
    path: withDigest(location, digest),
    headers: { 'content-type': OCTET, 'content-length': '0' },
    scopes: [scope(repo.path, 'push')],
    signal: opts.signal,
  });
  if (res.status !== 201) return caller.fail(res, { host: repo.domain, subject: what, kind: 'upload', action: 'push' });
  await dump(res.body);
}

async function expectLocation(caller: RegistryCaller, res: CallResponse, status: number, repo: RepoRef, what: string): Promise<string> {
  if (res.status !== status) return caller.fail(res, { host: repo.domain, subject: what, kind: 'upload', action: 'push' });
  await dump(res.body);
  const location = single(res.headers['location']);
  if (!location) throw new StudioError('REGISTRY_ERROR', `registry ${repo.domain} opened an upload for ${what} without a Location`);
  return location;
}

/** Adds `digest=` to an upload Location, keeping its own query (distribution's `_state`). */
function withDigest(location: string, digest: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
  const u = new URL(location, 'http://placeholder.invalid');
  u.searchParams.set('digest', digest);
  return absolute ? u.toString() : u.pathname + u.search;
}

/** Counts bytes for progress, and refuses a source longer than its declared size. */
async function* counted(
  src: AsyncIterable<Uint8Array>,
  size: number,
  onProgress: ((n: number) => void) | undefined,
  what: string,
): AsyncGenerator<Uint8Array> {
  let sent = 0;
  for await (const chunk of src) {
    sent += chunk.byteLength;
    if (sent > size) throw new StudioError('BAD_INPUT', `blob ${what} is longer than its declared size ${size}`);
    yield chunk;
    onProgress?.(sent);
  }
}

/** Re-slices a source into chunks of exactly `size` bytes (the last may be shorter). */
async function* rechunk(source: BlobSource, size: number): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let off = 0; off < source.byteLength; off += size) yield source.subarray(off, off + size);
    return;
  }
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const piece of source()) {
    let rest = piece;
    while (pendingBytes + rest.byteLength >= size) {
      const take = size - pendingBytes;
      pending.push(rest.subarray(0, take));
      yield concat(pending, size);
      rest = rest.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (rest.byteLength) {
      pending.push(rest);
      pendingBytes += rest.byteLength;
    }
  }
  if (pendingBytes) yield concat(pending, pendingBytes);
}
