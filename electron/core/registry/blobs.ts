import { StudioError } from '../../../shared/errors';
import { digestAlgorithm, dump, newHash, readLimited, type Body } from './body';
import { bodyError, repoPath, scope, subject, type RegistryCaller } from './caller';
import { single } from './transport';
import type { BlobStream, MountResult, RepoRef, RequestOptions } from './types';

/** Default ceiling for buffered blob reads (image configs are small). */
export const DEFAULT_MAX_BLOB_BYTES = 16 * 1024 * 1024;

export interface GetBlobOptions extends RequestOptions {
  maxBytes?: number;
}

async function openBlobResponse(caller: RegistryCaller, repo: RepoRef, digest: string, opts: RequestOptions) {
  digestAlgorithm(digest);
  // Redirects (to blob storage) are followed by the transport, which drops Authorization on a host change.
  const res = await caller.call({
    domain: repo.domain,
    method: 'GET',
    path: `${repoPath(repo)}/blobs/${digest}`,
    scopes: [scope(repo.path, 'pull')],
    signal: opts.signal,
  });
  if (res.status !== 200) return caller.fail(res, { host: repo.domain, subject: `${repo.domain}/${repo.path}@${digest}`, kind: 'blob', action: 'pull' });
  return res;
}

/** GET a whole blob into memory (at most `maxBytes`), verified against its digest. */
export async function getBlob(caller: RegistryCaller, repo: RepoRef, digest: string, opts: GetBlobOptions = {}): Promise<Uint8Array> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const res = await openBlobResponse(caller, repo, digest, opts);
  const tooLarge = (): StudioError =>
    new StudioError('REGISTRY_ERROR', `blob ${digest} in ${subject(repo)} is larger than the ${max}-byte limit for this read`);
  const length = Number(single(res.headers['content-length']));
  if (Number.isFinite(length) && length > max) {
    res.body.destroy();
    throw tooLarge();
  }
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(res.body, max, tooLarge);
  } catch (e) {
    throw bodyError(e, res.url, opts.signal);
  }
  const actual = `${digest.split(':')[0]}:${newHash(digestAlgorithm(digest)).update(bytes).digest('hex')}`;
  if (actual !== digest) throw mismatch(repo, digest, actual);
  return bytes;
}

/** Opens a blob as a stream; the stream throws DIGEST_MISMATCH at its end if the bytes are wrong. */
export async function openBlob(caller: RegistryCaller, repo: RepoRef, digest: string, opts: RequestOptions = {}): Promise<BlobStream> {
  const res = await openBlobResponse(caller, repo, digest, opts);
  const length = Number(single(res.headers['content-length']));
  const size = Number.isFinite(length) ? length : -1;
  return { size, stream: verifying(res.body, repo, digest, size, res.url, opts.signal) };
}

async function* verifying(
  body: Body,
  repo: RepoRef,
  digest: string,
  size: number,
  url: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array> {
  const alg = digestAlgorithm(digest);
  const hash = newHash(alg);
  let total = 0;
  try {
    for await (const chunk of body) {
      hash.update(chunk);
      total += chunk.byteLength;
      yield chunk;
    }
  } catch (e) {
    throw bodyError(e, url, signal);
  } finally {
    // Also runs when the consumer stops early: frees the connection and the host permit.
    body.destroy();
  }
  const actual = `${digest.split(':')[0]}:${hash.digest('hex')}`;
  if (actual !== digest || (size >= 0 && total !== size)) throw mismatch(repo, digest, actual);
}

function mismatch(repo: RepoRef, digest: string, actual: string): StudioError {
  return new StudioError('DIGEST_MISMATCH', `blob verification failed for ${digest} from ${subject(repo)}: content hashes to ${actual}`);
}

/** HEAD a blob: its size, or undefined when the repository does not have it. */
export async function blobExists(caller: RegistryCaller, repo: RepoRef, digest: string, opts: RequestOptions = {}): Promise<number | undefined> {
  digestAlgorithm(digest);
  const res = await caller.call({
    domain: repo.domain,
    method: 'HEAD',
    path: `${repoPath(repo)}/blobs/${digest}`,
    scopes: [scope(repo.path, 'pull')],
    signal: opts.signal,
  });
  await dump(res.body);
  if (res.status === 404) return undefined;
  if (res.status !== 200) return caller.fail(res, { host: repo.domain, subject: `${subject(repo)}@${digest}`, kind: 'blob', action: 'pull' });
  const size = Number(single(res.headers['content-length']));
  return Number.isFinite(size) ? size : 0;
}

/**
 * Cross-repository mount (docs/docker-behavior.md §4.4): 201 mounted; 202 means the registry opened an
 * upload instead, which we cancel (DELETE its Location) and report as not mounted so the caller can upload.
 */
export async function mountBlob(
  caller: RegistryCaller,
  target: RepoRef,
  fromPath: string,
  digest: string,
  opts: RequestOptions = {},
): Promise<MountResult> {
  digestAlgorithm(digest);
  const query = new URLSearchParams({ mount: digest, from: fromPath });
  const res = await caller.call({
    domain: target.domain,
    method: 'POST',
    path: `${repoPath(target)}/blobs/uploads/?${query.toString()}`,
    headers: { 'content-length': '0' },
    scopes: [scope(target.path, 'push'), scope(fromPath, 'pull')],
    signal: opts.signal,
    retry: false,
  });
  if (res.status === 201) {
    await dump(res.body);
    return 'mounted';
  }
  if (res.status === 202) {
    await dump(res.body);
    const location = single(res.headers['location']);
    if (location) await cancelUpload(caller, target, location, opts.signal);
    return 'not-mounted';
  }
  return caller.fail(res, { host: target.domain, subject: `${subject(target)}@${digest}`, kind: 'blob', action: 'push' });
}

/** DELETE an upload session; 2xx and 404 are both fine (it is gone either way). */
export async function cancelUpload(caller: RegistryCaller, repo: RepoRef, location: string, signal?: AbortSignal): Promise<void> {
  const res = await caller.call({
    domain: repo.domain,
    method: 'DELETE',
    path: location,
    scopes: [scope(repo.path, 'push')],
    signal,
  });
  await dump(res.body);
}
