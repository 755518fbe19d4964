import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { inspectKeys } from '../../../images';
import { asErrorData, useApi } from '../../../server-state';
import type { PushEvent } from '../push-machine';
import { draftKeys } from './draft-queries';

type Dispatch = (e: PushEvent) => void;

// A push is a long operation with its own state machine (push-machine.ts), not a react-query mutation:
// these hooks ask main and report the answers to the machine as events.

/** Plans a push to `target`; only the latest request's answer counts (the target may have changed since). */
export function usePlanPush(draftRef: string, dispatch: Dispatch): (target: string) => Promise<void> {
  const api = useApi();
  const seq = useRef(0);
  return useCallback(
    async (target: string) => {
      const mine = ++seq.current;
      dispatch({ type: 'PLAN_REQUESTED' });
      try {
        const plan = await api.invoke('push.plan', { draftRef, target: target.trim() });
        if (mine === seq.current) dispatch({ type: 'PLAN_SUCCEEDED', plan });
      } catch (e) {
        if (mine === seq.current) dispatch({ type: 'PLAN_FAILED', error: asErrorData(e) });
      }
    },
    [api, draftRef, dispatch],
  );
}

/** Starts the push; main answers with an operation id at once, progress follows as events. */
export function useStartPush(draftRef: string, dispatch: Dispatch): (target: string, purge: boolean) => Promise<void> {
  const api = useApi();
  return useCallback(
    async (target: string, purge: boolean) => {
      dispatch({ type: 'PUSH_REQUESTED' });
      try {
        const { operationId } = await api.invoke('push.start', { draftRef, target: target.trim(), purge });
        dispatch({ type: 'PUSH_STARTED', operationId });
      } catch (e) {
        dispatch({ type: 'PUSH_START_FAILED', error: asErrorData(e) });
      }
    },
    [api, draftRef, dispatch],
  );
}

export function useCancelPush(dispatch: Dispatch): (operationId: string) => Promise<void> {
  const api = useApi();
  return useCallback(
    async (operationId: string) => {
      dispatch({ type: 'CANCEL_REQUESTED' });
      try {
        await api.invoke('operations.cancel', { operationId });
      } catch {
        // The push ends on its own; operation.done reports how.
      }
    },
    [api, dispatch],
  );
}

/** Once a push is done, the drafts (a purge removes one) and every inspected tag may have changed. */
export function useRefreshAfterPush(done: boolean): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!done) return;
    void qc.invalidateQueries({ queryKey: draftKeys.list() });
    void qc.invalidateQueries({ queryKey: inspectKeys.all() });
  }, [done, qc]);
}
