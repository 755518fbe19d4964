import { randomUUID } from 'node:crypto';
import { StudioError, toErrorData } from '../../../shared/errors';
import type { PushOutcome, PushProgress } from '../../../shared/model';
import type { EventSink } from './event-hub';

export interface PushRun {
  operationId: string;
  signal: AbortSignal;
  onProgress: (p: PushProgress) => void;
}

/**
 * Running pushes by operation id. `start` returns the id at once and runs the work in the background;
 * `push.progress` and `push.done` events report it; `cancel` aborts the signal that reaches every request.
 */
export class PushOperations {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly events: EventSink,
    private readonly newId: () => string = randomUUID,
  ) {}

  start(run: (r: PushRun) => Promise<PushOutcome>, onSettled?: () => void): string {
    const operationId = this.newId();
    const controller = new AbortController();
    this.running.set(operationId, controller);
    const onProgress = (p: PushProgress): void => this.events.emit('push.progress', { ...p, operationId });
    // Deferred a tick so the caller gets the id before the first progress event can fire.
    void Promise.resolve()
      .then(() => run({ operationId, signal: controller.signal, onProgress }))
      .then(
        (outcome) => this.events.emit('push.done', { operationId, outcome }),
        (e: unknown) => this.events.emit('push.done', { operationId, error: errorOf(e, controller.signal) }),
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
    controller.abort(new StudioError('CANCELLED', 'Push cancelled.'));
    return true;
  }

  /** On quit: abort every push so no request outlives the app. */
  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.running.size;
  }
}

/** An abort surfaces as whatever the lower layer threw (AbortError, undici's); report it as CANCELLED. */
function errorOf(e: unknown, signal: AbortSignal) {
  if (signal.aborted && !(e instanceof StudioError && e.code !== 'INTERNAL')) {
    return { code: 'CANCELLED' as const, message: 'Push cancelled.' };
  }
  return toErrorData(e);
}
