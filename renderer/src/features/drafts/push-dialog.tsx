import { useEffect, useReducer, useState } from 'react';
import { useNavigationStore } from '../../navigation';
import { Dialog, Digest, ErrorView, Loading, mediaKindLabel } from '../../ui';
import { leaveDraft } from './api/draft-mutations';
import { useCancelPush, usePlanPush, useRefreshAfterPush, useStartPush } from './api/push';
import { usePushEvents } from './api/push-events';
import { completedSteps, initialPushState, isBusy, pushReducer, type PushState } from './push-machine';
import { PushSteps } from './push-steps';

/** Plan, push with per-step progress, cancel, and the resulting digest. */
export function PushDialog({ draftRef, onClose }: { draftRef: string; onClose: () => void }) {
  const [state, dispatch] = useReducer(pushReducer, draftRef, initialPushState);
  const [purge, setPurge] = useState(false);
  usePushEvents(dispatch);
  const plan = usePlanPush(draftRef, dispatch);
  const startPush = useStartPush(draftRef, dispatch);
  const cancelPush = useCancelPush(dispatch);

  useEffect(() => {
    void plan(draftRef);
  }, [plan, draftRef]);

  const start = () => void startPush(state.target, purge);
  const cancel = () => {
    if (state.phase === 'pushing') void cancelPush(state.operationId);
  };

  const finished = state.phase === 'done';
  useRefreshAfterPush(finished);

  const busy = isBusy(state);
  const close = () => {
    if (busy) return;
    // --purge removed the draft: leave its editor rather than show "draft not found".
    if (finished && purge) leaveDraft(draftRef);
    onClose();
  };
  return (
    <Dialog
      title={`Push ${draftRef}`}
      onClose={close}
      testId="push-dialog"
      wide
      footer={<PushFooter state={state} onClose={close} onPush={start} onCancel={cancel} />}
    >
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void plan(state.target);
        }}
      >
        <label className="field grow">
          <span>Target reference</span>
          <input
            className="input mono"
            value={state.target}
            disabled={busy && state.phase !== 'planning'}
            onChange={(e) => dispatch({ type: 'TARGET_CHANGED', target: e.target.value })}
            aria-label="Target reference"
            data-testid="push-target"
            spellCheck={false}
          />
        </label>
        <button type="submit" className="btn" disabled={busy || state.target.trim() === ''} data-testid="push-replan">
          Plan
        </button>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={purge}
            disabled={busy}
            onChange={(e) => setPurge(e.target.checked)}
            data-testid="push-purge"
          />
          Delete the draft after a successful push (--purge)
        </label>
      </form>
      <PushBody state={state} />
    </Dialog>
  );
}

function PushBody({ state }: { state: PushState }) {
  switch (state.phase) {
    case 'idle':
      return <div className="muted">Press Plan to see what pushing to this target would do.</div>;
    case 'planning':
      return <Loading label="Checking what the target registry already has…" testId="push-planning" />;
    case 'plan-failed':
      return <ErrorView title="Cannot plan this push" error={state.error} testId="push-plan-error" />;
    default:
      break;
  }
  const progress = state.phase === 'planned' || state.phase === 'starting' ? undefined : state.progress;
  return (
    <div className="push-body">
      <div className="push-summary">
        <span>
          Will write <span className="mono">{state.plan.target}</span> as {mediaKindLabel(state.plan.mediaType)}
        </span>
        <Digest value={state.plan.listDigest} full testId="push-plan-digest" />
      </div>
      {progress !== undefined && (
        <div className="progress-line" data-testid="push-progress">
          <progress max={Math.max(1, progress.stepCount)} value={completedSteps(progress)} />
          <span>
            {completedSteps(progress)} / {progress.stepCount} steps
          </span>
        </div>
      )}
      {state.phase === 'done' && <PushDone state={state} />}
      {state.phase === 'failed' && <ErrorView title="Push failed" error={state.error} testId="push-error" />}
      {state.phase === 'cancelled' && (
        <div className="notice" role="status" data-testid="push-cancelled">
          Push cancelled. Blobs already uploaded stay in the registry; the list itself was not written unless its step
          shows done.
        </div>
      )}
      <PushSteps steps={state.plan.steps} progress={progress} />
    </div>
  );
}

function PushDone({ state }: { state: Extract<PushState, { phase: 'done' }> }) {
  const navigate = useNavigationStore((s) => s.navigate);
  const readBack = `${state.outcome.target.replace(/@sha256:[a-f0-9]+$/, '')}@${state.outcome.digest}`;
  return (
    <div className="notice notice-ok" role="status" data-testid="push-done">
      <div>
        Pushed <span className="mono">{state.outcome.target}</span>
      </div>
      <Digest value={state.outcome.digest} full testId="push-result-digest" />
      <button
        type="button"
        className="btn"
        data-testid="push-inspect-result"
        onClick={() => navigate({ screen: 'inspect', ref: state.outcome.target })}
        title={`Inspect ${readBack}`}
      >
        Inspect the pushed list
      </button>
    </div>
  );
}

function PushFooter({
  state,
  onClose,
  onPush,
  onCancel,
}: {
  state: PushState;
  onClose: () => void;
  onPush: () => void;
  onCancel: () => void;
}) {
  if (state.phase === 'pushing' || state.phase === 'starting') {
    const requested = state.phase === 'pushing' && state.cancelRequested;
    return (
      <button type="button" className="btn btn-danger" onClick={onCancel} disabled={requested} data-testid="push-cancel">
        {requested ? 'Cancelling…' : 'Cancel push'}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn" onClick={onClose} data-testid="push-close">
        {state.phase === 'done' ? 'Close' : 'Cancel'}
      </button>
      {(state.phase === 'planned' || state.phase === 'failed' || state.phase === 'cancelled') && (
        <button
          type="button"
          className="btn btn-primary"
          onClick={state.phase === 'planned' ? onPush : undefined}
          disabled={state.phase !== 'planned'}
          data-testid="push-confirm"
        >
          Push
        </button>
      )}
    </>
  );
}
