import { describe, expect, it, vi } from 'vitest';
import type { IpcResult, StudioBridge } from '../../../shared/ipc';
import { ApiError, createApi, createHttpTransport, pickTransport, type EventSourceLike } from './index';

function fakeBridge(result: IpcResult<unknown>): StudioBridge & { invoke: ReturnType<typeof vi.fn> } {
  return {
    invoke: vi.fn(async () => result),
    on: vi.fn(() => () => undefined),
  } as unknown as StudioBridge & { invoke: ReturnType<typeof vi.fn> };
}

describe('createApi', () => {
  it('unwraps ok envelopes', async () => {
    const bridge = fakeBridge({ ok: true, value: [] });
    await expect(createApi(bridge).invoke('drafts.list', {})).resolves.toEqual([]);
    expect(bridge.invoke).toHaveBeenCalledWith('drafts.list', {});
  });

  it('throws ApiError on ok:false', async () => {
    const bridge = fakeBridge({ ok: false, error: { code: 'DRAFT_NOT_FOUND', message: 'No such manifest: x', hint: 'h' } });
    const err = await createApi(bridge).invoke('drafts.get', { ref: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'DRAFT_NOT_FOUND', message: 'No such manifest: x', hint: 'h' });
  });
});

describe('pickTransport', () => {
  it('prefers the preload bridge when present', async () => {
    const bridge = fakeBridge({ ok: true, value: 'from-bridge' });
    const win = { studio: bridge, location: { href: 'app://studio/index.html' } } as unknown as Window;
    expect(pickTransport(win)).toBe(bridge);
  });

  it('falls back to HTTP with the token from the page URL', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: null })));
    vi.stubGlobal('fetch', fetchMock);
    try {
      const win = { location: { href: 'http://127.0.0.1:4000/?token=abc' } } as unknown as Window;
      await createApi(pickTransport(win)).invoke('drafts.delete', { ref: 'r' });
      const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
      expect(url).toBe('/api/drafts.delete');
      expect(init.method).toBe('POST');
      expect(new Headers(init.headers).get('x-studio-token')).toBe('abc');
      expect(init.body).toBe('{"ref":"r"}');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('HTTP transport events', () => {
  it('shares one EventSource, fans out by name, and closes with the last listener', () => {
    const sources: Array<EventSourceLike & { fire(type: string, data: unknown): void; closed: boolean }> = [];
    const openEvents = (url: string) => {
      expect(url).toBe('/api/events?token=t%26k');
      const listeners = new Map<string, Array<(ev: MessageEvent<string>) => void>>();
      const source = {
        closed: false,
        addEventListener: (type: string, fn: (ev: MessageEvent<string>) => void) => void listeners.set(type, [...(listeners.get(type) ?? []), fn]),
        close: () => void (source.closed = true),
        fire: (type: string, data: unknown) => listeners.get(type)?.forEach((fn) => fn({ data: JSON.stringify(data) } as MessageEvent<string>)),
      };
      sources.push(source);
      return source;
    };
    const api = createApi(createHttpTransport({ token: 't&k', openEvents }));
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('drafts.changed', (p) => a.push(p));
    const offB = api.on('operation.progress', (p) => b.push(p));
    expect(sources).toHaveLength(1);
    sources[0]?.fire('drafts.changed', { ref: 'x' });
    expect(a).toEqual([{ ref: 'x' }]);
    expect(b).toEqual([]);
    offA();
    expect(sources[0]?.closed).toBe(false);
    offB();
    expect(sources[0]?.closed).toBe(true);
  });
});
