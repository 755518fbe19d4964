import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { platformKey } from '../../../../shared/platform';
import { createFakeApi } from '../../testing/fake-api';
import { draftEntry, draftView, imageView, listView } from '../../testing/fixtures';
import { renderWithApi, resetStores } from '../../testing/render';
import { AddImageDialog } from './add-image-dialog';

beforeEach(resetStores);
afterEach(cleanup);

const three = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
];

describe('AddImageDialog', () => {
  it('inspects a list first and adds only the chosen platforms, unticking those already in the draft', async () => {
    const draft = draftView('reg/app:1', [draftEntry('reg/x', { os: 'linux', architecture: 'amd64' })]);
    let closed = false;
    const api = createFakeApi({
      'registry.inspect': ({ ref }) => ({ kind: 'list', list: listView(ref, three, 1) }),
      'drafts.add': () => draft,
    });
    renderWithApi(<AddImageDialog draft={draft} onClose={() => (closed = true)} />, api);
    fireEvent.change(screen.getByTestId('add-image-ref'), { target: { value: 'reg/src:2' } });
    fireEvent.click(screen.getByTestId('add-image-lookup'));
    await screen.findByTestId('add-image-platforms');
    expect((screen.getByTestId('choose-linux/amd64') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId('choose-linux/arm64') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('choose-linux/arm/v7'));
    expect(screen.getByTestId('add-image-confirm').textContent).toBe('Add 1 platform(s)');
    fireEvent.click(screen.getByTestId('add-image-confirm'));
    await waitFor(() => expect(closed).toBe(true));
    expect(api.calls.at(-1)).toEqual({
      channel: 'drafts.add',
      input: { draftRef: 'reg/app:1', imageRef: 'reg/src:2', platforms: [platformKey({ os: 'linux', architecture: 'arm64' })] },
    });
  });

  it('adds a single image without a platform list', async () => {
    const draft = draftView('reg/app:1', []);
    const api = createFakeApi({
      'registry.inspect': ({ ref }) => ({ kind: 'image', image: imageView(ref, { os: 'linux', architecture: 's390x' }) }),
      'drafts.add': () => draft,
    });
    renderWithApi(<AddImageDialog draft={draft} onClose={() => undefined} />, api);
    fireEvent.change(screen.getByTestId('add-image-ref'), { target: { value: 'reg/one:1' } });
    fireEvent.click(screen.getByTestId('add-image-lookup'));
    expect((await screen.findByTestId('add-image-single')).textContent).toContain('linux/s390x');
    fireEvent.click(screen.getByTestId('add-image-confirm'));
    await waitFor(() => expect(api.calls.at(-1)?.input).toEqual({ draftRef: 'reg/app:1', imageRef: 'reg/one:1', platforms: undefined }));
  });
});
