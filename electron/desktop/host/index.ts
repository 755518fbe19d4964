export { startHost } from './host';
export type { HostOptions, RunningHost } from './host';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';
export { resolveStaticPath, contentTypeOf, readStaticFile } from './static-files';
export { hostAllowed, originAllowed, tokenMatches } from './request-guard';
