export { DraftsScreen } from './drafts-screen';
export { PushDialog } from './push-dialog';
export { checkPlatform, draftWarnings, parseFeatures } from './draft-checks';
export { completedSteps, initialPushState, isBusy, pushReducer } from './push-machine';
export type { PushEvent, PushState, ProgressMap, StepState } from './push-machine';
