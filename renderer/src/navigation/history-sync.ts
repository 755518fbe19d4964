import { useEffect } from 'react';
import { useNavigationStore, type NavigationState } from './navigation-store';
import { parseRoute, routeFromHash, routeToHash, sameRoute, HOME, type Route } from './routes';

/** Our mark in `history.state`: the entry's route and the back stack behind it. */
const KEY = 'manifestStudio';

interface Stamp {
  back: Route[];
  current: Route;
}

function readStamp(state: unknown): Stamp | null {
  if (typeof state !== 'object' || state === null) return null;
  const raw: unknown = Reflect.get(state, KEY);
  if (typeof raw !== 'object' || raw === null) return null;
  const current = parseRoute(Reflect.get(raw, 'current'));
  const backRaw: unknown = Reflect.get(raw, 'back');
  if (current === null || !Array.isArray(backRaw)) return null;
  const back = backRaw.map(parseRoute);
  return back.every((r): r is Route => r !== null) ? { back, current } : null;
}

/**
 * Mirrors the navigation store in the window's session history, so the browser's own Back/Forward move
 * the app, and a reload comes back to the same place with its Back stack. The route lives in the URL's
 * hash (`#/drafts?draft=…`): the query string carries the loopback host's `?token=` and must stay as it
 * is, and a hash change is an in-page navigation (no request, nothing for app:// or main to allow).
 * Returns the function that stops mirroring.
 */
export function syncWithBrowserHistory(win: Window): () => void {
  const store = useNavigationStore;
  // A traversal we asked for (app Back/Forward) has not arrived yet. Browsers run one at a time, so
  // steps taken meanwhile are owed and asked for in one go, and pushes or replaces wait (`deferred`).
  let inFlight = false;
  let owed = 0;
  let deferred: 'push' | 'replace' | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  // Set while the store follows the browser, so that change is not mirrored back.
  let following = false;

  const write = (mode: 'push' | 'replace') => {
    const { back, current } = store.getState();
    const data = { [KEY]: { back, current } satisfies Stamp };
    // A relative '#…' URL keeps the path and the query string (the token) untouched.
    if (mode === 'push') win.history.pushState(data, '', routeToHash(current));
    else win.history.replaceState(data, '', routeToHash(current));
  };
  const follow = (change: (s: NavigationState) => void) => {
    following = true;
    try {
      change(store.getState());
    } finally {
      following = false;
    }
  };

  // Start: the URL wins (a reload, a bookmarked link); without a route in it, the store's route is written.
  const fromUrl = routeFromHash(win.location.hash);
  const saved = readStamp(win.history.state);
  follow((s) => {
    if (fromUrl !== null && saved !== null && sameRoute(saved.current, fromUrl)) s.restore(saved.back, fromUrl);
    else {
      // Stacks the browser cannot follow (it has no entries of ours around this one) are dropped.
      s.restore([], fromUrl ?? s.current);
      store.setState({ forward: [] });
    }
  });
  write('replace');

  const traverse = (delta: number) => {
    inFlight = true;
    // A traversal the browser refuses fires no popstate; do not wait for it forever.
    watchdog = setTimeout(() => void arrived(), 1000);
    win.history.go(delta);
  };
  /** Our traversal has landed: ask for what is owed, or write what waited. False when nothing was pending. */
  const arrived = (): boolean => {
    clearTimeout(watchdog);
    inFlight = false;
    if (owed !== 0) {
      traverse(owed);
      owed = 0;
    } else if (deferred !== null) {
      write(deferred);
      deferred = null;
    } else return false;
    return true;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (following || s.current === prev.current) return;
    if (s.move === 'back' || s.move === 'forward') {
      const step = s.move === 'back' ? -1 : 1;
      if (inFlight) owed += step;
      else traverse(step);
    } else {
      const mode = s.move === 'push' ? 'push' : 'replace';
      if (inFlight) deferred = deferred === 'push' ? 'push' : mode;
      else write(mode);
    }
  });

  const onPopState = (e: PopStateEvent) => {
    if (inFlight && arrived()) return;
    const stamp = readStamp(e.state);
    const s = store.getState();
    if (stamp === null) {
      // An entry we did not write: a hash typed into the address bar. It is a navigation; stamp it.
      follow((st) => st.navigate(routeFromHash(win.location.hash) ?? HOME));
      write('replace');
    } else if (!(sameRoute(stamp.current, s.current) && stamp.back.length === s.back.length)) {
      // The browser moved by itself, or ended elsewhere than we asked: where it is wins.
      follow((st) => st.restore(stamp.back, stamp.current));
    }
  };
  win.addEventListener('popstate', onPopState);
  return () => {
    clearTimeout(watchdog);
    unsubscribe();
    win.removeEventListener('popstate', onPopState);
  };
}

/** Keeps the browser's history and the navigation store in step while the app is mounted. */
export function useBrowserHistory(): void {
  useEffect(() => syncWithBrowserHistory(window), []);
}
