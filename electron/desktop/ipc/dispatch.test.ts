import { describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { CHANNEL_NAMES } from '../../../shared/ipc';
import { createDispatch, type SenderInfo } from './dispatch';
import { createEventHub } from './event-hub';
import { createHandlers, type Handlers } from './handlers';
import { registerIpc, type IpcMainInvokeEventLike, type IpcMainLike } from './register-ipc';
import { ipcSenderPolicy } from './sender-policy';
import { createFakeAppService } from './testing/fake-app-service';

const appInfo = { name: 'Manifest Studio', version: '1.2.3', face: 'desktop', platform: 'linux' } as const;

/** A stand-in for ipcMain that keeps the listeners so a test can "send" from any frame it likes. */
function fakeIpcMain() {
  const listeners = new Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  return { ipcMain, listeners };
}

function frameEvent(id: number, url: string, main = true): IpcMainInvokeEventLike {
  const mainFrame = { url };
  return { sender: { id, mainFrame }, senderFrame: main ? mainFrame : { url } };
}

function setup(overrides: Partial<Handlers> = {}) {
  const service = createFakeAppService();
  const logBug = vi.fn();
  const handlers = { ...createHandlers(service, createEventHub(), { appInfo }), ...overrides };
  const dispatch = createDispatch(handlers, {
    isTrusted: ipcSenderPolicy({ trustedIds: () => new Set([7]), origin: 'app://studio' }),
    validateOutput: true,
    logBug,
  });
  const { ipcMain, listeners } = fakeIpcMain();
  const unregister = registerIpc(ipcMain, dispatch);
  const call = (channel: string, input: unknown, event = frameEvent(7, 'app://studio/index.html')) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, input);
  };
  return { service, logBug, dispatch, listeners, unregister, call };
}

describe('IPC dispatch through registerIpc', () => {
  it('registers one handler per contract channel and removes them all', () => {
    const { listeners, unregister } = setup();
    expect([...listeners.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('answers a trusted main-frame sender with the value envelope', async () => {
    const { call } = setup();
    await expect(call('app.info', {})).resolves.toEqual({ ok: true, value: appInfo });
    await expect(call('drafts.create', { ref: 'r.example/a:1' })).resolves.toMatchObject({ ok: true, value: { ref: 'r.example/a:1' } });
  });

  it.each([
    ['an unknown webContents', frameEvent(8, 'app://studio/index.html')],
    ['a foreign origin in a trusted webContents', frameEvent(7, 'https://evil.example/')],
    ['a lookalike app host', frameEvent(7, 'app://studio.evil/index.html')],
    ['a sub-frame of the trusted webContents', frameEvent(7, 'app://studio/index.html', false)],
    ['a destroyed frame', { sender: { id: 7, mainFrame: {} }, senderFrame: null }],
  ])('refuses %s without calling the service', async (_label, event) => {
    const { call, service } = setup();
    const result = await call('drafts.create', { ref: 'r.example/a:1' }, event);
    expect(result).toMatchObject({ ok: false, error: { code: 'DENIED' } });
    expect(service.calls).toEqual([]);
  });

  it('refuses bad input with BAD_INPUT before the handler runs', async () => {
    const { call, service } = setup();
    for (const input of [undefined, null, {}, { ref: 42 }, { ref: '' }, { ref: 'a', extra: true }]) {
      const result = await call('drafts.create', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(service.calls).toEqual([]);
  });

  it('carries a StudioError across as data, hint included, without logging it as a bug', async () => {
    const { call, logBug } = setup();
    const result = await call('registry.inspect', { ref: 'r.example/missing:1' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'MANIFEST_UNKNOWN', message: 'no such manifest: r.example/missing:1', hint: 'Check the tag.' },
    });
    expect(logBug).not.toHaveBeenCalled();
  });

  it('turns a plain Error into INTERNAL and logs it as a bug', async () => {
    const { call, logBug } = setup();
    const result = await call('registry.inspect', { ref: 'boom' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'kaboom' } });
    expect(logBug).toHaveBeenCalledWith('registry.inspect', expect.any(Error));
  });

  it('catches output that breaks the contract when output checks are on', async () => {
    const broken = vi.fn(async () => ({ name: 'x' }) as never);
    const { call, logBug } = setup({ 'app.info': broken });
    const result = await call('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logBug).toHaveBeenCalled();
  });
});

describe('createDispatch directly', () => {
  it('refuses a channel outside the contract', async () => {
    const { dispatch } = setup();
    const sender: SenderInfo = { kind: 'ipc', webContentsId: 7, frameUrl: 'app://studio/', isMainFrame: true };
    await expect(dispatch('app.quit', {}, sender)).resolves.toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await expect(dispatch('toString', {}, sender)).resolves.toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('does not trust a host sender under the IPC policy', async () => {
    const { dispatch } = setup();
    await expect(dispatch('app.info', {}, { kind: 'host' })).resolves.toMatchObject({ ok: false, error: { code: 'DENIED' } });
  });

  it('skips output checks when told to (packaged builds)', async () => {
    const handlers = { ...createHandlers(createFakeAppService(), createEventHub(), { appInfo }), 'app.info': async () => ({ name: 'x' }) as never };
    const dispatch = createDispatch(handlers, { isTrusted: () => true, validateOutput: false });
    await expect(dispatch('app.info', {}, { kind: 'host' })).resolves.toEqual({ ok: true, value: { name: 'x' } });
  });

  it('hands the caller signal to the service', async () => {
    const service = createFakeAppService();
    const dispatch = createDispatch(createHandlers(service, createEventHub(), { appInfo }), { isTrusted: () => true, validateOutput: true });
    const abort = new AbortController();
    await dispatch('registry.inspect', { ref: 'x' }, { kind: 'host' }, { signal: abort.signal });
    expect(service.lastSignal).toBe(abort.signal);
  });

  it('passes thrown StudioError codes through unchanged', async () => {
    const handlers = {
      ...createHandlers(createFakeAppService(), createEventHub(), { appInfo }),
      'drafts.list': async () => {
        throw new StudioError('DRAFT_CORRUPT', 'bad file', { hint: 'Remove it.' });
      },
    };
    const dispatch = createDispatch(handlers, { isTrusted: () => true, validateOutput: true });
    await expect(dispatch('drafts.list', {}, { kind: 'host' })).resolves.toEqual({
      ok: false,
      error: { code: 'DRAFT_CORRUPT', message: 'bad file', hint: 'Remove it.' },
    });
  });
});
