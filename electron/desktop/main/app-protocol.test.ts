import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../host';
import { APP_INDEX_URL, createAppProtocolHandler } from './app-protocol';

let root: string;
let handler: (r: Request) => Promise<Response>;

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'proto-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'top secret');
  handler = createAppProtocolHandler(root);
});
afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('app:// protocol handler', () => {
  it('refuses a raw URL with dot segments before any normalisation', async () => {
    // Electron may hand over a Request whose url kept encoded dots; a look-alike built without parsing:
    const raw = { url: 'app://studio/%2e%2e/secret.txt', method: 'GET' } as Request;
    expect((await handler(raw)).status).toBe(403);
  });

  it('serves the index with the strict CSP', async () => {
    const res = await handler(new Request(APP_INDEX_URL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(await res.text()).toContain('<title>x</title>');
  });

  it('serves assets with their content type', async () => {
    const res = await handler(new Request('app://studio/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
  });

  it.each([
    'app://studio/../secret.txt',
    'app://studio/assets/../../secret.txt',
    'app://studio/%2e%2e/secret.txt',
    'app://studio/assets/..%2f..%2fsecret.txt',
    'app://studio/..%5csecret.txt',
  ])('never serves a file outside the root: %s', async (url) => {
    // WHATWG URL parsing already folds plain `..` (404 inside the root); encoded forms reach our guard (403).
    const res = await handler(new Request(url));
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('top secret');
  });

  it('refuses other hosts and missing files', async () => {
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://studio/nope.js'))).status).toBe(404);
    expect((await handler(new Request('app://studio/assets'))).status).toBe(404);
  });
});
