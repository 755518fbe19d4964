import { z } from 'zod';
import { PushOutcomeSchema, PushProgressSchema } from '../model';
import { ErrorDataSchema } from './errors-schema';

/**
 * Long operations, by kind: what the progress events and the result of each kind carry. Every start
 * channel answers an `operationId` at once; `operation.progress` and `operation.done` report the rest and
 * `operations.cancel` stops it. A new kind (copy, layer downloads) is one more entry in each list below.
 */

function progressOf<K extends string, P extends z.ZodType>(kind: K, progress: P) {
  return z.object({ operationId: z.string(), kind: z.literal(kind), progress });
}

function doneOf<K extends string, O extends z.ZodType>(kind: K, outcome: O) {
  return [
    z.object({ operationId: z.string(), kind: z.literal(kind), outcome }),
    z.object({ operationId: z.string(), kind: z.literal(kind), error: ErrorDataSchema }),
  ] as const;
}

export const OperationProgressSchema = z.discriminatedUnion('kind', [progressOf('push', PushProgressSchema)]);
export const OperationDoneSchema = z.union([...doneOf('push', PushOutcomeSchema)]);

export type OperationProgress = z.infer<typeof OperationProgressSchema>;
export type OperationDone = z.infer<typeof OperationDoneSchema>;
export type OperationKind = OperationProgress['kind'];
/** What an operation of kind `K` reports as it goes. */
export type ProgressOf<K extends OperationKind> = Extract<OperationProgress, { kind: K }>['progress'];
/** What an operation of kind `K` returns when it succeeds. */
export type OutcomeOf<K extends OperationKind> = Extract<OperationDone, { kind: K; outcome: unknown }>['outcome'];

/** How each kind is named in messages ("Push cancelled."). */
export const OPERATION_LABELS: Record<OperationKind, string> = { push: 'Push' };
