import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useNavigationStore } from '../../navigation';
import { createFakeApi } from '../../testing/fake-api';
import { renderWithApi, resetStores } from '../../testing/render';
import { DraftsScreen } from './drafts-screen';

const nav = () => useNavigationStore.getState();

beforeEach(resetStores);
afterEach(cleanup);

function setup() {
  // Where Inspect's "Edit as draft" leaves the user: a copy request for the list they were looking at.
  nav().navigate({ screen: 'inspect', ref: 'reg/app:1' });
  nav().navigate({ screen: 'drafts', copyFrom: 'reg/app:1' });
  const api = createFakeApi({
    'drafts.list': () => [],
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
  renderWithApi(<DraftsScreen />, api);
  return api;
}

describe('EditAsDraftDialog', () => {
  it('copies a remote list into a draft and opens it', async () => {
    const api = setup();
    expect((screen.getByTestId('edit-as-draft-name') as HTMLInputElement).value).toBe('reg/app:1');
    fireEvent.change(screen.getByTestId('edit-as-draft-name'), { target: { value: 'reg/app:2' } });
    fireEvent.click(screen.getByTestId('edit-as-draft-confirm'));
    await waitFor(() => expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/app:2' }));
    expect(api.calls.find((c) => c.channel === 'drafts.fromRemote')?.input).toEqual({ remoteRef: 'reg/app:1', draftRef: 'reg/app:2' });
    expect(nav().back.at(-1)).toEqual({ screen: 'inspect', ref: 'reg/app:1' });
    expect(screen.queryByTestId('edit-as-draft-dialog')).toBeNull();
  });

  it('Cancel returns to the list the copy was asked for', () => {
    const api = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(nav().current).toEqual({ screen: 'inspect', ref: 'reg/app:1' });
    expect(api.calls.some((c) => c.channel === 'drafts.fromRemote')).toBe(false);
  });
});
