import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFakeApi, fail } from '../../testing/fake-api';
import { imageView, listView } from '../../testing/fixtures';
import { renderWithApi, resetStores } from '../../testing/render';
import { useInspectStore, useUiStore } from '../../state';
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

  it('copies a remote list into a draft and opens it', async () => {
    const api = createFakeApi({
      'registry.inspect': ({ ref }) => ({ kind: 'list', list: listView(ref) }),
      'drafts.fromRemote': ({ draftRef }) => ({
        id: 'x',
        ref: draftRef,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        mediaTypeChosen: true,
        annotations: {},
        entries: [],
        problems: [],
      }),
    });
    renderWithApi(<InspectScreen />, api);
    inspect('reg/app:1');
    fireEvent.click(await screen.findByTestId('edit-as-draft'));
    fireEvent.change(screen.getByTestId('edit-as-draft-name'), { target: { value: 'reg/app:2' } });
    fireEvent.click(screen.getByTestId('edit-as-draft-confirm'));
    await waitFor(() => expect(useUiStore.getState().screen).toBe('drafts'));
    expect(useUiStore.getState().openDraftRef).toBe('reg/app:2');
    expect(api.calls.at(-1)).toEqual({ channel: 'drafts.fromRemote', input: { remoteRef: 'reg/app:1', draftRef: 'reg/app:2' } });
    expect(useInspectStore.getState().ref).toBe('reg/app:1');
  });
});
