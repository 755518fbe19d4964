export { useNavigationStore, useScreenRoute } from './navigation-store';
export type { NavigationMove, NavigationState } from './navigation-store';
export { syncWithBrowserHistory, useBrowserHistory } from './history-sync';
export { useNavigationKeys } from './use-navigation-keys';
export { HOME, describeRoute, normalizeRoute, parseRoute, routeFromHash, routeToHash, sameRoute } from './routes';
export type { Route, RouteOf, Screen } from './routes';
