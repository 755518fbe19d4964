import { useQuery } from '@tanstack/react-query';
import { inspectQuery } from '../../../images';
import { useApi } from '../../../server-state';

/** Looks up a reference before adding it: an image is added as is, a list offers its platforms. */
export function useImageLookup(ref: string | null) {
  const api = useApi();
  return useQuery(inspectQuery(api, ref));
}
