import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeAppService } from '../ipc/testing/fake-app-service';
import { startHost, type RunningHost } from './host';

interface SseMessage {
  data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (ev: SseMessage) => void): void;
  close(): void;
}
interface Api {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, fn: (payload: unknown) => void): () => void;
}
interface RendererApiModule {
  ApiError: new (...args: never[]) => Error;
  createApi(transport: unknown): Api;
  createHttpTransport(options: { baseUrl: string; token: string; openEvents?: (url: string) => EventSourceLike }): unknown;
}

// The renderer's own HTTP transport, run against the real host: both ends of the browser face at once.
// Imported by a computed path because renderer/ belongs to the web tsconfig (DOM types) and cannot join
// this Node project; its types are checked there, its behaviour here.
const rendererApi = '../../../renderer/src/api/index';
const { ApiError, createApi, createHttpTransport } = (await import(/* @vite-ignore */ rendererApi)) as RendererApiModule;

/** Node 20 has no EventSource: a minimal one over fetch, enough for named events. */
function fetchEventSource(url: string): EventSourceLike {
  const controller = new AbortController();
  const handlers = new Map<string, Array<(ev: SseMessage) => void>>();
  void (async () => {
    const res = await fetch(url, { signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name && data !== undefined) for (const h of handlers.get(name) ?? []) h({ data });
      }
    }
  })().catch(() => undefined);
  return {
    addEventListener: (type, fn) => void handlers.set(type, [...(handlers.get(type) ?? []), fn]),
    close: () => controller.abort(),
  };
}

let base: string;
let host: RunningHost;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'host-tr-'));
  await mkdir(join(base, 'r'));
  await writeFile(join(base, 'r', 'index.html'), '<!doctype html>');
  host = await startHost({ service: createFakeAppService(), staticDir: join(base, 'r') });
});

afterAll(async () => {
  await host.close();
  await rm(base, { recursive: true, force: true });
});

describe('renderer api over the loopback host', () => {
  const transport = () =>
    createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, openEvents: fetchEventSource });

  it('invokes a channel and gets the typed value', async () => {
    const api = createApi(transport());
    const info = await api.invoke('app.info', {});
    expect(info).toEqual({ name: 'Manifest Studio', version: '0.0.0', face: 'browser', platform: process.platform });
  });

  it('throws ApiError carrying the error data', async () => {
    const api = createApi(transport());
    const err = await api.invoke('registry.inspect', { ref: 'r.example/x:1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'MANIFEST_UNKNOWN', hint: 'Check the tag.' });
  });

  it('reports a wrong token as a NETWORK error with a hint, not a crash', async () => {
    const api = createApi(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: 'nope' }));
    await expect(api.invoke('app.info', {})).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('403') });
  });

  it('receives events pushed by main', async () => {
    const api = createApi(transport());
    const got: unknown[] = [];
    const off = api.on('operation.done', (p) => got.push(p));
    const { operationId } = (await waitForStream(() => api.invoke('push.start', { draftRef: 'r.example/l:1' }), () => got.length > 0)) as { operationId: string };
    expect(got).toEqual([{ operationId, kind: 'push', outcome: expect.objectContaining({ target: 'r.example/l:1' }) }]);
    off();
  });
});

/** The SSE stream connects asynchronously; start the work after a short settle, then wait for the event. */
async function waitForStream<T>(work: () => Promise<T>, done: () => boolean): Promise<T> {
  await new Promise((r) => setTimeout(r, 100));
  const value = await work();
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  return value;
}
