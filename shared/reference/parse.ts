import { StudioError } from '../errors';
import { digestValidationError } from './digest';
import {
  NAME_TOTAL_LENGTH_MAX,
  ReferenceErrorText,
  anchoredDigestRegexp,
  anchoredNameRegexp,
  anchoredTagRegexp,
  referenceRegexp,
} from './grammar';

/**
 * An image reference split the way distribution/reference splits it. `domain` is `''` when the string
 * had none (only possible from the raw `parseReference`/`withName`; normalised references always have one).
 */
export interface ImageReference {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

/** What a user should do when a reference does not parse; shared by every parse error. */
const FORMAT_HINT =
  'Use [registry[:port]/]repository[:tag][@digest], e.g. localhost:5000/team/app:1.0; repository paths are lowercase.';

export function referenceError(text: string): StudioError {
  return new StudioError('REFERENCE_INVALID', text, { hint: FORMAT_HINT });
}

/** Builds a reference without undefined keys, so results compare cleanly with `toEqual`. */
function makeReference(domain: string, path: string, tag?: string, digest?: string): ImageReference {
  const r: ImageReference = { domain, path };
  if (tag !== undefined && tag !== '') r.tag = tag;
  if (digest !== undefined && digest !== '') r.digest = digest;
  return r;
}

/**
 * distribution/reference `Parse`: the raw grammar, no Docker Hub defaults. Any first component that
 * could be a host is the domain (`foo/bar` → domain `foo`), and `test.com:5000` is name + tag.
 * The digest, if any, must be one docker accepts (sha256, sha384 or sha512 of the right length).
 */
export function parseReference(s: string): ImageReference {
  const m = referenceRegexp.exec(s);
  if (m === null) {
    if (s === '') throw referenceError(ReferenceErrorText.nameEmpty);
    const lower = s.toLowerCase();
    if (lower !== s && referenceRegexp.test(lower)) throw referenceError(ReferenceErrorText.nameContainsUppercase);
    throw referenceError(ReferenceErrorText.invalidFormat);
  }
  const name = m[1] ?? '';
  const nameMatch = anchoredNameRegexp.exec(name);
  const domain = nameMatch?.[1] ?? '';
  const path = nameMatch === null ? name : (nameMatch[2] ?? '');
  if (path.length > NAME_TOTAL_LENGTH_MAX) throw referenceError(ReferenceErrorText.nameTooLong);
  const digest = m[3];
  if (digest !== undefined) {
    const error = digestValidationError(digest);
    if (error !== undefined) throw referenceError(error);
  }
  return makeReference(domain, path, m[2], digest);
}

/** distribution/reference `WithName`: a bare name (no tag or digest) split into domain and path. */
export function withName(name: string): ImageReference {
  const m = anchoredNameRegexp.exec(name);
  if (m === null) throw referenceError(ReferenceErrorText.invalidFormat);
  const path = m[2] ?? '';
  if (path.length > NAME_TOTAL_LENGTH_MAX) throw referenceError(ReferenceErrorText.nameTooLong);
  return makeReference(m[1] ?? '', path);
}

/** distribution/reference `WithTag`: sets the tag, keeping any digest. */
export function withTag(ref: ImageReference, tag: string): ImageReference {
  if (!anchoredTagRegexp.test(tag)) throw referenceError(ReferenceErrorText.tagInvalidFormat);
  return makeReference(ref.domain, ref.path, tag, ref.digest);
}

/**
 * distribution/reference `WithDigest`: sets the digest, keeping any tag. Like upstream it checks only the
 * general `algorithm:hex` shape (32+ hex digits), not the algorithm's length; `parseReference` checks both.
 */
export function withDigest(ref: ImageReference, digest: string): ImageReference {
  if (!anchoredDigestRegexp.test(digest)) throw referenceError(ReferenceErrorText.digestInvalidFormat);
  return makeReference(ref.domain, ref.path, ref.tag, digest);
}

/** `Name()`: domain and path, without tag or digest (just the path when there is no domain). */
export function repositoryString(r: ImageReference): string {
  return r.domain === '' ? r.path : `${r.domain}/${r.path}`;
}

/** `String()`: `name[:tag][@digest]`, the form docker prints, stores and keys everything on. */
export function referenceString(r: ImageReference): string {
  let s = repositoryString(r);
  if (r.tag !== undefined && r.tag !== '') s += `:${r.tag}`;
  if (r.digest !== undefined && r.digest !== '') s += `@${r.digest}`;
  return s;
}
