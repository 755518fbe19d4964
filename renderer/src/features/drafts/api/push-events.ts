import { useEffect } from 'react';
import { useApi } from '../../../server-state';
import type { PushEvent } from '../push-machine';

/**
 * Every subscription to main's push events, turned into the push machine's events. Main's events are
 * broadcast (other windows push too); the machine keeps only those of its own operation. When main
 * moves to generic long-operation events, this is the one file to change.
 */
export function usePushEvents(dispatch: (e: PushEvent) => void): void {
  const api = useApi();
  useEffect(() => {
    const offProgress = api.on('push.progress', (progress) => dispatch({ type: 'PROGRESS', progress }));
    const offDone = api.on('push.done', (event) => dispatch({ type: 'DONE', event }));
    return () => {
      offProgress();
      offDone();
    };
  }, [api, dispatch]);
}
