import { digestValidationError } from './digest';
import {
  ReferenceErrorText,
  anchoredIdentifierRegexp,
  hexIdentifierErrorText,
  uppercaseRepositoryErrorText,
} from './grammar';
import { type ImageReference, parseReference, referenceError, referenceString, withTag } from './parse';

/** Docker Hub's canonical domain; `index.docker.io` is its legacy spelling. */
export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';

/**
 * Upstream `splitDockerDomain`: the first component is a registry only if it is `localhost`, contains
 * `.` or `:`, or has an uppercase letter (uppercase is not allowed in a Hub namespace, so it must be a host).
 */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + name };
  const maybeDomain = name.slice(0, slash);
  const maybeRemainder = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  if (maybeDomain === 'localhost' || /[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
    domain = maybeDomain === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : maybeDomain;
    remainder = maybeRemainder;
  } else {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/**
 * distribution/reference `ParseNormalizedNamed`: what a user types → fully qualified name
 * (`busybox` → `docker.io/library/busybox`). Adds no default tag. Throws `REFERENCE_INVALID` with
 * docker's exact text.
 */
export function parseNormalizedNamed(s: string): ImageReference {
  if (anchoredIdentifierRegexp.test(s)) throw referenceError(hexIdentifierErrorText(s));
  const { domain, remainder } = splitDockerDomain(s);
  const colon = remainder.indexOf(':');
  const remote = colon === -1 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) throw referenceError(uppercaseRepositoryErrorText(remote));
  return parseReference(`${domain}/${remainder}`);
}

/** Upstream `TagNameOnly`: adds `:latest` when the reference has neither tag nor digest. */
export function tagNameOnly(r: ImageReference): ImageReference {
  return r.tag === undefined && r.digest === undefined ? withTag(r, DEFAULT_TAG) : r;
}

/**
 * What every `docker manifest` argument goes through: `parseNormalizedNamed`, then `:latest` when there is
 * neither tag nor digest. Unlike upstream `ParseDockerRef`, `name:tag@digest` keeps both parts (docker
 * manifest fetches by the tag and verifies the digest).
 */
export function parseDockerReference(s: string): ImageReference {
  return tagNameOnly(parseNormalizedNamed(s));
}

/**
 * Upstream `ParseDockerRef` (containerd's convention): like `parseDockerReference`, but drops the tag
 * when a digest is present. Not what docker manifest does; kept for parity with the upstream table.
 */
export function parseDockerRef(s: string): ImageReference {
  const r = parseNormalizedNamed(s);
  if (r.tag !== undefined && r.digest !== undefined) return { domain: r.domain, path: r.path, digest: r.digest };
  return tagNameOnly(r);
}

/**
 * Upstream `ParseNamed`: accepts only a string that already is its own normalised form (what docker
 * writes as a store entry's `Ref`); `foo`, `library/foo` and `docker.io/foo` all fail.
 */
export function parseCanonical(s: string): ImageReference {
  const r = parseNormalizedNamed(s);
  if (referenceString(r) !== s) throw referenceError(ReferenceErrorText.nameNotCanonical);
  return r;
}

/** A reference that is only a digest (an image ID), as `parseAnyReference` may return. */
export interface DigestOnlyReference {
  digest: string;
}

/**
 * Upstream `ParseAnyReference`: a bare 64-hex ID or a valid `algorithm:hex` digest becomes a digest-only
 * reference; anything else goes through `parseNormalizedNamed`. docker manifest does not use this.
 */
export function parseAnyReference(s: string): ImageReference | DigestOnlyReference {
  if (anchoredIdentifierRegexp.test(s)) return { digest: `sha256:${s}` };
  if (digestValidationError(s) === undefined) return { digest: s };
  return parseNormalizedNamed(s);
}

/** `String()` of either kind of `parseAnyReference` result. */
export function anyReferenceString(r: ImageReference | DigestOnlyReference): string {
  return 'path' in r ? referenceString(r) : r.digest;
}

/** Upstream `familiarizeName`: drops `docker.io/`, and `library/` when one component remains. */
function familiarize(r: ImageReference): ImageReference {
  if (r.domain !== DEFAULT_DOMAIN) return r;
  let path = r.path;
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) path = rest;
  }
  return { ...r, domain: '', path };
}

/** `FamiliarString`: the short form people read (`busybox:latest`, `myorg/app@sha256:…`). */
export function familiarString(r: ImageReference): string {
  return referenceString(familiarize(r));
}

/** `FamiliarName`: `familiarString` without tag or digest. */
export function familiarName(r: ImageReference): string {
  const f = familiarize(r);
  return f.domain === '' ? f.path : `${f.domain}/${f.path}`;
}

/**
 * The file/directory name docker's manifest store uses for a reference: the normalised string with
 * every `:` → `-` and `/` → `_`; nothing else is escaped (`@` and `.` stay). Not injective, like docker's.
 */
export function storeSafeName(s: string): string {
  return s.replaceAll(':', '-').replaceAll('/', '_');
}
