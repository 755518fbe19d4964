import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { answerPing, type HostileServer } from '../../../test/harness/hostile-server';
import { MANIFEST, OCI, client, repo, serve, sha } from './hostile-fixture.test-util';



function sendManifest(res: ServerResponse, body: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': `${OCI}; charset=utf-8`, 'content-length': String(body.length), ...headers });
  res.end(body);
}


describe('blobs from a hostile registry', () => {
  it('never sends Authorization to the host a blob redirects to', async () => {
    const blob = Buffer.from('layer bytes');
    const storage = await serve((_req, res) => void res.writeHead(200, { 'content-length': String(blob.length) }).end(blob));
    const reg = await serve((req, res) => {
      if (req.url === '/v2/' && !req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
        return;
      }
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      res.writeHead(307, { location: `${storage.url}/storage/blob?sig=1` }).end();
    });
    const got = await client({}, { username: 'u', password: 'p' }).getBlob(repo(reg), sha(blob));
    expect(Buffer.from(got).equals(blob)).toBe(true);
    expect(reg.requests.find((r) => r.url.includes('/blobs/'))?.headers.authorization).toMatch(/^Basic /);
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('openBlob streams and fails at the end on wrong content; stalls time out', async () => {
    const blob = Buffer.alloc(256 * 1024, 7);
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      if (req.url?.includes('stall') || req.url?.endsWith(sha('stall'))) {
        res.writeHead(200, { 'content-length': '1000' });
        res.write(Buffer.alloc(10));
        return;
      }
      res.writeHead(200, { 'content-length': String(blob.length) }).end(blob);
    });
    const c = client({ timeoutMs: 400 });
    const wrong = await c.openBlob(repo(s), sha('not it'));
    expect(wrong.size).toBe(blob.length);
    const drain = async (it: AsyncIterable<Uint8Array>): Promise<number> => {
      let n = 0;
      for await (const ch of it) n += ch.byteLength;
      return n;
    };
    await expect(drain(wrong.stream)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    const right = await c.openBlob(repo(s), sha(blob));
    expect(await drain(right.stream)).toBe(blob.length);
    const stalled = await c.openBlob(repo(s), sha('stall'));
    await expect(drain(stalled.stream)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('mount answered 202 deletes the opened upload and reports not-mounted', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      if (req.method === 'POST') return void res.writeHead(202, { location: '/v2/a/b/blobs/uploads/xyz?_state=s' }).end();
      res.writeHead(204).end();
    });
    expect(await client().mountBlob(repo(s), 'other/repo', sha('x'))).toBe('not-mounted');
    const post = s.requests.find((r) => r.method === 'POST');
    expect(post?.url).toContain(`mount=${encodeURIComponent(sha('x'))}`);
    expect(post?.url).toContain('from=other%2Frepo');
    expect(s.requests.find((r) => r.method === 'DELETE')?.url).toBe('/v2/a/b/blobs/uploads/xyz?_state=s');
  });

  it('chunked upload sends Content-Range chunks and the digest on the final PUT', async () => {
    const data = Buffer.alloc(2500, 3);
    let n = 0;
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      if (req.method === 'PUT') return void res.writeHead(201).end();
      res.writeHead(202, { location: `/v2/a/b/blobs/uploads/u${n++}?_state=x` }).end();
    });
    const progress: number[] = [];
    async function* src() {
      for (let i = 0; i < data.length; i += 300) yield data.subarray(i, i + 300);
    }
    await client().uploadBlob(repo(s), sha(data), data.length, src, { chunkSize: 1000, onProgress: (b) => progress.push(b) });
    const patches = s.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.headers['content-range'])).toEqual(['0-999', '1000-1999', '2000-2499']);
    expect(patches.map((p) => p.bodyBytes)).toEqual([1000, 1000, 500]);
    const put = s.requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe(`/v2/a/b/blobs/uploads/u3?_state=x&digest=${encodeURIComponent(sha(data))}`);
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('chunked upload of bytes that do not match the digest is cancelled, never committed', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      if (req.method === 'PUT') return void res.writeHead(201).end();
      res.writeHead(req.method === 'DELETE' ? 204 : 202, { location: '/v2/a/b/blobs/uploads/u' }).end();
    });
    const data = Buffer.alloc(2000, 1);
    await expect(client().uploadBlob(repo(s), sha('x'), data.length, data, { chunkSize: 1000 })).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(s.requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(s.requests.some((r) => r.method === 'DELETE')).toBe(true);
  });
});

