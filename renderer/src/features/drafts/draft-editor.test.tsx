import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DraftView, PlatformDto } from '../../../../shared/model';
import { App } from '../../app';
import { useNavigationStore } from '../../navigation';
import { createQueryClient } from '../../server-state';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { draftEntry, draftView } from '../../testing/fixtures';
import { resetStores } from '../../testing/render';

const REF = 'localhost:5000/team/app:1';

/** A small in-memory main: edits change the draft and answer the new view, as the real service does. */
function statefulApi(initial: DraftView): FakeApi & { draft: () => DraftView } {
  let draft = initial;
  const api = createFakeApi({
    'app.info': () => ({ name: 'Manifest Studio', version: '0', face: 'browser', platform: 'linux' }),
    'drafts.list': () => [{ id: draft.id, ref: draft.ref, refGuessed: true, entryCount: draft.entries.length }],
    'drafts.get': () => draft,
    'drafts.setPlatform': ({ entryRef, patch }) => {
      draft = {
        ...draft,
        entries: draft.entries.map((e) => {
          if (e.ref !== entryRef || e.descriptor.platform === undefined) return e;
          const platform: PlatformDto = { ...e.descriptor.platform };
          for (const [k, v] of Object.entries(patch)) {
            if (v === '' || v === undefined) delete (platform as Record<string, unknown>)[k];
            else (platform as Record<string, unknown>)[k] = v;
          }
          return { ...e, descriptor: { ...e.descriptor, platform } };
        }),
      };
      return draft;
    },
    'drafts.reorder': ({ entryRefs }) => {
      draft = { ...draft, entries: entryRefs.map((r) => draft.entries.find((e) => e.ref === r)!) };
      return draft;
    },
    'drafts.remove': ({ entryRef }) => {
      draft = { ...draft, entries: draft.entries.filter((e) => e.ref !== entryRef) };
      return draft;
    },
    'drafts.setMediaType': ({ mediaType }) => {
      draft = { ...draft, mediaType: mediaType ?? draft.mediaType, mediaTypeChosen: mediaType !== null };
      return draft;
    },
    'drafts.setAnnotations': ({ annotations }) => {
      draft = { ...draft, annotations };
      return draft;
    },
  });
  return Object.assign(api, { draft: () => draft });
}

function fourEntries(): DraftView {
  return draftView(REF, [
    draftEntry('reg/a', { os: 'linux', architecture: 'amd64' }),
    draftEntry('reg/b', { os: 'linux', architecture: 'arm64' }),
    draftEntry('reg/c', { os: 'linux', architecture: 'arm', variant: 'v7' }),
    draftEntry('reg/d', { os: 'linux', architecture: 'ppc64le' }),
  ]);
}

async function openEditor(api: FakeApi) {
  useNavigationStore.getState().navigate({ screen: 'drafts', draftRef: REF });
  render(<App api={api} queryClient={createQueryClient()} />);
  return screen.findByRole('grid', { name: 'Draft entries' });
}

beforeEach(resetStores);
afterEach(cleanup);

