import { z } from 'zod';
import { StudioError, type ErrorCode } from '../../../shared/errors';
import { parseJsonAs } from '../../../shared/json';
import { parseWwwAuthenticate } from './challenge';

/** What the caller was doing, so an error can say what to do next. */
export interface ErrorContext {
  /** Registry host as the user wrote it (`127.0.0.1:5001`). */
  host: string;
  /** `host/path[:tag|@digest]`, for messages. */
  subject?: string;
  /** What kind of object a 404 refers to. */
  kind?: 'manifest' | 'blob' | 'repository' | 'upload' | 'ping' | 'token';
  action?: 'pull' | 'push';
  /** Whether we sent credentials (changes the advice for 401). */
  authenticated?: boolean;
  username?: string;
  /** Why none were sent although some should have been: a credential helper failed. */
  credentialProblem?: string;
}

const OciErrorBody = z.object({
  errors: z.array(
    z.object({
      code: z.string(),
      message: z.string().optional(),
      detail: z.unknown().optional(),
    }),
  ),
});

export interface OciError {
  code: string;
  message?: string;
  detail?: unknown;
}

/** Parses `{errors:[{code,message,detail}]}`; undefined for anything else (HTML, garbage, empty list). */
export function parseOciErrors(body: string): OciError[] | undefined {
  const errors = parseJsonAs(OciErrorBody, body)?.errors;
  return errors && errors.length > 0 ? errors : undefined;
}

const CODE_MAP: Record<string, ErrorCode> = {
  MANIFEST_UNKNOWN: 'MANIFEST_UNKNOWN',
  NAME_UNKNOWN: 'NAME_UNKNOWN',
  BLOB_UNKNOWN: 'BLOB_UNKNOWN',
  MANIFEST_BLOB_UNKNOWN: 'BLOB_UNKNOWN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  DENIED: 'DENIED',
  TOOMANYREQUESTS: 'TOO_MANY_REQUESTS',
  DIGEST_INVALID: 'DIGEST_MISMATCH',
  MANIFEST_INVALID: 'MANIFEST_INVALID',
};

function statusCode(status: number, kind: ErrorContext['kind']): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'DENIED';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 404) {
    if (kind === 'manifest') return 'MANIFEST_UNKNOWN';
    if (kind === 'blob') return 'BLOB_UNKNOWN';
    if (kind === 'repository') return 'NAME_UNKNOWN';
  }
  return 'REGISTRY_ERROR';
}

/**
 * Turns a failed registry response into a StudioError. The code comes from the OCI error code (or the
 * status when the body has none); a `WWW-Authenticate` `insufficient_scope` outranks the body
 * (docs/docker-behavior.md §5.6).
 * Auth failures always read as auth failures, never as "not found".
 */
export function responseError(
  status: number,
  body: string,
  wwwAuthenticate: string | string[] | undefined,
  ctx: ErrorContext,
): StudioError {
  const errors = parseOciErrors(body);
  const first = errors?.[0];
  let code: ErrorCode = first ? (CODE_MAP[first.code.toUpperCase()] ?? statusCode(status, ctx.kind)) : statusCode(status, ctx.kind);
  const bearer = parseWwwAuthenticate(wwwAuthenticate).find((c) => c.scheme === 'bearer');
  // Without credentials, "insufficient scope" just means "log in" (distribution answers anonymous
  // callers this way); with them it means this account may not do it.
  if (bearer?.params['error'] === 'insufficient_scope') code = ctx.authenticated ? 'DENIED' : 'UNAUTHORIZED';
  else if (bearer?.params['error'] === 'invalid_token') code = 'UNAUTHORIZED';
  // A 401/403 is about access whatever code the body carries.
  if (status === 401 && code !== 'DENIED') code = 'UNAUTHORIZED';
  if (status === 403) code = 'DENIED';
  const registryText = printable(errors ? errors.map(describeOciError).join('; ') : snippet(body));
  const detail = `HTTP ${status}${registryText ? `: ${registryText}` : ''}`;
  return new StudioError(code, headline(code, ctx) + ` (${detail})`, { hint: advice(code, ctx) });
}

function describeOciError(e: OciError): string {
  const words = e.code.toLowerCase().replace(/_/g, ' ');
  const msg = e.message && e.message.toLowerCase() !== words ? `${words}: ${e.message}` : words;
  if (e.detail === undefined || e.detail === null) return msg;
  const d = typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail);
  return `${msg} [${d.length > 200 ? d.slice(0, 200) + '…' : d}]`;
}

/**
 * Registry text goes to a terminal: control characters (ESC sequences, BEL, C1's one-character CSI)
 * could clear the screen or retitle the window, so they are shown as `\uXXXX` instead.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** First bit of a non-JSON body (an HTML error page, say), on one line. */
function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? text.slice(0, 200) + '…' : text;
}

