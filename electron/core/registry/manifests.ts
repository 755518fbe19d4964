import { StudioError } from '../../../shared/errors';
import { MANIFEST_ACCEPT, MAX_MANIFEST_BYTES } from '../../../shared/oci';
import { digestAlgorithm, digestOf, dump, isDigest, readLimited } from './body';
import { bodyError, repoPath, scope, subject, type RegistryCaller } from './caller';
import { single } from './transport';
import type { ManifestHead, ManifestResult, RepoRef, RequestOptions } from './types';

const ACCEPT = MANIFEST_ACCEPT.join(', ');

/**
 * GET a manifest, keeping its exact bytes; digest computed locally and checked
 * (docs/docker-behavior.md §5.5).
 */
export async function getManifest(
  caller: RegistryCaller,
  repo: RepoRef,
  ref: string,
  opts: RequestOptions = {},
): Promise<ManifestResult> {
  if (isDigest(ref)) digestAlgorithm(ref);
  const what = subject(repo, ref);
  const res = await caller.call({
    domain: repo.domain,
    method: 'GET',
    path: `${repoPath(repo)}/manifests/${ref}`,
    headers: { accept: ACCEPT },
    scopes: [scope(repo.path, 'pull')],
    signal: opts.signal,
    ...(opts.preconnect ? { preconnect: opts.preconnect } : {}),
  });
  if (res.status !== 200) return caller.fail(res, { host: repo.domain, subject: what, kind: 'manifest', action: 'pull' });
  const tooLarge = (): StudioError =>
    new StudioError('MANIFEST_TOO_LARGE', `manifest ${what} is larger than ${MAX_MANIFEST_BYTES} bytes; refusing it`);
  const length = Number(single(res.headers['content-length']));
  if (Number.isFinite(length) && length > MAX_MANIFEST_BYTES) {
    res.body.destroy();
    throw tooLarge();
  }
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(res.body, MAX_MANIFEST_BYTES, tooLarge);
  } catch (e) {
    throw bodyError(e, res.url, opts.signal);
  }
  const digest = digestOf(bytes);
  if (isDigest(ref)) {
    const actual = digestOf(bytes, digestAlgorithm(ref));
    if (actual !== ref) {
      throw new StudioError('DIGEST_MISMATCH', `manifest verification failed for digest ${ref}: registry ${repo.domain} sent content with digest ${actual}`);
    }
  }
  checkHeaderDigest(single(res.headers['docker-content-digest']), bytes, what);
  return { bytes, mediaType: mediaTypeOf(res.headers['content-type']), digest, size: bytes.byteLength };
}

/** HEAD a manifest: digest, media type and size without the body; undefined when it does not exist. */
export async function headManifest(
  caller: RegistryCaller,
  repo: RepoRef,
  ref: string,
  opts: RequestOptions = {},
): Promise<ManifestHead | undefined> {
  const what = subject(repo, ref);
  const res = await caller.call({
    domain: repo.domain,
    method: 'HEAD',
    path: `${repoPath(repo)}/manifests/${ref}`,
    headers: { accept: ACCEPT },
    scopes: [scope(repo.path, 'pull')],
    signal: opts.signal,
  });
  await dump(res.body);
  if (res.status === 404) return undefined;
  if (res.status !== 200) return caller.fail(res, { host: repo.domain, subject: what, kind: 'manifest', action: 'pull' });
  const digest = single(res.headers['docker-content-digest']);
  const size = Number(single(res.headers['content-length']));
  // Without the header a HEAD cannot tell the digest; fall back to GET, which computes it.
  if (!digest || !Number.isFinite(size)) {
    const m = await getManifest(caller, repo, ref, opts);
    return { digest: m.digest, mediaType: m.mediaType, size: m.size };
  }
  digestAlgorithm(digest);
  if (isDigest(ref) && digest !== ref) {
    throw new StudioError('DIGEST_MISMATCH', `registry ${repo.domain} answered ${what} with digest ${digest}`);
  }
  return { digest, mediaType: mediaTypeOf(res.headers['content-type']), size };
}

/**
 * PUT a manifest's exact bytes. Returns our digest of them; a registry `Docker-Content-Digest` that
 * disagrees is an error. Unlike docker (docs/docker-behavior.md §4.5) a missing header is accepted: our
 * digest is authoritative.
 */
export async function putManifest(
  caller: RegistryCaller,
  repo: RepoRef,
  ref: string,
  bytes: Uint8Array,
  mediaType: string,
  opts: RequestOptions = {},
): Promise<string> {
  const what = subject(repo, ref);
  if (bytes.byteLength > MAX_MANIFEST_BYTES) {
    throw new StudioError('MANIFEST_TOO_LARGE', `manifest for ${what} is larger than ${MAX_MANIFEST_BYTES} bytes`);
  }
  const digest = digestOf(bytes);
  if (isDigest(ref) && digestOf(bytes, digestAlgorithm(ref)) !== ref) {
    throw new StudioError('DIGEST_MISMATCH', `manifest bytes do not match ${ref}; refusing to push them under that digest`);
  }
  const res = await caller.call({
    domain: repo.domain,
    method: 'PUT',
    path: `${repoPath(repo)}/manifests/${ref}`,
    headers: { 'content-type': mediaType },
    body: () => bytes,
    scopes: [scope(repo.path, 'push')],
    signal: opts.signal,
  });
  if (res.status < 200 || res.status >= 300) {
    return caller.fail(res, { host: repo.domain, subject: what, kind: 'manifest', action: 'push' });
  }
  await dump(res.body);
  checkHeaderDigest(single(res.headers['docker-content-digest']), bytes, what);
  return digest;
}

/** A `Docker-Content-Digest` header must describe the bytes we have (when we can hash its algorithm). */
function checkHeaderDigest(header: string | undefined, bytes: Uint8Array, what: string): void {
  if (!header) return;
  let alg: string;
  try {
    alg = digestAlgorithm(header.trim());
  } catch {
    throw new StudioError('DIGEST_MISMATCH', `registry sent an invalid Docker-Content-Digest for ${what}: ${header}`);
  }
  const ours = digestOf(bytes, alg);
  if (ours !== header.trim()) {
    throw new StudioError('DIGEST_MISMATCH', `registry says ${what} has digest ${header.trim()} but its bytes hash to ${ours}`);
  }
}

/** Content-Type without parameters (`; charset=utf-8`), lower case. */
export function mediaTypeOf(v: string | string[] | undefined): string {
  return (single(v) ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
