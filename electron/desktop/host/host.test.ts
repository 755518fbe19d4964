import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeAppService, type FakeAppService } from '../ipc/testing/fake-app-service';
import { startHost, type RunningHost } from './host';
import { CONTENT_SECURITY_POLICY } from './security-headers';
import { resolveStaticPath } from './static-files';

let base: string;
let host: RunningHost;
let service: FakeAppService;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch will not let a test forge Host, which the rebinding check is about. */
function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

const api = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-studio-token': host.token, ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'host-'));
  const staticDir = join(base, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'export {}');
  await writeFile(join(base, 'secret.txt'), 'top secret');
  service = createFakeAppService();
  host = await startHost({ service, staticDir, logBug: () => undefined });
});

afterAll(async () => {
  await host.close();
  await rm(base, { recursive: true, force: true });
});

describe('loopback host: who may call', () => {
  it('prints a 127.0.0.1 URL carrying a 32-byte token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
  });

  it('refuses API calls with no token or a wrong one', async () => {
    expect((await api('drafts.list', {}, { 'x-studio-token': '' })).status).toBe(403);
    // One character off (never the same one: the token may already end in 'A').
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    expect((await api('drafts.list', {}, { 'x-studio-token': wrong })).status).toBe(403);
    const noHeader = await send('/api/drafts.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noHeader.status).toBe(403);
    expect(service.calls).toEqual([]);
  });

  it('accepts the token as a query parameter too', async () => {
    const res = await send(`/api/app.info?token=${host.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Host even with the right token (DNS rebinding)', async () => {
    for (const h of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `[::1]:${host.port}`]) {
      const res = await api('app.info', {}, { host: h });
      expect(res.status, h).toBe(403);
    }
    expect((await api('app.info', {}, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin, accepts its own', async () => {
    expect((await api('app.info', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { origin: 'null' })).status).toBe(403);
    expect((await api('app.info', {}, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('never sends CORS headers, always sends the CSP', async () => {
    const res = await api('app.info', {}, { origin: `http://127.0.0.1:${host.port}` });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('requires JSON bodies (HTML forms cannot send them)', async () => {
    const res = await send('/api/app.info', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-studio-token': host.token }, body: '{}' });
    expect(res.status).toBe(415);
  });
});

describe('loopback host: the contract over HTTP', () => {
  it('reaches the service through dispatch and returns the envelope', async () => {
    const res = await api('drafts.create', { ref: 'r.example/list:1' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { ref: 'r.example/list:1', entries: [] } });
    expect(service.calls).toContainEqual({ method: 'createDraft', args: ['r.example/list:1'] });
    const list = JSON.parse((await api('drafts.list', {})).body);
    expect(list).toEqual({ ok: true, value: [expect.objectContaining({ ref: 'r.example/list:1' })] });
  });

  it('returns errors as data, bad input included', async () => {
    expect(JSON.parse((await api('registry.inspect', { ref: 'x' })).body)).toMatchObject({ ok: false, error: { code: 'MANIFEST_UNKNOWN' } });
    expect(JSON.parse((await api('drafts.create', { ref: 7 })).body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const notJson = await send('/api/drafts.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-studio-token': host.token }, body: '{' });
    expect(notJson.status).toBe(400);
    const unknown = await api('app.quit', {});
    expect(unknown.status).toBe(404);
    expect((await send(`/api/app.info?token=${host.token}`)).status).toBe(405);
  });

  it('delivers events over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // the `retry:` preamble: the stream is open and subscribed
    await api('drafts.create', { ref: 'r.example/other:1' });
    let text = '';
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
    expect(text).toBe(`event: drafts.changed\ndata: ${JSON.stringify({ ref: 'r.example/other:1' })}\n\n`);
    controller.abort();
  });

  it('refuses the event stream without the token', async () => {
    expect((await send('/api/events')).status).toBe(403);
  });
});

describe('loopback host: static files', () => {
  it('serves the index only with the token', async () => {
    expect((await send('/')).status).toBe(403);
    expect((await send('/?token=wrong')).status).toBe(403);
    const ok = await send(`/?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>studio</title>');
    expect(ok.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets', async () => {
    const res = await send('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00'])(
    'refuses path traversal: %s',
    async (path) => {
      const res = await send(path);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain('top secret');
    },
  );

  it('resolveStaticPath stays inside the root', () => {
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
    expect(resolveStaticPath('/srv/r', '/a/../../x')).toBeUndefined();
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A')).toBeUndefined();
  });
});