describe('manifest PUT, tags, concurrency', () => {
  it('putManifest returns our digest; a disagreeing header is an error', async () => {
    // Set later in the test; the server closure reads it per request, so it cannot be const.
    // eslint-disable-next-line prefer-const
    let header: string | undefined;
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(201, header ? { 'docker-content-digest': header } : {}).end();
    });
    const c = client();
    expect(await c.putManifest(repo(s), 'v1', MANIFEST, OCI)).toBe(sha(MANIFEST));
    expect(s.requests.at(-1)?.headers['content-type']).toBe(OCI);
    header = sha('different');
    await expect(c.putManifest(repo(s), 'v1', MANIFEST, OCI)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
  });

  it('listTags follows Link pagination', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      const page = req.url?.includes('last=b') ? 2 : 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (page === 1) headers['link'] = '</v2/a/b/tags/list?n=2&last=b>; rel="next"';
      res.writeHead(200, headers).end(JSON.stringify({ name: 'a/b', tags: page === 1 ? ['a', 'b'] : ['c'] }));
    });
    expect(await client().listTags(repo(s), { pageSize: 2 })).toEqual(['a', 'b', 'c']);
    expect(s.requests.filter((r) => r.url.includes('tags')).map((r) => r.url)).toEqual(['/v2/a/b/tags/list?n=2', '/v2/a/b/tags/list?n=2&last=b']);
  });

  it('bounds concurrent requests per host', async () => {
    let inFlight = 0;
    let max = 0;
    const s = await serve(async (req, res) => {
      if (answerPing(req, res)) return;
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 50));
      inFlight--;
      sendManifest(res, MANIFEST);
    });
    const c = client({ maxConcurrencyPerHost: 2 });
    await Promise.all(Array.from({ length: 8 }, () => c.getManifest(repo(s), 'latest')));
    expect(max).toBe(2);
  });
});

describe('bearer auth against a hand-written token server', () => {
  function tokenServer(onToken: (req: IncomingMessage, body: Buffer) => object | number): Promise<HostileServer> {
    return serve((req, res, body) => {
      const r = onToken(req, body);
      if (typeof r === 'number') return void res.writeHead(r).end('{"details":"bad credentials"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r));
    });
  }
  async function bearerRegistry(realm: string): Promise<HostileServer> {
    return serve((req, res) => {
      if (req.headers.authorization !== 'Bearer good') {
        const scope = req.url === '/v2/' ? '' : ',scope="repository:a/b:pull"';
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm}/token",service="reg, test"${scope}` });
        return void res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      }
      sendManifest(res, MANIFEST);
    });
  }

  it('fetches one token (account, scope, service), prefers access_token, caches it', async () => {
    const ts = await tokenServer(() => ({ token: 'bad', access_token: 'good', expires_in: 10 }));
    const reg = await bearerRegistry(ts.url);
    const c = client({}, { username: 'admin', password: 'pw' });
    await c.getManifest(repo(reg), 'latest');
    await c.getManifest(repo(reg), 'latest');
    expect(ts.requests).toHaveLength(1);
    const u = new URL(ts.requests[0]?.url ?? '', ts.url);
    expect(u.searchParams.get('account')).toBe('admin');
    expect(u.searchParams.getAll('scope')).toEqual(['repository:a/b:pull']);
    expect(u.searchParams.get('service')).toBe('reg, test');
    expect(ts.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
  });

  it('drops a token the registry stops accepting and fetches a new one once', async () => {
    let issued = 0;
    let current = 'good';
    const ts = await tokenServer(() => ({ token: `t${++issued}` }));
    const reg = await serve((req, res) => {
      if (req.headers.authorization !== `Bearer ${current}`) {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${ts.url}/token",service="s"` });
        return void res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      }
      sendManifest(res, MANIFEST);
    });
    current = 't1';
    const c = client({}, { username: 'admin', password: 'pw' });
    await c.getManifest(repo(reg), 'latest');
    current = 't2'; // t1 revoked
    await c.getManifest(repo(reg), 'latest');
    expect(issued).toBe(2);
    current = 'never';
    await expect(c.getManifest(repo(reg), 'latest')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(issued).toBe(3); // one retry per request, not a loop
  });

  it('uses the refresh-token grant for an identity token, and a registry token directly', async () => {
    const forms: URLSearchParams[] = [];
    const ts = await tokenServer((req, body) => {
      if (req.method === 'POST') forms.push(new URLSearchParams(body.toString()));
      return { access_token: 'good' };
    });
    const reg = await bearerRegistry(ts.url);
    await client({}, { identityToken: 'refresh-me' }).getManifest(repo(reg), 'latest');
    expect(forms[0]?.get('grant_type')).toBe('refresh_token');
    expect(forms[0]?.get('refresh_token')).toBe('refresh-me');
    expect(forms[0]?.get('client_id')).toBe('registry-client');
    expect(forms[0]?.get('scope')).toBe('repository:a/b:pull');
    const before = ts.requests.length;
    await client({}, { registryToken: 'good' }).getManifest(repo(reg), 'latest');
    expect(ts.requests.length).toBe(before);
  });

  it('wrong password: UNAUTHORIZED that says so, from getManifest and checkLogin', async () => {
    const ts = await tokenServer(() => 401);
    const reg = await bearerRegistry(ts.url);
    const err = await client({}, { username: 'admin', password: 'nope' }).getManifest(repo(reg), 'latest').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((err as Error).message).toMatch(/wrong username or password/);
    await expect(client().checkLogin(reg.host, { username: 'admin', password: 'nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
