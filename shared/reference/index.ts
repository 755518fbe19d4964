/**
 * Docker's image-reference rules (distribution/reference v0.6.0 as docker/cli 28.2.2 uses it).
 * Pure TypeScript: runs in Node and the browser. Every parse failure is `StudioError('REFERENCE_INVALID')`
 * whose message is docker's exact text.
 */
export type { ImageReference } from './parse';
export {
  parseReference,
  withName,
  withTag,
  withDigest,
  referenceString,
  repositoryString,
} from './parse';
export type { DigestOnlyReference } from './normalize';
export {
  DEFAULT_DOMAIN,
  DEFAULT_TAG,
  parseNormalizedNamed,
  parseDockerReference,
  parseDockerRef,
  parseCanonical,
  parseAnyReference,
  anyReferenceString,
  tagNameOnly,
  familiarString,
  familiarName,
  storeSafeName,
} from './normalize';
export { familiarMatch, pathMatch } from './familiar-match';
export { digestValidationError, isValidDigest, parseDigest } from './digest';
export {
  ReferenceErrorText,
  NAME_TOTAL_LENGTH_MAX,
  anchoredDomainRegexp,
  anchoredNameRegexp,
  anchoredRemoteNameRegexp,
  referenceRegexp,
  anchoredIdentifierRegexp,
  anchoredTagRegexp,
  anchoredDigestRegexp,
  hexIdentifierErrorText,
  uppercaseRepositoryErrorText,
} from './grammar';
