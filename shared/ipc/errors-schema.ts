import { z } from 'zod';
import type { ErrorCode, StudioErrorData } from '../errors';

/** Every `ErrorCode`, as a runtime list; the checks below fail to compile if errors.ts gains or loses one. */
export const ERROR_CODES = [
  'BAD_INPUT',
  'REFERENCE_INVALID',
  'MANIFEST_UNKNOWN',
  'NAME_UNKNOWN',
  'BLOB_UNKNOWN',
  'UNAUTHORIZED',
  'DENIED',
  'TOO_MANY_REQUESTS',
  'REGISTRY_ERROR',
  'NETWORK',
  'TLS',
  'TIMEOUT',
  'CANCELLED',
  'DIGEST_MISMATCH',
  'MANIFEST_TOO_LARGE',
  'MANIFEST_INVALID',
  'UNSUPPORTED_MEDIA_TYPE',
  'IS_MANIFEST_LIST',
  'DRAFT_NOT_FOUND',
  'DRAFT_EXISTS',
  'DRAFT_EMPTY',
  'DRAFT_CORRUPT',
  'ENTRY_NOT_FOUND',
  'PLATFORM_INVALID',
  'CROSS_REGISTRY',
  'CREDENTIALS',
  'SETTINGS_INVALID',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

type MissingCode = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
const noMissingCode: [MissingCode] extends [never] ? true : MissingCode = true;
void noMissingCode;

export const ErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  hint: z.string().optional(),
});

type SameShape = z.infer<typeof ErrorDataSchema> extends StudioErrorData
  ? StudioErrorData extends z.infer<typeof ErrorDataSchema>
    ? true
    : false
  : false;
const sameShape: SameShape = true;
void sameShape;
