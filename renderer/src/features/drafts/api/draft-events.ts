import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../server-state';
import { draftKeys } from './draft-queries';

/** Main's `drafts.changed` becomes invalidations; nothing is copied anywhere else. Mounted once, by the shell. */
export function useDraftEvents(): void {
  const api = useApi();
  const qc = useQueryClient();
  useEffect(() => {
    return api.on('drafts.changed', ({ ref }) => {
      void qc.invalidateQueries({ queryKey: draftKeys.list() });
      void qc.invalidateQueries({ queryKey: draftKeys.one(ref) });
    });
  }, [api, qc]);
}
