import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useNavigationStore } from '../../navigation';
import { createFakeApi, fail } from '../../testing/fake-api';
import { imageView, listView } from '../../testing/fixtures';
import { renderWithApi, resetStores } from '../../testing/render';
import { InspectScreen } from './inspect-screen';

function inspect(ref: string) {
  fireEvent.change(screen.getByLabelText('Image reference'), { target: { value: ref } });
  fireEvent.click(screen.getByTestId('inspect-submit'));
}

beforeEach(resetStores);
afterEach(cleanup);

describe('InspectScreen', () => {
  it('shows a list as one row per platform with attestations folded into a badge', async () => {
    const api = createFakeApi({ 'registry.inspect': ({ ref }) => ({ kind: 'list', list: listView(ref) }) });
    renderWithApi(<InspectScreen />, api);
    inspect('localhost:5000/test/multi:latest');
    const grid = await screen.findByRole('grid', { name: 'Platforms' });
    const rows = within(grid).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(12);
    expect(grid.textContent).not.toContain('unknown');
    expect(within(grid).getAllByTestId('attestation-badge').map((b) => b.textContent)).toEqual([
      'provenance/SBOM',
      'provenance/SBOM',
    ]);
    expect(screen.getByTestId('list-kind').textContent).toBe('OCI image index');
    expect(screen.getByTestId('platform-count').textContent).toContain('12 platforms');
    expect(api.calls).toEqual([{ channel: 'registry.inspect', input: { ref: 'localhost:5000/test/multi:latest' } }]);
  });

  it('moves the selection with the arrow keys and opens the inspector with Enter', async () => {
    const api = createFakeApi({ 'registry.inspect': ({ ref }) => ({ kind: 'list', list: listView(ref) }) });
    renderWithApi(<InspectScreen />, api);
    inspect('reg/app:1');
    const grid = await screen.findByRole('grid', { name: 'Platforms' });
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    const selected = within(grid).getAllByRole('row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
    expect(selected[0]?.getAttribute('data-testid')).toBe('platform-row-linux-arm64-v8');
    fireEvent.keyDown(grid, { key: 'Enter' });
    const inspector = await screen.findByTestId('image-inspector');
    expect(inspector.textContent).toContain('linux/arm64/v8');
    // Layers are listed; Enter on one opens its full record.
    const layers = within(inspector).getByRole('grid', { name: 'Layers' });
    fireEvent.keyDown(layers, { key: 'ArrowDown' });
    fireEvent.keyDown(layers, { key: 'Enter' });
    expect(within(inspector).getByTestId('layer-detail').textContent).toContain('application/vnd.oci.image.layer.v1.tar+gzip');
  });

  it('shows the config, history and raw JSON of a single image directly', async () => {
    const api = createFakeApi({
      'registry.inspect': ({ ref }) => ({ kind: 'image', image: imageView(ref, { os: 'linux', architecture: 'amd64' }) }),
    });
    renderWithApi(<InspectScreen />, api);
    inspect('reg/one:1');
    await screen.findByTestId('image-inspector');
    fireEvent.click(screen.getByRole('tab', { name: 'Config' }));
    expect(screen.getByTestId('config-tab').textContent).toContain('["/bin/app"]');
    expect(screen.getByTestId('config-env').textContent).toContain('APP_MODE=prod');
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(screen.getByTestId('history-tab').textContent).toContain('ADD file:abc');
    fireEvent.click(screen.getByRole('tab', { name: 'Raw JSON' }));
    expect(screen.getByTestId('raw-manifest').textContent).toContain('"schemaVersion": 2');
    expect(screen.getByTestId('raw-manifest-copy').getAttribute('data-copy-text')).toContain('"schemaVersion":2');
  });

  it('explains a malformed reference with main’s message and hint', async () => {
    const api = createFakeApi({
      'registry.inspect': () =>
        fail({
          code: 'REFERENCE_INVALID',
          message: 'invalid reference format: repository name (library/Bad) must be lowercase',
          hint: 'Use lowercase letters in the repository name.',
        }),
    });
    renderWithApi(<InspectScreen />, api);
    inspect('Bad');
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-error-code')).toBe('REFERENCE_INVALID');
    expect(screen.getByTestId('inspect-error-message').textContent).toContain('must be lowercase');
    expect(screen.getByTestId('inspect-error-hint').textContent).toBe('Use lowercase letters in the repository name.');
  });

  it('gives a next step for an unreachable registry even without a hint, and retries', async () => {
    let attempts = 0;
    const api = createFakeApi({
      'registry.inspect': () => {
        attempts += 1;
        return fail({ code: 'NETWORK', message: 'connect ECONNREFUSED 127.0.0.1:1' });
      },
    });
    renderWithApi(<InspectScreen />, api);
    inspect('127.0.0.1:1/x:1');
    await screen.findByRole('alert');
    expect(screen.getByTestId('inspect-error-hint').textContent).toMatch(/registry is running/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(attempts).toBe(2));
  });

  // The copy itself is the Drafts screen's (edit-as-draft-dialog.test.tsx): Inspect only asks for it.
  it('asks the Drafts screen to copy a remote list, keeping the list behind it in history', async () => {
    const api = createFakeApi({ 'registry.inspect': ({ ref }) => ({ kind: 'list', list: listView(ref) }) });
    renderWithApi(<InspectScreen />, api);
    inspect('reg/app:1');
    fireEvent.click(await screen.findByTestId('edit-as-draft'));
    const nav = useNavigationStore.getState();
    expect(nav.current).toEqual({ screen: 'drafts', copyFrom: 'reg/app:1' });
    expect(nav.back.at(-1)).toEqual({ screen: 'inspect', ref: 'reg/app:1' });
    expect(api.calls.map((c) => c.channel)).toEqual(['registry.inspect']);
  });

  it('one history entry per submitted reference, none per keystroke; Back shows the earlier list and its row', async () => {
    const api = createFakeApi({ 'registry.inspect': ({ ref }) => ({ kind: 'list', list: listView(ref) }) });
    renderWithApi(<InspectScreen />, api);
    fireEvent.change(screen.getByLabelText('Image reference'), { target: { value: 'reg/a' } });
    fireEvent.change(screen.getByLabelText('Image reference'), { target: { value: 'reg/a:1' } });
    expect(useNavigationStore.getState().back).toEqual([]);
    fireEvent.click(screen.getByTestId('inspect-submit'));
    const grid = await screen.findByRole('grid', { name: 'Platforms' });
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    await screen.findByTestId('image-inspector');
    inspect('reg/b:1');
    await waitFor(() => expect(screen.getByTestId('result-ref').textContent).toBe('reg/b:1'));
    expect(screen.queryByTestId('image-inspector')).toBeNull();
    expect(useNavigationStore.getState().back).toEqual([{ screen: 'inspect' }, { screen: 'inspect', ref: 'reg/a:1' }]);
    act(() => useNavigationStore.getState().goBack());
    await waitFor(() => expect(screen.getByTestId('result-ref').textContent).toBe('reg/a:1'));
    expect((screen.getByLabelText('Image reference') as HTMLInputElement).value).toBe('reg/a:1');
    expect(screen.getByTestId('image-inspector')).toBeTruthy();
  });

  it('offers to log in to the registry that refused, on the Credentials screen', async () => {
    const api = createFakeApi({
      'registry.inspect': () => fail({ code: 'UNAUTHORIZED', message: 'unauthorized: authentication required' }),
    });
    renderWithApi(<InspectScreen />, api);
    inspect('ghcr.io/team/app:1');
    fireEvent.click(await screen.findByTestId('inspect-login'));
    expect(useNavigationStore.getState().current).toEqual({ screen: 'credentials', registry: 'ghcr.io' });
  });
});