function headline(code: ErrorCode, ctx: ErrorContext): string {
  const what = ctx.subject ?? ctx.host;
  switch (code) {
    case 'UNAUTHORIZED':
      if (ctx.authenticated) {
        return ctx.action === 'push'
          ? `not authorized to push to ${what}${ctx.username ? ` as ${ctx.username}` : ''}`
          : `credentials for ${ctx.host}${ctx.username ? ` (user ${ctx.username})` : ''} were rejected for ${what}`;
      }
      return `authentication required for ${ctx.host}`;
    case 'DENIED':
      return `${ctx.action === 'push' ? 'not allowed to push to' : 'access denied to'} ${what}${ctx.username ? ` as ${ctx.username}` : ''}`;
    case 'MANIFEST_UNKNOWN':
      return `no such manifest: ${what}`;
    case 'NAME_UNKNOWN':
      return `no such repository: ${what}`;
    case 'BLOB_UNKNOWN':
      return `blob unknown to registry: ${what}`;
    case 'TOO_MANY_REQUESTS':
      return `rate limited by ${ctx.host}`;
    case 'DIGEST_MISMATCH':
      return `registry rejected the digest for ${what}`;
    case 'MANIFEST_INVALID':
      return `registry rejected the manifest ${what}`;
    default:
      return `registry ${ctx.host} returned an error for ${what}`;
  }
}

function advice(code: ErrorCode, ctx: ErrorContext): string | undefined {
  const login = `manifest-studio login ${ctx.host}`;
  switch (code) {
    case 'UNAUTHORIZED':
      if (ctx.authenticated) return `Check that the account may ${ctx.action ?? 'pull'} this repository, or log in again with \`${login}\`.`;
      if (ctx.credentialProblem) {
        return (
          `No credentials were sent: ${ctx.credentialProblem}. Fix the helper (unlock the keyring; secretservice ` +
          `needs a D-Bus session), name a working store in "credsStore" of config.json, or log in again with \`${login}\`.`
        );
      }
      return `Log in with \`${login}\`.`;
    case 'DENIED':
      return `The account${ctx.username ? ` ${ctx.username}` : ''} lacks ${ctx.action ?? 'the needed'} permission here; log in as another user with \`${login}\`.`;
    case 'MANIFEST_UNKNOWN':
      return 'Check the tag or digest; the repository exists but has no such manifest.';
    case 'NAME_UNKNOWN':
      return 'Check the repository name.';
    case 'TOO_MANY_REQUESTS':
      return 'Wait and try again later, or log in to get a higher limit.';
    default:
      return undefined;
  }
}

/** Node/undici error codes that mean "the TLS layer failed". */
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Error codes meaning "the other end does not speak TLS" (http server on an https request). */
export function isTlsProtocolMismatch(e: unknown): boolean {
  const code = errorCode(e);
  return (
    code === 'EPROTO' ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    code === 'ERR_SSL_HTTP_REQUEST' ||
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET'
  );
}

export function errorCode(e: unknown): string | undefined {
  let fallback: string | undefined;
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && typeof cur === 'object' && cur !== null; depth++) {
    if ('code' in cur && typeof cur.code === 'string') {
      // undici wraps socket failures as UND_ERR_SOCKET; a cause, if any, has the real reason.
      if (cur.code !== 'UND_ERR_SOCKET') return cur.code;
      fallback ??= cur.code;
    }
    cur = 'cause' in cur ? cur.cause : undefined;
  }
  return fallback;
}

/** Maps a thrown transport error to NETWORK / TLS / TIMEOUT / CANCELLED. StudioErrors pass through. */
export function transportError(e: unknown, url: string, signal?: AbortSignal): StudioError {
  if (e instanceof StudioError) return e;
  if (signal?.aborted) return new StudioError('CANCELLED', 'operation cancelled', { cause: e });
  const code = errorCode(e) ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  const origin = safeOrigin(url);
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
    return new StudioError('CANCELLED', 'operation cancelled', { cause: e });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return new StudioError('TIMEOUT', `timed out talking to ${origin} (${code}: ${msg})`, {
      hint: 'The registry is slow or unreachable; try again, or check the network.',
      cause: e,
    });
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO') {
    return new StudioError('TLS', `TLS error talking to ${origin}: ${msg} (${code})`, {
      hint:
        'If the registry uses a private CA, set "caFile" for this host in the registry settings file ' +
        '(or put the CA in the docker certs.d folder); to skip verification use --insecure or "insecure": true.',
      cause: e,
    });
  }
  if (code === 'ECONNREFUSED') {
    return new StudioError('NETWORK', `connection refused by ${origin}: is the registry running at ${origin}?`, {
      cause: e,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StudioError('NETWORK', `cannot resolve host of ${origin} (${code})`, { hint: 'Check the registry name.', cause: e });
  }
  return new StudioError('NETWORK', `network error talking to ${origin}: ${msg}${code ? ` (${code})` : ''}`, { cause: e });
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
