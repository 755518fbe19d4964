// Server-state plumbing every part of the renderer shares (STYLE §5): the api injected through context,
// the react-query client, error normalisation, and the one query read app-wide.
export { ApiProvider, useApi } from './api-context';
export type { StudioApi } from './api-context';
export { asErrorData, errorCode } from './errors';
export { createQueryClient } from './query-client';
export { appInfoKey, useAppInfo } from './app-info';
