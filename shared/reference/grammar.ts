/**
 * The image-reference grammar of github.com/distribution/reference v0.6.0 (`regexp.go`), the version
 * docker/cli 28.2.2 vendors. Built from the same pieces in the same order as upstream, so the capture
 * groups and leftmost-first choices match Go's `FindStringSubmatch`.
 *
 *   reference   := name [ ":" tag ] [ "@" digest ]
 *   name        := [domain '/'] remote-name
 *   domain      := host [':' port-number]
 *   host        := domain-name | '[' IPv6 ']'
 */

/** Lowercase letters and digits: one atom of a path component. */
const alphanumeric = '[a-z0-9]+';
/** One `.`, one or two `_`, or any run of `-` (upstream allows `--` for punycode-like names). */
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
/** Go's `\w` is ASCII-only, like JavaScript's without the `u` flag. */
const tag = '[\\w][\\w.-]{0,127}';
/** Go's `[[:xdigit:]]` is `[0-9A-Fa-f]`. */
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const identifier = '([a-f0-9]{64})';
/** Compressed or full IPv6 in brackets; zone identifiers (`%eth0`) are deliberately excluded upstream. */
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';

const optional = (...res: string[]): string => `(?:${res.join('')})?`;
const anyTimes = (...res: string[]): string => `(?:${res.join('')})*`;
const capture = (...res: string[]): string => `(${res.join('')})`;
const anchored = (...res: string[]): string => `^${res.join('')}$`;

const domainName = domainNameComponent + anyTimes('\\.', domainNameComponent);
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = alphanumeric + anyTimes(separator, alphanumeric);
const remoteName = pathComponent + anyTimes('/', pathComponent);
const namePat = optional(domainAndPort, '/') + remoteName;

/** A registry host with optional port, whole input (upstream `DomainRegexp`, anchored for tests). */
export const anchoredDomainRegexp = new RegExp(anchored(domainAndPort));
/** A whole repository path without its domain (`library/alpine`). */
export const anchoredRemoteNameRegexp = new RegExp(anchored(remoteName));
/** A whole repository name; groups: [domain or undefined, path]. */
export const anchoredNameRegexp = new RegExp(anchored(optional(capture(domainAndPort), '/'), capture(remoteName)));
/** A whole reference; groups: [name, tag or undefined, digest or undefined]. */
export const referenceRegexp = new RegExp(
  anchored(capture(namePat), optional(':', capture(tag)), optional('@', capture(digestPat))),
);
/** Exactly 64 lowercase hex characters: an image ID, which a repository name may not be. */
export const anchoredIdentifierRegexp = new RegExp(anchored(identifier));
export const anchoredTagRegexp = new RegExp(anchored(tag));
/** The reference grammar's digest shape (algorithm:hex, 32+ hex digits); `WithDigest` checks only this. */
export const anchoredDigestRegexp = new RegExp(anchored(digestPat));

/** Upstream's limit, applied to the path only (the domain does not count). */
export const NAME_TOTAL_LENGTH_MAX = 255;

/** Fixed error texts, exactly as distribution/reference and opencontainers/go-digest v1.0.0 spell them. */
export const ReferenceErrorText = {
  invalidFormat: 'invalid reference format',
  tagInvalidFormat: 'invalid tag format',
  digestInvalidFormat: 'invalid digest format',
  nameContainsUppercase: 'repository name must be lowercase',
  nameEmpty: 'repository name must have at least one component',
  nameTooLong: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`,
  nameNotCanonical: 'repository name must be canonical',
  checksumInvalidFormat: 'invalid checksum digest format',
  checksumInvalidLength: 'invalid checksum digest length',
  digestUnsupported: 'unsupported digest algorithm',
} as const;

/** `ParseNormalizedNamed`'s formatted errors (docker prints them verbatim). */
export function hexIdentifierErrorText(s: string): string {
  return `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`;
}

export function uppercaseRepositoryErrorText(remote: string): string {
  return `invalid reference format: repository name (${remote}) must be lowercase`;
}
