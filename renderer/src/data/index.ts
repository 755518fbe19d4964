export { ApiProvider, useApi } from './api-context';
export type { StudioApi } from './api-context';
export { asErrorData, errorCode } from './errors';
export {
  createQueryClient,
  isDigestRef,
  keys,
  useDraft,
  useDraftMutation,
  useDrafts,
  useInspect,
  useLogins,
  useRegistrySettings,
  useStudioEvents,
} from './queries';
