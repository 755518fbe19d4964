import { randomUUID } from 'node:crypto';
import { StudioError, toErrorData } from '../../../shared/errors';
import { OPERATION_LABELS, type OperationDone, type OperationKind, type OperationProgress, type OutcomeOf, type ProgressOf } from '../../../shared/ipc';
import type { EventSink } from './event-hub';

/** What the work of one operation is given: its id, the signal that cancels it, where to report progress. */
export interface OperationRun<K extends OperationKind> {
  operationId: string;
  signal: AbortSignal;
  onProgress: (p: ProgressOf<K>) => void;
}

/**
 * Running long operations (push now; copy and layer downloads next) by id. `start` returns the id at once
 * and runs the work in the background; `operation.progress` and `operation.done` events report it, keyed by
 * kind; `cancel` aborts the signal that reaches every request.
 */
export class Operations {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly events: EventSink,
    private readonly newId: () => string = randomUUID,
  ) {}

  start<K extends OperationKind>(kind: K, work: (r: OperationRun<K>) => Promise<OutcomeOf<K>>, onSettled?: () => void): string {
    const operationId = this.newId();
    const controller = new AbortController();
    this.running.set(operationId, controller);
    // The payloads are built for one kind K; the event unions are keyed by kind, which TypeScript cannot
    // follow through the generic.
    const onProgress = (progress: ProgressOf<K>): void =>
      this.events.emit('operation.progress', { operationId, kind, progress } as OperationProgress);
    const done = (payload: { outcome: OutcomeOf<K> } | { error: ReturnType<typeof toErrorData> }): void =>
      this.events.emit('operation.done', { operationId, kind, ...payload } as OperationDone);
    // Deferred a tick so the caller gets the id before the first progress event can fire.
    void Promise.resolve()
      .then(() => work({ operationId, signal: controller.signal, onProgress }))
      .then(
        (outcome) => done({ outcome }),
        (e: unknown) => done({ error: errorOf(e, controller.signal, kind) }),
      )
      .finally(() => {
        this.running.delete(operationId);
        onSettled?.();
      });
    return operationId;
  }

  /** False when nothing with that id is running (already finished, or never existed). */
  cancel(operationId: string): boolean {
    const controller = this.running.get(operationId);
    if (!controller) return false;
    controller.abort(new StudioError('CANCELLED', 'Cancelled.'));
    return true;
  }

  /** On quit: abort every operation so no request outlives the app. */
  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.running.size;
  }
}

/** An abort surfaces as whatever the lower layer threw (AbortError, undici's); report it as CANCELLED. */
function errorOf(e: unknown, signal: AbortSignal, kind: OperationKind) {
  if (signal.aborted && !(e instanceof StudioError && e.code !== 'INTERNAL' && e.code !== 'CANCELLED')) {
    return { code: 'CANCELLED' as const, message: `${OPERATION_LABELS[kind]} cancelled.` };
  }
  return toErrorData(e);
}
