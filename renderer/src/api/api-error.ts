import type { ErrorCode, StudioErrorData } from '../../../shared/errors';

/** What `api.invoke` throws when main answers `ok: false`: the error as data, with its code and hint. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly data: StudioErrorData;

  constructor(data: StudioErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.hint = data.hint;
    this.data = data;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
