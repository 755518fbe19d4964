// Images and lists as read from a registry, shared by Inspect and Drafts.
export { inspectKeys, inspectQuery, isDigestRef } from './inspect-query';
export { attestationBadgeText, attestationLabels, foldList, predicateLabel } from './fold';
export type { AttestationInfo, FoldedList, MatrixRow } from './fold';