describe('draft editor', () => {
  it('warns while a platform field is typed and saves the edit without blocking it', async () => {
    const api = statefulApi(fourEntries());
    const grid = await openEditor(api);
    expect(screen.getAllByText('name guessed')).toHaveLength(2);
    const row = within(grid).getByTestId('draft-row-0');
    fireEvent.click(within(row).getByTestId('cell-architecture'));
    const input = within(row).getByTestId('cell-input-architecture');
    fireEvent.change(input, { target: { value: 'x86_64' } });
    // The image config says amd64, and x86_64 is a misspelling: both are said at once, before saving.
    const warnings = screen.getByTestId('cell-warnings').textContent ?? '';
    expect(warnings).toMatch(/not an OCI architecture name; use "amd64"/);
    expect(warnings).toMatch(/image config says architecture "amd64"/);
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(api.draft().entries[0]?.descriptor.platform?.architecture).toBe('x86_64'));
    expect(api.calls.find((c) => c.channel === 'drafts.setPlatform')?.input).toEqual({
      draftRef: REF,
      entryRef: api.draft().entries[0]?.ref,
      patch: { architecture: 'x86_64' },
    });
    await waitFor(() => expect(within(grid).getByTestId('draft-row-0').textContent).toContain('x86_64'));
    expect(within(within(grid).getByTestId('draft-row-0')).getByTestId('row-warnings').textContent).toBe('⚠ 2');
  });

  it('offers the suggested fix in the entry details', async () => {
    const base = fourEntries();
    base.entries[1] = draftEntry('reg/b', { os: 'linux', architecture: 'aarch64' }, { os: 'linux', architecture: 'arm64' });
    const api = statefulApi(base);
    const grid = await openEditor(api);
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    const details = await screen.findByTestId('entry-details');
    fireEvent.click(within(details).getAllByTestId('warning-fix')[0]!);
    await waitFor(() => expect(api.draft().entries[1]?.descriptor.platform?.architecture).toBe('arm64'));
  });

  it('flags duplicate platforms on both rows', async () => {
    const base = fourEntries();
    base.entries[3] = draftEntry('reg/d', { os: 'linux', architecture: 'amd64' });
    const grid = await openEditor(statefulApi(base));
    for (const i of [0, 3]) {
      const badge = within(within(grid).getByTestId(`draft-row-${i}`)).getByTestId('row-warnings');
      expect(badge.getAttribute('title')).toMatch(/Duplicate platform: row (1|4) has the same one/);
    }
    expect(within(grid).getByTestId('draft-row-1').textContent).toContain('✓');
  });

  it('reorders with Alt+arrow and removes with Delete from the keyboard', async () => {
    const api = statefulApi(fourEntries());
    const grid = await openEditor(api);
    const before = api.draft().entries.map((e) => e.ref);
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(api.draft().entries.map((e) => e.ref)).toEqual([before[1], before[0], before[2], before[3]]));
    fireEvent.keyDown(grid, { key: 'Delete' });
    await waitFor(() => expect(api.draft().entries).toHaveLength(3));
    expect(api.draft().entries.map((e) => e.ref)).not.toContain(before[0]);
    fireEvent.click(within(grid).getAllByTestId('row-up')[2]!);
    await waitFor(() => expect(api.draft().entries.map((e) => e.ref)).toEqual([before[1], before[3], before[2]]));
  });

  it('explains why annotations are off for a Docker list, and enables them for an OCI index', async () => {
    const api = statefulApi(fourEntries());
    await openEditor(api);
    expect(screen.getByTestId('index-annotations-disabled').textContent).toMatch(/Docker manifest lists have no annotations/);
    expect((screen.getByTestId('index-annotations-add') as HTMLButtonElement).closest('fieldset')?.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('draft-media-type'), { target: { value: 'application/vnd.oci.image.index.v1+json' } });
    await waitFor(() => expect(screen.queryByTestId('index-annotations-disabled')).toBeNull());
    fireEvent.click(screen.getByTestId('index-annotations-add'));
    const keyInputs = screen.getAllByLabelText('Annotation key');
    fireEvent.change(keyInputs[0]!, { target: { value: 'org.opencontainers.image.source' } });
    fireEvent.change(screen.getByLabelText('Value of org.opencontainers.image.source'), { target: { value: 'https://x' } });
    fireEvent.click(screen.getByTestId('index-annotations-save'));
    await waitFor(() => expect(api.draft().annotations).toEqual({ 'org.opencontainers.image.source': 'https://x' }));
  });

  it('refetches the draft when main says it changed', async () => {
    const api = statefulApi(fourEntries());
    await openEditor(api);
    const gets = () => api.calls.filter((c) => c.channel === 'drafts.get').length;
    const before = gets();
    act(() => api.emit('drafts.changed', { ref: REF }));
    await waitFor(() => expect(gets()).toBe(before + 1));
  });
});
