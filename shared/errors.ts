/**
 * Errors a user can hit, as typed values. Every layer throws or returns a `StudioError`; the CLI prints
 * `message` (docker's text where we match docker) and, on a second line, `hint` (what to do next);
 * IPC carries `toErrorData()` across the boundary because Electron strips thrown errors to a string.
 */
export type ErrorCode =
  | 'BAD_INPUT' // malformed argument or option
  | 'REFERENCE_INVALID' // image reference does not parse
  | 'MANIFEST_UNKNOWN' // registry has no such tag/digest
  | 'NAME_UNKNOWN' // registry has no such repository
  | 'BLOB_UNKNOWN' // registry lacks a blob a manifest points at
  | 'UNAUTHORIZED' // credentials missing or rejected
  | 'DENIED' // authenticated but not allowed
  | 'TOO_MANY_REQUESTS' // rate limited, retries exhausted
  | 'REGISTRY_ERROR' // any other error the registry reported
  | 'NETWORK' // connection refused, DNS, reset
  | 'TLS' // certificate or protocol mismatch
  | 'TIMEOUT' // no answer in time
  | 'CANCELLED' // the caller aborted
  | 'DIGEST_MISMATCH' // bytes do not hash to the digest they were fetched or stored under
  | 'MANIFEST_TOO_LARGE' // over the 4 MiB limit
  | 'MANIFEST_INVALID' // not JSON, or not the shape its media type promises
  | 'UNSUPPORTED_MEDIA_TYPE' // schema1, application/json, empty
  | 'IS_MANIFEST_LIST' // a list was given where an image is required
  | 'DRAFT_NOT_FOUND' // no local draft of that name
  | 'DRAFT_EXISTS' // draft exists and --amend was not given
  | 'DRAFT_EMPTY' // draft has no entries
  | 'DRAFT_CORRUPT' // a draft file cannot be read
  | 'ENTRY_NOT_FOUND' // draft has no entry for that image
  | 'PLATFORM_INVALID' // os/arch pair not accepted, or platform missing
  | 'CROSS_REGISTRY' // draft entries from another registry than the push target
  | 'CREDENTIALS' // a credential helper or config.json failed
  | 'SETTINGS_INVALID' // the registry settings file is malformed
  | 'INTERNAL'; // a bug: please report

/** The plain-data form of an error, safe to send over IPC or print as JSON. */
export interface StudioErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StudioError';
    this.code = code;
    this.hint = options?.hint;
  }

  toErrorData(): StudioErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isStudioError(e: unknown): e is StudioError {
  return e instanceof StudioError;
}

/** Turns anything thrown into error data; unknown throwables are bugs and say so. */
export function toErrorData(e: unknown): StudioErrorData {
  if (e instanceof StudioError) return e.toErrorData();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message, hint: 'This is a bug in Manifest Studio; please report it.' };
}

/** Exhaustiveness check for union switches. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
