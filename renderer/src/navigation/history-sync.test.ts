import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { resetStores } from '../testing/render';
import { syncWithBrowserHistory } from './history-sync';
import { useNavigationStore } from './navigation-store';

const nav = () => useNavigationStore.getState();
const TOKEN = '?token=abc%26def';
let stop: (() => void) | undefined;

function start(url = `/${TOKEN}`): void {
  window.history.replaceState(null, '', url);
  stop = syncWithBrowserHistory(window);
}

beforeEach(resetStores);
afterEach(() => stop?.());

describe('browser history sync', () => {
  it('writes each navigation as a history entry in the hash, leaving the token query alone', () => {
    start();
    const length = window.history.length;
    expect(window.location.hash).toBe('#/inspect');
    nav().navigate({ screen: 'inspect', ref: 'reg/app:1' });
    nav().navigate({ screen: 'drafts', draftRef: 'reg/app:1' });
    expect(window.history.length).toBe(length + 2);
    expect(window.location.search).toBe(TOKEN);
    expect(window.location.hash).toBe('#/drafts?draft=reg%2Fapp%3A1');
    nav().replace({ screen: 'drafts' });
    expect(window.history.length).toBe(length + 2);
    expect(window.location.hash).toBe('#/drafts');
  });

  it("follows the browser's own Back and Forward", async () => {
    start();
    nav().navigate({ screen: 'inspect', ref: 'reg/app:1' });
    nav().navigate({ screen: 'credentials' });
    window.history.back();
    await waitFor(() => expect(nav().current).toEqual({ screen: 'inspect', ref: 'reg/app:1' }));
    expect(nav().forward).toEqual([{ screen: 'credentials' }]);
    window.history.forward();
    await waitFor(() => expect(nav().current).toEqual({ screen: 'credentials' }));
    expect(window.location.search).toBe(TOKEN);
  });

  it("moves the browser along with the app's Back, so its Forward and ours agree", async () => {
    start();
    nav().navigate({ screen: 'inspect', ref: 'reg/app:1' });
    nav().navigate({ screen: 'credentials' });
    nav().goBack();
    nav().goBack();
    expect(nav().current).toEqual({ screen: 'inspect' });
    await waitFor(() => expect(window.location.hash).toBe('#/inspect'));
    // Both traversals arrived; the store did not bounce through the one in between.
    await new Promise((r) => setTimeout(r, 20));
    expect(nav().current).toEqual({ screen: 'inspect' });
    window.history.forward();
    await waitFor(() => expect(nav().current).toEqual({ screen: 'inspect', ref: 'reg/app:1' }));
  });

  it('starts where the URL says, with the Back stack the entry remembers (a reload)', () => {
    start();
    nav().navigate({ screen: 'inspect', ref: 'reg/app:1' });
    nav().navigate({ screen: 'drafts', draftRef: 'reg/d:1' });
    stop?.();
    useNavigationStore.setState({ current: { screen: 'inspect' }, back: [], forward: [] });
    stop = syncWithBrowserHistory(window);
    expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/d:1' });
    expect(nav().back).toEqual([{ screen: 'inspect' }, { screen: 'inspect', ref: 'reg/app:1' }]);
  });

  it('opens a link to a route, and treats a typed hash as a navigation', async () => {
    start(`/${TOKEN}#/credentials?registry=ghcr.io`);
    expect(nav().current).toEqual({ screen: 'credentials', registry: 'ghcr.io' });
    window.location.hash = '#/drafts?draft=reg%2Fx%3A1';
    await waitFor(() => expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/x:1' }));
    expect(nav().back).toEqual([{ screen: 'credentials', registry: 'ghcr.io' }]);
  });
});
