import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { useNavigationStore } from '../../../navigation';
import { ApiProvider, createQueryClient } from '../../../server-state';
import { createFakeApi, fail } from '../../../testing/fake-api';
import { draftView } from '../../../testing/fixtures';
import { resetStores } from '../../../testing/render';
import { useCreateDraft } from './create-draft';
import { draftKeys } from './draft-queries';

const nav = () => useNavigationStore.getState();

function setup() {
  const api = createFakeApi({
    'drafts.create': ({ ref }) => (ref === 'taken' ? fail({ code: 'DRAFT_EXISTS', message: 'exists' }) : draftView(ref, [])),
    'drafts.fromRemote': ({ draftRef }) => draftView(draftRef, [], { mediaTypeChosen: true }),
  });
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiProvider>
  );
  const { result } = renderHook(() => useCreateDraft(), { wrapper });
  return { api, queryClient, result };
}

beforeEach(resetStores);

describe('useCreateDraft', () => {
  it('creates an empty draft, caches it, and opens it as a new history entry', async () => {
    const { api, queryClient, result } = setup();
    result.current.mutate({ ref: ' reg/app:1 ' });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(api.calls).toEqual([{ channel: 'drafts.create', input: { ref: 'reg/app:1' } }]);
    expect(queryClient.getQueryData(draftKeys.one('reg/app:1'))).toEqual(draftView('reg/app:1', []));
    expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/app:1' });
    expect(nav().back).toEqual([{ screen: 'inspect' }]);
  });

  it('copies a remote list in place of the copy request, so Back skips the spent question', async () => {
    nav().navigate({ screen: 'inspect', ref: 'reg/app:1' });
    nav().navigate({ screen: 'drafts', copyFrom: 'reg/app:1' });
    const { api, result } = setup();
    result.current.mutate({ ref: 'reg/app:2', from: 'reg/app:1' });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(api.calls).toEqual([{ channel: 'drafts.fromRemote', input: { remoteRef: 'reg/app:1', draftRef: 'reg/app:2' } }]);
    expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/app:2' });
    expect(nav().back.at(-1)).toEqual({ screen: 'inspect', ref: 'reg/app:1' });
  });

  it('goes nowhere when main refuses, and reports why', async () => {
    const { result } = setup();
    result.current.mutate({ ref: 'taken' });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ code: 'DRAFT_EXISTS' });
    expect(nav().current).toEqual({ screen: 'inspect' });
  });
});
