export { InspectScreen } from './inspect-screen';
export { ImageInspector } from './image-inspector';
export { attestationBadgeText, attestationLabels, foldList, predicateLabel } from './fold';
export type { AttestationInfo, FoldedList, MatrixRow } from './fold';
