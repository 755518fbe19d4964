import { describe, expect, it } from 'vitest';
import type { PushPlan } from '../../../../shared/model';
import { completedSteps, initialPushState, isBusy, pushReducer, type PushEvent, type PushState } from './push-machine';

const plan: PushPlan = {
  target: 'reg/app:1',
  listDigest: 'sha256:' + '1'.repeat(64),
  mediaType: 'application/vnd.oci.image.index.v1+json',
  steps: [
    { kind: 'blob', digest: 'sha256:' + 'a'.repeat(64), size: 10, action: 'exists' },
    { kind: 'manifest', digest: 'sha256:' + 'b'.repeat(64), size: 20, action: 'put' },
    { kind: 'list', digest: 'sha256:' + '1'.repeat(64), size: 30, action: 'put' },
  ],
};
const outcome = { target: 'reg/app:1', digest: plan.listDigest, pushedChildren: [] };
const progress = (operationId: string, stepIndex: number, state: 'started' | 'done' | 'skipped') => ({
  type: 'PROGRESS' as const,
  operationId,
  progress: { stepIndex, stepCount: 3, digest: plan.steps[stepIndex]!.digest, state },
});

function run(events: PushEvent[], from: PushState = initialPushState('reg/app:1')): PushState {
  return events.reduce(pushReducer, from);
}

describe('pushReducer', () => {
  it('goes plan → push → done, tracking each step', () => {
    const s = run([
      { type: 'PLAN_REQUESTED' },
      { type: 'PLAN_SUCCEEDED', plan },
      { type: 'PUSH_REQUESTED' },
      { type: 'PUSH_STARTED', operationId: 'op1' },
      progress('op1', 0, 'skipped'),
      progress('op1', 1, 'started'),
    ]);
    expect(s.phase).toBe('pushing');
    if (s.phase !== 'pushing') return;
    expect(s.progress.steps).toEqual({ 0: 'skipped', 1: 'started' });
    expect(completedSteps(s.progress)).toBe(1);
    expect(isBusy(s)).toBe(true);
    const done = run([progress('op1', 1, 'done'), progress('op1', 2, 'done'), { type: 'DONE', event: { operationId: 'op1', kind: 'push', outcome } }], s);
    expect(done.phase).toBe('done');
    if (done.phase === 'done') expect(completedSteps(done.progress)).toBe(3);
    expect(isBusy(done)).toBe(false);
  });

  it('ignores events of other pushes (another window shares the event stream)', () => {
    const s = run([
      { type: 'PLAN_REQUESTED' },
      { type: 'PLAN_SUCCEEDED', plan },
      { type: 'PUSH_REQUESTED' },
      { type: 'PUSH_STARTED', operationId: 'mine' },
      progress('theirs', 0, 'done'),
      { type: 'DONE', event: { operationId: 'theirs', kind: 'push', outcome } },
    ]);
    expect(s.phase).toBe('pushing');
    if (s.phase === 'pushing') expect(s.progress.steps).toEqual({});
  });

  it('keeps events that arrive before push.start answers and replays those of its own push', () => {
    const s = run([
      { type: 'PLAN_REQUESTED' },
      { type: 'PLAN_SUCCEEDED', plan },
      { type: 'PUSH_REQUESTED' },
      progress('op9', 0, 'skipped'),
      progress('other', 1, 'done'),
      { type: 'DONE', event: { operationId: 'op9', kind: 'push', outcome } },
      { type: 'PUSH_STARTED', operationId: 'op9' },
    ]);
    expect(s.phase).toBe('done');
    if (s.phase === 'done') expect(s.progress.steps).toEqual({ 0: 'skipped' });
  });

  it('ends as cancelled when main reports CANCELLED after a cancel request', () => {
    const s = run([
      { type: 'PLAN_REQUESTED' },
      { type: 'PLAN_SUCCEEDED', plan },
      { type: 'PUSH_REQUESTED' },
      { type: 'PUSH_STARTED', operationId: 'op1' },
      { type: 'CANCEL_REQUESTED' },
    ]);
    expect(s.phase === 'pushing' && s.cancelRequested).toBe(true);
    const end = pushReducer(s, { type: 'DONE', event: { operationId: 'op1', kind: 'push', error: { code: 'CANCELLED', message: 'cancelled' } } });
    expect(end.phase).toBe('cancelled');
  });

  it('reports a failed push with the error, and a failed start', () => {
    const planned = run([{ type: 'PLAN_REQUESTED' }, { type: 'PLAN_SUCCEEDED', plan }]);
    const failed = run(
      [{ type: 'PUSH_REQUESTED' }, { type: 'PUSH_STARTED', operationId: 'a' }, { type: 'DONE', event: { operationId: 'a', kind: 'push', error: { code: 'DENIED', message: 'denied' } } }],
      planned,
    );
    expect(failed.phase === 'failed' && failed.error.code).toBe('DENIED');
    const startFailed = run([{ type: 'PUSH_REQUESTED' }, { type: 'PUSH_START_FAILED', error: { code: 'NETWORK', message: 'x' } }], planned);
    expect(startFailed.phase).toBe('failed');
  });

  it('drops the plan when the target changes, and a push cannot start without one', () => {
    const planned = run([{ type: 'PLAN_REQUESTED' }, { type: 'PLAN_SUCCEEDED', plan }]);
    const changed = pushReducer(planned, { type: 'TARGET_CHANGED', target: 'reg/app:2' });
    expect(changed).toEqual({ phase: 'idle', target: 'reg/app:2' });
    expect(pushReducer(changed, { type: 'PUSH_REQUESTED' })).toBe(changed);
    expect(pushReducer(changed, { type: 'PLAN_REQUESTED' })).toEqual({ phase: 'planning', target: 'reg/app:2' });
    const planFailed = run([{ type: 'PLAN_REQUESTED' }, { type: 'PLAN_FAILED', error: { code: 'CROSS_REGISTRY', message: 'x' } }]);
    expect(planFailed.phase).toBe('plan-failed');
  });
});
