import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { PushPlan } from '../../../../shared/model';
import { useNavigationStore } from '../../navigation';
import { createFakeApi, fail } from '../../testing/fake-api';
import { renderWithApi, resetStores } from '../../testing/render';
import { PushDialog } from './push-dialog';

const d = (c: string) => 'sha256:' + c.repeat(64);
const plan = (target: string): PushPlan => ({
  target,
  listDigest: d('9'),
  mediaType: 'application/vnd.oci.image.index.v1+json',
  steps: [
    { kind: 'blob', digest: d('a'), size: 100, action: 'mount', from: 'reg/base' },
    { kind: 'manifest', digest: d('b'), size: 200, action: 'put' },
    { kind: 'list', digest: d('9'), size: 300, action: 'put' },
  ],
});

beforeEach(resetStores);
afterEach(cleanup);

function setup() {
  const api = createFakeApi({
    'push.plan': ({ target }) => plan(target ?? 'reg/app:1'),
    'push.start': () => ({ operationId: 'op-1' }),
    'operations.cancel': () => ({ cancelled: true }),
  });
  renderWithApi(<PushDialog draftRef="reg/app:1" onClose={() => undefined} />, api);
  return api;
}

describe('PushDialog', () => {
  it('shows the plan, pushes with per-step progress and ends with the digest', async () => {
    const api = setup();
    expect(await screen.findByTestId('plan-summary')).toHaveProperty('textContent', expect.stringContaining('1 mounted'));
    expect(screen.getByTestId('push-plan-digest').getAttribute('data-digest')).toBe(d('9'));
    fireEvent.click(screen.getByTestId('push-purge'));
    fireEvent.click(screen.getByTestId('push-confirm'));
    await waitFor(() => expect(screen.getByTestId('push-cancel')).toBeTruthy());
    expect(api.calls.find((c) => c.channel === 'push.start')?.input).toEqual({ draftRef: 'reg/app:1', target: 'reg/app:1', purge: true });
    await waitFor(() => expect(screen.queryByTestId('push-progress')).not.toBeNull());
    act(() => {
      api.emit('operation.progress', { operationId: 'op-1', kind: 'push', progress: { stepIndex: 0, stepCount: 3, digest: d('a'), state: 'skipped' } });
      api.emit('operation.progress', { operationId: 'op-1', kind: 'push', progress: { stepIndex: 1, stepCount: 3, digest: d('b'), state: 'started' } });
    });
    expect(screen.getByTestId('step-state-0').textContent).toBe('skipped');
    expect(screen.getByTestId('step-state-1').textContent).toBe('started');
    expect(screen.getByTestId('push-progress').textContent).toContain('1 / 3');
    act(() => api.emit('operation.done', { operationId: 'op-1', kind: 'push', outcome: { target: 'reg/app:1', digest: d('9'), pushedChildren: [] } }));
    expect(screen.getByTestId('push-result-digest').getAttribute('data-digest')).toBe(d('9'));
    fireEvent.click(screen.getByTestId('push-inspect-result'));
    const route = useNavigationStore.getState().current;
    expect(route.screen === 'inspect' && route.ref).toBe('reg/app:1');
    expect(route.screen).toBe('inspect');
  });

  it('cancels a running push through operations.cancel and says so', async () => {
    const api = setup();
    fireEvent.click(await screen.findByTestId('push-confirm'));
    await waitFor(() => expect(screen.queryByTestId('push-progress')).not.toBeNull());
    fireEvent.click(screen.getByTestId('push-cancel'));
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'operations.cancel')).toBe(true));
    expect(api.calls.find((c) => c.channel === 'operations.cancel')?.input).toEqual({ operationId: 'op-1' });
    expect(screen.getByTestId('push-cancel').textContent).toBe('Cancelling…');
    act(() => api.emit('operation.done', { operationId: 'op-1', kind: 'push', error: { code: 'CANCELLED', message: 'push cancelled' } }));
    expect(screen.getByTestId('push-cancelled')).toBeTruthy();
  });

  it('re-plans for a new target and shows a plan error with its hint', async () => {
    const api = createFakeApi({
      'push.plan': ({ target }) =>
        target === 'other.example:5000/app:1'
          ? fail({ code: 'CROSS_REGISTRY', message: 'cannot use source images from a different registry', hint: 'Push to the same registry.' })
          : plan(target ?? ''),
    });
    renderWithApi(<PushDialog draftRef="reg/app:1" onClose={() => undefined} />, api);
    await screen.findByTestId('plan-summary');
    fireEvent.change(screen.getByTestId('push-target'), { target: { value: 'other.example:5000/app:1' } });
    expect(screen.queryByTestId('push-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('push-replan'));
    expect((await screen.findByTestId('push-plan-error-hint')).textContent).toBe('Push to the same registry.');
  });
});
