// The Drafts feature's public face: its screen, the chrome's draft count, and the subscription that keeps
// the drafts cache in step with main. Other features reach Drafts through navigation routes, never here.
export { DraftsScreen } from './drafts-screen';
export { DraftCount } from './draft-count';
export { useDraftEvents } from './api/draft-events';
