import { StudioError } from '../errors';
import { ReferenceErrorText } from './grammar';

/**
 * Hex lengths of the algorithms the docker CLI links. go-digest only knows an algorithm whose hash is
 * compiled into the binary; docker links sha256, sha384 and sha512 (Go's TLS stack imports them), so all
 * three are valid in a docker reference even though some upstream test binaries reject sha512.
 */
const ALGORITHM_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** go-digest v1.0.0 `DigestRegexpAnchored`: the general shape any algorithm's digest must have. */
const GENERIC_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const LOWER_HEX = /^[a-f0-9]+$/;

/**
 * Returns the go-digest v1.0.0 `Digest.Validate` error text for `s`, or undefined when `s` is a valid
 * digest docker would accept. Kept as a text-returning check so callers can pick their own error type.
 */
export function digestValidationError(s: string): string | undefined {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) return ReferenceErrorText.checksumInvalidFormat;
  const algorithm = s.slice(0, i);
  const encoded = s.slice(i + 1);
  const hexLength = Object.hasOwn(ALGORITHM_HEX_LENGTH, algorithm) ? ALGORITHM_HEX_LENGTH[algorithm] : undefined;
  if (hexLength === undefined) {
    return GENERIC_DIGEST.test(s) ? ReferenceErrorText.digestUnsupported : ReferenceErrorText.checksumInvalidFormat;
  }
  // Length is checked before the character set, so `sha256:ABC…` (64 chars) is a format error, not a length one.
  if (encoded.length !== hexLength) return ReferenceErrorText.checksumInvalidLength;
  if (!LOWER_HEX.test(encoded)) return ReferenceErrorText.checksumInvalidFormat;
  return undefined;
}

/** True when `s` is a digest docker accepts (`sha256:<64 hex>`, `sha384:<96>`, `sha512:<128>`, lowercase). */
export function isValidDigest(s: string): boolean {
  return digestValidationError(s) === undefined;
}

/** go-digest `Parse`: returns `s` or throws `REFERENCE_INVALID` with go-digest's text. */
export function parseDigest(s: string): string {
  const error = digestValidationError(s);
  if (error !== undefined) throw new StudioError('REFERENCE_INVALID', error);
  return s;
}
