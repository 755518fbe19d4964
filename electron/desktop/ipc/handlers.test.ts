import { describe, expect, expectTypeOf, it } from 'vitest';
import { CHANNEL_NAMES, contract, type ChannelName, type EventName } from '../../../shared/ipc';
import { createDispatch } from './dispatch';
import { createEventHub } from './event-hub';
import { createHandlers, type Handlers } from './handlers';
import { Operations } from './operations';
import { createFakeAppService } from './testing/fake-app-service';

const appInfo = { name: 'Manifest Studio', version: '1.2.3', face: 'browser', platform: 'linux' } as const;

function setup() {
  const service = createFakeAppService();
  const hub = createEventHub();
  const seen: Array<{ event: EventName; payload: unknown }> = [];
  hub.subscribe((event, payload) => seen.push({ event, payload }));
  let n = 0;
  const operations = new Operations(hub, () => `op-${++n}`);
  const handlers = createHandlers(service, hub, { appInfo, operations });
  const dispatch = createDispatch(handlers, { isTrusted: () => true, validateOutput: true });
  const call = (channel: string, input: unknown) => dispatch(channel, input, { kind: 'host' });
  return { service, seen, operations, handlers, call };
}

/** Resolves once `pred` holds over the events seen so far. */
async function waitFor(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(pred()).toBe(true);
}

describe('the handler map', () => {
  it('has exactly one function per contract channel (runtime check)', () => {
    const { handlers } = setup();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('is a compile error when a channel is missing or extra', () => {
    expectTypeOf<keyof Handlers>().toEqualTypeOf<ChannelName>();
    const { handlers } = setup();
    const { 'app.info': _dropped, ...missing } = handlers;
    // @ts-expect-error — a handler map without 'app.info' is not a Handlers
    const incomplete: Handlers = missing;
    // @ts-expect-error — an extra channel is refused too
    const extra: Handlers = { ...handlers, 'app.quit': async () => null };
    expect([incomplete, extra]).toHaveLength(2);
  });

  it('passes every field of an input through to the service', async () => {
    const { call, service } = setup();
    await call('drafts.add', { draftRef: 'r.example/l:1', imageRef: 'r.example/i:1', platforms: ['linux/arm64'] });
    await call('drafts.setAnnotations', { draftRef: 'r.example/l:1', target: { kind: 'entry', entryRef: 'r.example/i:1' }, annotations: { a: 'b' } });
    await call('settings.setRegistry', { registry: 'r.example', settings: null });
    expect(service.calls).toEqual([
      { method: 'addToDraft', args: ['r.example/l:1', 'r.example/i:1', ['linux/arm64']] },
      { method: 'setAnnotations', args: ['r.example/l:1', { kind: 'entry', entryRef: 'r.example/i:1' }, { a: 'b' }] },
      { method: 'setRegistrySettings', args: ['r.example', null] },
    ]);
  });

  it('credentials.login passes the store choice through (docker by default) and refuses an unknown store', async () => {
    const { call, service } = setup();
    await expect(call('credentials.login', { registry: 'r.example', username: 'u', password: 'pw' })).resolves.toEqual({
      ok: true,
      value: { registry: 'r.example', username: 'u', source: 'auths' },
    });
    await expect(call('credentials.login', { registry: 'r.example', username: 'u', password: 'pw', store: 'app' })).resolves.toEqual({
      ok: true,
      value: { registry: 'r.example', username: 'u', source: 'app' },
    });
    await expect(call('credentials.login', { registry: 'r.example', username: 'u', password: 'pw', store: 'keyring' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(service.calls).toEqual([
      { method: 'login', args: ['r.example', 'u', 2, undefined] },
      { method: 'login', args: ['r.example', 'u', 2, 'app'] },
    ]);
  });

  it('answers null for void methods, so the envelope survives JSON', async () => {
    const { call } = setup();
    await expect(call('drafts.delete', { ref: 'r.example/l:1' })).resolves.toEqual({ ok: true, value: null });
    await expect(call('credentials.logout', { registry: 'r.example' })).resolves.toEqual({ ok: true, value: null });
  });

  it('emits drafts.changed after a successful mutation, not after a read or a failure', async () => {
    const { call, seen } = setup();
    await call('drafts.create', { ref: 'r.example/l:1' });
    await call('drafts.list', {});
    await call('drafts.create', { ref: 'r.example/l:1' }); // DRAFT_EXISTS
    expect(seen).toEqual([{ event: 'drafts.changed', payload: { ref: 'r.example/l:1' } }]);
  });
});

describe('push.start and operations.cancel', () => {
  it('returns an operation id at once, then reports progress and the outcome as events', async () => {
    const { call, seen, service } = setup();
    const started = await call('push.start', { draftRef: 'r.example/l:1', target: 'r.example/l:2' });
    expect(started).toEqual({ ok: true, value: { operationId: 'op-1' } });
    await waitFor(() => seen.some((e) => e.event === 'operation.done'));
    expect(seen.map((e) => e.event)).toEqual(['operation.progress', 'operation.done', 'drafts.changed']);
    expect(seen[0]?.payload).toMatchObject({ operationId: 'op-1', kind: 'push', progress: { state: 'done' } });
    expect(seen[1]?.payload).toEqual({ operationId: 'op-1', kind: 'push', outcome: expect.objectContaining({ target: 'r.example/l:2' }) });
    expect(service.calls).toContainEqual({ method: 'push', args: ['r.example/l:1', { target: 'r.example/l:2', purge: undefined }] });
  });

  it('cancel aborts the signal the service got and the push ends as CANCELLED', async () => {
    const { call, seen, service, operations } = setup();
    service.pushBlocks = true;
    const started = await call('push.start', { draftRef: 'r.example/l:1' });
    expect(started).toMatchObject({ ok: true });
    await waitFor(() => service.lastSignal !== undefined);
    expect(operations.size).toBe(1);
    await expect(call('operations.cancel', { operationId: 'op-1' })).resolves.toEqual({ ok: true, value: { cancelled: true } });
    expect(service.lastSignal?.aborted).toBe(true);
    await waitFor(() => seen.some((e) => e.event === 'operation.done'));
    const done = seen.find((e) => e.event === 'operation.done');
    expect(done?.payload).toEqual({ operationId: 'op-1', kind: 'push', error: { code: 'CANCELLED', message: 'Push cancelled.' } });
    expect(operations.size).toBe(0);
    await expect(call('operations.cancel', { operationId: 'op-1' })).resolves.toEqual({ ok: true, value: { cancelled: false } });
  });

  it('cancelAll aborts every running push', async () => {
    const { call, service, operations } = setup();
    service.pushBlocks = true;
    await call('push.start', { draftRef: 'r.example/a:1' });
    await call('push.start', { draftRef: 'r.example/b:1' });
    await waitFor(() => operations.size === 2 && service.lastSignal !== undefined);
    operations.cancelAll();
    await waitFor(() => operations.size === 0);
  });
});
