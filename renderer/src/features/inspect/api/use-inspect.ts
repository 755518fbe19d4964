import { useQuery } from '@tanstack/react-query';
import { inspectQuery } from '../../../images';
import { useApi } from '../../../server-state';

/** The image or list a reference names; `null` until the user submits one. */
export function useInspect(ref: string | null) {
  const api = useApi();
  return useQuery(inspectQuery(api, ref));
}
