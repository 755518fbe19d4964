import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { asErrorData, keys, useApi } from '../../data';
import { useInspectStore, useUiStore } from '../../state';
import { Dialog, Digest, ErrorView, Loading, mediaKindLabel } from '../../ui';
import { completedSteps, initialPushState, isBusy, pushReducer, type PushState } from './push-machine';
import { PushSteps } from './push-steps';

/** Plan, push with per-step progress, cancel, and the resulting digest. */
export function PushDialog({ draftRef, onClose }: { draftRef: string; onClose: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const [state, dispatch] = useReducer(pushReducer, draftRef, initialPushState);
  const [purge, setPurge] = useState(false);
  const planSeq = useRef(0);

  useEffect(() => {
    const offProgress = api.on('push.progress', (progress) => dispatch({ type: 'PROGRESS', progress }));
    const offDone = api.on('push.done', (event) => dispatch({ type: 'DONE', event }));
    return () => {
      offProgress();
      offDone();
    };
  }, [api]);

  const plan = useCallback(
    async (target: string) => {
      const seq = ++planSeq.current;
      dispatch({ type: 'PLAN_REQUESTED' });
      try {
        const p = await api.invoke('push.plan', { draftRef, target: target.trim() });
        // A newer plan request (the target changed) wins over this late answer.
        if (seq === planSeq.current) dispatch({ type: 'PLAN_SUCCEEDED', plan: p });
      } catch (e) {
        if (seq === planSeq.current) dispatch({ type: 'PLAN_FAILED', error: asErrorData(e) });
      }
    },
    [api, draftRef],
  );

  useEffect(() => {
    void plan(draftRef);
  }, [plan, draftRef]);

  const start = async () => {
    dispatch({ type: 'PUSH_REQUESTED' });
    try {
      const { operationId } = await api.invoke('push.start', { draftRef, target: state.target.trim(), purge });
      dispatch({ type: 'PUSH_STARTED', operationId });
    } catch (e) {
      dispatch({ type: 'PUSH_START_FAILED', error: asErrorData(e) });
    }
  };

  const cancel = async () => {
    if (state.phase !== 'pushing') return;
    dispatch({ type: 'CANCEL_REQUESTED' });
    try {
      await api.invoke('push.cancel', { operationId: state.operationId });
    } catch {
      // The push ends on its own; push.done reports how.
    }
  };

  const finished = state.phase === 'done';
  useEffect(() => {
    if (finished) {
      void qc.invalidateQueries({ queryKey: keys.drafts() });
      void qc.invalidateQueries({ queryKey: ['inspect'] });
    }
  }, [finished, qc]);

  const busy = isBusy(state);
  const openDraft = useUiStore((s) => s.openDraft);
  const close = () => {
    if (busy) return;
    // --purge removed the draft: leave its editor rather than show "draft not found".
    if (finished && purge) openDraft(null);
    onClose();
  };
  return (
    <Dialog
      title={`Push ${draftRef}`}
      onClose={close}
      testId="push-dialog"
      wide
      footer={<PushFooter state={state} onClose={close} onPush={() => void start()} onCancel={() => void cancel()} />}
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
  const submit = useInspectStore((s) => s.submit);
  const setScreen = useUiStore((s) => s.setScreen);
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
        onClick={() => {
          submit(state.outcome.target);
          setScreen('inspect');
        }}
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
