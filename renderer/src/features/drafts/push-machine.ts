import type { StudioErrorData } from '../../../../shared/errors';
import type { OperationDone } from '../../../../shared/ipc';
import type { PushOutcome, PushPlan, PushProgress } from '../../../../shared/model';

export type StepState = 'pending' | 'started' | 'done' | 'skipped';

/** What one push has reported so far, by step index. */
export interface ProgressMap {
  stepCount: number;
  steps: Record<number, StepState>;
  bytes: Record<number, number>;
}

type DoneEvent = Extract<OperationDone, { kind: 'push' }>;
type Early = { kind: 'progress'; operationId: string; p: PushProgress } | { kind: 'done'; d: DoneEvent };

export type PushState =
  | { phase: 'idle'; target: string }
  | { phase: 'planning'; target: string }
  | { phase: 'planned'; target: string; plan: PushPlan }
  | { phase: 'plan-failed'; target: string; error: StudioErrorData }
  /** push.start sent, its operation id not back yet; events that arrive meanwhile wait in `early`. */
  | { phase: 'starting'; target: string; plan: PushPlan; early: Early[] }
  | { phase: 'pushing'; target: string; plan: PushPlan; operationId: string; progress: ProgressMap; cancelRequested: boolean }
  | { phase: 'done'; target: string; plan: PushPlan; operationId: string; progress: ProgressMap; outcome: PushOutcome }
  | { phase: 'failed'; target: string; plan: PushPlan; progress: ProgressMap; error: StudioErrorData }
  | { phase: 'cancelled'; target: string; plan: PushPlan; progress: ProgressMap };

export type PushEvent =
  | { type: 'TARGET_CHANGED'; target: string }
  | { type: 'PLAN_REQUESTED' }
  | { type: 'PLAN_SUCCEEDED'; plan: PushPlan }
  | { type: 'PLAN_FAILED'; error: StudioErrorData }
  | { type: 'PUSH_REQUESTED' }
  | { type: 'PUSH_STARTED'; operationId: string }
  | { type: 'PUSH_START_FAILED'; error: StudioErrorData }
  | { type: 'PROGRESS'; operationId: string; progress: PushProgress }
  | { type: 'DONE'; event: DoneEvent }
  | { type: 'CANCEL_REQUESTED' };

export function initialPushState(target: string): PushState {
  return { phase: 'idle', target };
}

function emptyProgress(plan: PushPlan): ProgressMap {
  return { stepCount: plan.steps.length, steps: {}, bytes: {} };
}

function applyProgress(m: ProgressMap, p: PushProgress): ProgressMap {
  const steps = { ...m.steps, [p.stepIndex]: p.state };
  const bytes = p.bytesDone === undefined ? m.bytes : { ...m.bytes, [p.stepIndex]: p.bytesDone };
  return { stepCount: p.stepCount, steps, bytes };
}

function finish(s: Extract<PushState, { phase: 'pushing' }>, d: DoneEvent): PushState {
  const base = { target: s.target, plan: s.plan, progress: s.progress };
  if ('outcome' in d) return { ...base, phase: 'done', operationId: s.operationId, outcome: d.outcome };
  if (d.error.code === 'CANCELLED') return { ...base, phase: 'cancelled' };
  return { ...base, phase: 'failed', error: d.error };
}

/** Events addressed to this push only: other windows may push at the same time and share the event stream. */
function onPushing(s: Extract<PushState, { phase: 'pushing' }>, e: PushEvent): PushState {
  switch (e.type) {
    case 'PROGRESS':
      return e.operationId === s.operationId ? { ...s, progress: applyProgress(s.progress, e.progress) } : s;
    case 'DONE':
      return e.event.operationId === s.operationId ? finish(s, e.event) : s;
    case 'CANCEL_REQUESTED':
      return { ...s, cancelRequested: true };
    default:
      return s;
  }
}

function onStarting(s: Extract<PushState, { phase: 'starting' }>, e: PushEvent): PushState {
  switch (e.type) {
    case 'PROGRESS':
      return { ...s, early: [...s.early, { kind: 'progress', operationId: e.operationId, p: e.progress }] };
    case 'DONE':
      return { ...s, early: [...s.early, { kind: 'done', d: e.event }] };
    case 'PUSH_START_FAILED':
      return { phase: 'failed', target: s.target, plan: s.plan, progress: emptyProgress(s.plan), error: e.error };
    case 'PUSH_STARTED': {
      let next: PushState = {
        phase: 'pushing',
        target: s.target,
        plan: s.plan,
        operationId: e.operationId,
        progress: emptyProgress(s.plan),
        cancelRequested: false,
      };
      for (const x of s.early) {
        next = pushReducer(next, x.kind === 'progress' ? { type: 'PROGRESS', operationId: x.operationId, progress: x.p } : { type: 'DONE', event: x.d });
      }
      return next;
    }
    default:
      return s;
  }
}

/** The push dialog's life: choose target → plan → push with progress → done / failed / cancelled. */
export function pushReducer(s: PushState, e: PushEvent): PushState {
  switch (s.phase) {
    case 'starting':
      return onStarting(s, e);
    case 'pushing':
      return onPushing(s, e);
    case 'planning':
      if (e.type === 'PLAN_SUCCEEDED') return { phase: 'planned', target: s.target, plan: e.plan };
      if (e.type === 'PLAN_FAILED') return { phase: 'plan-failed', target: s.target, error: e.error };
      if (e.type === 'TARGET_CHANGED') return { phase: 'idle', target: e.target };
      return s;
    case 'planned':
      if (e.type === 'PUSH_REQUESTED') return { phase: 'starting', target: s.target, plan: s.plan, early: [] };
      break;
    default:
      break;
  }
  // idle, planned, plan-failed, done, failed, cancelled: the target can change and a new plan be asked for.
  if (e.type === 'TARGET_CHANGED') return { phase: 'idle', target: e.target };
  if (e.type === 'PLAN_REQUESTED') return { phase: 'planning', target: s.target };
  return s;
}

export function isBusy(s: PushState): boolean {
  return s.phase === 'planning' || s.phase === 'starting' || s.phase === 'pushing';
}

/** Steps finished (done or skipped) out of the count main reported. */
export function completedSteps(m: ProgressMap): number {
  return Object.values(m.steps).filter((v) => v === 'done' || v === 'skipped').length;
}
