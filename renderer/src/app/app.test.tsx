import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useNavigationStore } from '../navigation';
import { createQueryClient } from '../server-state';
import { createFakeApi, type FakeApi } from '../testing/fake-api';
import { draftView, listView } from '../testing/fixtures';
import { resetStores } from '../testing/render';
import { App } from './app';

const nav = () => useNavigationStore.getState();

function fakeMain(): FakeApi {
  const drafts = new Map([['reg/d:1', draftView('reg/d:1', [])]]);
  return createFakeApi({
    'app.info': () => ({ name: 'Manifest Studio', version: 'test', face: 'browser', platform: 'linux' }),
    'registry.inspect': ({ ref }) => ({ kind: 'list', list: listView(ref) }),
    'drafts.list': () => [...drafts.values()].map((d) => ({ id: d.id, ref: d.ref, refGuessed: false, entryCount: 0 })),
    'drafts.get': ({ ref }) => drafts.get(ref) ?? draftView(ref, []),
    'drafts.fromRemote': ({ draftRef }) => {
      const d = draftView(draftRef, []);
      drafts.set(draftRef, d);
      return d;
    },
    'credentials.list': () => ({ logins: [], problems: [] }),
    'settings.getRegistries': () => ({}),
  });
}

function inspect(ref: string) {
  fireEvent.change(screen.getByLabelText('Image reference'), { target: { value: ref } });
  fireEvent.click(screen.getByTestId('inspect-submit'));
}

const back = () => screen.getByTestId('nav-back') as HTMLButtonElement;
const forward = () => screen.getByTestId('nav-forward') as HTMLButtonElement;

beforeEach(resetStores);
afterEach(cleanup);

describe('app chrome: navigation', () => {
  it('Back and Forward buttons walk the history and are disabled at its ends', async () => {
    render(<App api={fakeMain()} queryClient={createQueryClient()} />);
    expect(back().disabled).toBe(true);
    expect(forward().disabled).toBe(true);
    inspect('reg/app:1');
    await screen.findByRole('grid', { name: 'Platforms' });
    fireEvent.click(screen.getByTestId('nav-drafts'));
    await screen.findByTestId('drafts-screen');
    expect(back().title).toBe('Back to Inspect reg/app:1 (Alt+←)');
    fireEvent.click(back());
    expect(await screen.findByTestId('result-ref')).toHaveProperty('textContent', 'reg/app:1');
    expect(forward().disabled).toBe(false);
    fireEvent.click(forward());
    await screen.findByTestId('drafts-screen');
    expect(forward().disabled).toBe(true);
  });

  it('Alt+← and Alt+→ go back and forward, but not from inside a text field', async () => {
    render(<App api={fakeMain()} queryClient={createQueryClient()} />);
    act(() => nav().navigate({ screen: 'credentials' }));
    await screen.findByTestId('credentials-screen');
    fireEvent.keyDown(screen.getByTestId('login-registry'), { key: 'ArrowLeft', altKey: true });
    expect(nav().current.screen).toBe('credentials');
    const left = new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true, bubbles: true, cancelable: true });
    act(() => void window.dispatchEvent(left));
    expect(left.defaultPrevented).toBe(true);
    await screen.findByTestId('inspect-screen');
    fireEvent.keyDown(document.body, { key: 'ArrowRight', altKey: true });
    await screen.findByTestId('credentials-screen');
    // Nowhere further to go: the key is left to the browser.
    const right = new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true, cancelable: true });
    act(() => void window.dispatchEvent(right));
    expect(right.defaultPrevented).toBe(false);
  });

  it('a screen tab (or Ctrl+2) returns to what that screen showed', async () => {
    render(<App api={fakeMain()} queryClient={createQueryClient()} />);
    fireEvent.click(screen.getByTestId('nav-drafts'));
    fireEvent.click(await screen.findByTestId('draft-item-reg_d-1'));
    await screen.findByTestId('draft-editor');
    fireEvent.click(screen.getByTestId('nav-inspect'));
    await screen.findByTestId('inspect-screen');
    fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(await screen.findByTestId('draft-ref')).toHaveProperty('textContent', 'reg/d:1');
  });

  it("follows the browser's Back button, keeping the page's ?token= query", async () => {
    window.history.replaceState(null, '', '/?token=abc');
    render(<App api={fakeMain()} queryClient={createQueryClient()} />);
    inspect('reg/app:1');
    await screen.findByRole('grid', { name: 'Platforms' });
    expect(window.location.search).toBe('?token=abc');
    expect(window.location.hash).toBe('#/inspect?ref=reg%2Fapp%3A1');
    act(() => window.history.back());
    await waitFor(() => expect(screen.getByTestId('inspect-empty')).toBeTruthy());
    expect(window.location.search).toBe('?token=abc');
  });

  it('Edit as draft: Inspect asks, Drafts copies and opens the draft, Back returns to the list', async () => {
    const api = fakeMain();
    render(<App api={api} queryClient={createQueryClient()} />);
    inspect('reg/app:1');
    fireEvent.click(await screen.findByTestId('edit-as-draft'));
    fireEvent.change(await screen.findByTestId('edit-as-draft-name'), { target: { value: 'reg/app:2' } });
    fireEvent.click(screen.getByTestId('edit-as-draft-confirm'));
    expect(await screen.findByTestId('draft-ref')).toHaveProperty('textContent', 'reg/app:2');
    expect(api.calls.find((c) => c.channel === 'drafts.fromRemote')?.input).toEqual({ remoteRef: 'reg/app:1', draftRef: 'reg/app:2' });
    fireEvent.click(back());
    expect(await screen.findByTestId('result-ref')).toHaveProperty('textContent', 'reg/app:1');
    expect(screen.queryByTestId('edit-as-draft-dialog')).toBeNull();
  });
});
