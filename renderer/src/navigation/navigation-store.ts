import { create } from 'zustand';
import { HOME, normalizeRoute, sameRoute, type Route, type Screen } from './routes';

/** Enough for any session; keeps `history.state` (which carries the back stack) small. */
const LIMIT = 100;

/** How `current` last changed; the browser-history mirror pushes, replaces or traverses to match. */
export type NavigationMove = 'init' | 'push' | 'replace' | 'back' | 'forward' | 'restore';

export interface NavigationState {
  current: Route;
  /** Routes behind the current one, the most recent last. */
  back: Route[];
  /** Routes Back has left, the next one last. */
  forward: Route[];
  /** The last route seen on each screen, so a screen tab returns to what that screen showed. */
  lastByScreen: Partial<Record<Screen, Route>>;
  move: NavigationMove;
  /** A user's step: a new history entry (nothing happens when the route is the current one). */
  navigate: (route: Route) => void;
  /** Changes the current entry in place, e.g. to leave a deleted draft without a Back into it. */
  replace: (route: Route) => void;
  goBack: () => void;
  goForward: () => void;
  /** Goes to the last route shown on `screen` (a screen tab, Ctrl+1…3). */
  showScreen: (screen: Screen) => void;
  /**
   * Adopts a position the browser moved to by itself (its Back/Forward, a reload): `back` and `current`
   * come from the history entry; the forward stack is kept when the entry is one of ours.
   */
  restore: (back: Route[], current: Route) => void;
}

function remember(s: NavigationState, current: Route): NavigationState['lastByScreen'] {
  // A copy request is a one-off question, not a place a tab should bring back.
  if (current.screen === 'drafts' && current.copyFrom !== undefined) return s.lastByScreen;
  return { ...s.lastByScreen, [current.screen]: current };
}

function restored(s: NavigationState, back: Route[], current: Route): Partial<NavigationState> {
  const timeline = [...s.back, s.current, ...[...s.forward].reverse()];
  const at = timeline[back.length];
  // The browser's entry is where our timeline has it: what lies beyond it can still be gone forward to.
  const forward = at !== undefined && sameRoute(at, current) ? timeline.slice(back.length + 1).reverse() : [];
  return { back: back.slice(-LIMIT), current, forward, move: 'restore', lastByScreen: remember(s, current) };
}

export const useNavigationStore = create<NavigationState>()((set, get) => ({
  current: HOME,
  back: [],
  forward: [],
  lastByScreen: {},
  move: 'init',
  navigate: (to) => {
    const s = get();
    const route = normalizeRoute(to);
    if (sameRoute(route, s.current)) return;
    set({ current: route, back: [...s.back, s.current].slice(-LIMIT), forward: [], move: 'push', lastByScreen: remember(s, route) });
  },
  replace: (to) => {
    const s = get();
    const route = normalizeRoute(to);
    if (sameRoute(route, s.current)) return;
    set({ current: route, move: 'replace', lastByScreen: remember(s, route) });
  },
  goBack: () => {
    const s = get();
    const to = s.back.at(-1);
    if (to === undefined) return;
    set({ current: to, back: s.back.slice(0, -1), forward: [...s.forward, s.current], move: 'back', lastByScreen: remember(s, to) });
  },
  goForward: () => {
    const s = get();
    const to = s.forward.at(-1);
    if (to === undefined) return;
    set({ current: to, back: [...s.back, s.current], forward: s.forward.slice(0, -1), move: 'forward', lastByScreen: remember(s, to) });
  },
  showScreen: (screen) => get().navigate(get().lastByScreen[screen] ?? { screen }),
  restore: (back, current) => set(restored(get(), back.map(normalizeRoute), normalizeRoute(current))),
}));

/** The current route when it is `screen`'s, else that screen's bare route (screens read their params here). */
export function useScreenRoute<S extends Screen>(screen: S): Extract<Route, { screen: S }> {
  const current = useNavigationStore((s) => s.current);
  return (current.screen === screen ? current : { screen }) as Extract<Route, { screen: S }>;
}
