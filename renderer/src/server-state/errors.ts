import type { ErrorCode, StudioErrorData } from '../../../shared/errors';

function isErrorData(v: unknown): v is StudioErrorData {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['code'] === 'string' && typeof o['message'] === 'string';
}

/**
 * Everything the renderer shows as an error is `StudioErrorData`. Calls reject with `ApiError` (which
 * carries it in `.data`), but a bug can reject with anything, so we normalise here.
 */
export function asErrorData(e: unknown): StudioErrorData {
  if (typeof e === 'object' && e !== null && 'data' in e && isErrorData((e as { data: unknown }).data)) {
    return asErrorData((e as { data: unknown }).data);
  }
  if (isErrorData(e)) {
    const hint = (e as { hint?: unknown }).hint;
    return typeof hint === 'string' ? { code: e.code, message: e.message, hint } : { code: e.code, message: e.message };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    code: 'INTERNAL',
    message: message || 'Unknown error',
    hint: 'This is a bug in Manifest Studio; reload the window, and report it if it persists.',
  };
}

export function errorCode(e: unknown): ErrorCode {
  return asErrorData(e).code;
}
