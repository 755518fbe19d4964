import { beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (event: unknown, payload: unknown) => void;

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (_channel: string, _input: unknown) => ({ ok: true, value: 'v' }));
const listeners = new Map<string, Set<Listener>>();
const ipcRenderer = {
  invoke,
  on: vi.fn((channel: string, fn: Listener) => {
    listeners.set(channel, (listeners.get(channel) ?? new Set()).add(fn));
  }),
  removeListener: vi.fn((channel: string, fn: Listener) => listeners.get(channel)?.delete(fn)),
  send: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

interface Bridge {
  invoke(channel: unknown, input: unknown): Promise<unknown>;
  on(event: unknown, fn: unknown): () => void;
}
let bridge: Bridge;

beforeAll(async () => {
  await import('./preload');
  bridge = exposed.get('studio') as Bridge;
});

describe('preload bridge', () => {
  it('exposes only window.studio with invoke and on, never ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('forwards allow-listed channels and refuses the rest without touching IPC', async () => {
    await expect(bridge.invoke('drafts.get', { ref: 'a' })).resolves.toEqual({ ok: true, value: 'v' });
    expect(invoke).toHaveBeenCalledWith('drafts.get', { ref: 'a' });
    invoke.mockClear();
    for (const bad of ['ELECTRON_BROWSER_REQUIRE', 'operation.progress', '__proto__', 42]) {
      await expect(bridge.invoke(bad, {})).rejects.toThrow(/not an allowed channel/);
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  it('subscribes to allow-listed events, hides the IPC event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.on('operation.progress', (p: unknown) => got.push(p));
    const [listener] = listeners.get('operation.progress') ?? [];
    listener?.({ sender: ipcRenderer }, { step: 1 });
    expect(got).toEqual([{ step: 1 }]);
    off();
    expect(listeners.get('operation.progress')?.size).toBe(0);
    expect(() => bridge.on('drafts.get', () => undefined)).toThrow();
    expect(() => bridge.on('operation.done', 'not a function')).toThrow();
  });
});
