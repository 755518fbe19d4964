import { useEffect } from 'react';
import { useApi } from '../../../server-state';
import type { PushEvent } from '../push-machine';

/**
 * Main's long-operation events of kind `push`, turned into the push machine's events. They are broadcast
 * (other windows push too); the machine keeps only those of its own operation.
 */
export function usePushEvents(dispatch: (e: PushEvent) => void): void {
  const api = useApi();
  useEffect(() => {
    const offProgress = api.on('operation.progress', (e) => {
      if (e.kind === 'push') dispatch({ type: 'PROGRESS', operationId: e.operationId, progress: e.progress });
    });
    const offDone = api.on('operation.done', (e) => {
      if (e.kind === 'push') dispatch({ type: 'DONE', event: e });
    });
    return () => {
      offProgress();
      offDone();
    };
  }, [api, dispatch]);
}
