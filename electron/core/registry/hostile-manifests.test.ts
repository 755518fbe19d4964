import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { answerPing, streamForever } from '../../../test/harness/hostile-server';
import { MANIFEST, OCI, client, repo, serve, sha } from './hostile-fixture.test-util';



function sendManifest(res: ServerResponse, body: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': `${OCI}; charset=utf-8`, 'content-length': String(body.length), ...headers });
  res.end(body);
}


describe('manifests from a hostile registry', () => {
  it('keeps exact bytes, computes the digest, strips Content-Type parameters (after https→http fallback)', async () => {
    const s = await serve((req, res) => answerPing(req, res) || sendManifest(res, MANIFEST));
    const m = await client().getManifest(repo(s), 'latest');
    expect(Buffer.from(m.bytes).equals(MANIFEST)).toBe(true);
    expect(m).toMatchObject({ digest: sha(MANIFEST), mediaType: OCI, size: MANIFEST.length });
    expect(s.requests.find((r) => r.url.includes('/manifests/'))?.headers['accept']).toContain('application/vnd.oci.image.index.v1+json');
  });

  it('rejects a by-digest fetch whose bytes hash differently', async () => {
    const s = await serve((req, res) => answerPing(req, res) || sendManifest(res, MANIFEST));
    const wanted = sha('something else');
    await expect(client().getManifest(repo(s), wanted)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
  });

  it('rejects a Docker-Content-Digest header that disagrees with the bytes', async () => {
    const s = await serve((req, res) => answerPing(req, res) || sendManifest(res, MANIFEST, { 'docker-content-digest': sha('other') }));
    await expect(client().getManifest(repo(s), 'latest')).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
  });

  it('refuses an endless manifest without buffering it', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(200, { 'content-type': OCI }); // chunked, no length
      streamForever(res, Buffer.alloc(64 * 1024, 0x20));
    });
    const before = process.memoryUsage().arrayBuffers;
    await expect(client().getManifest(repo(s), 'latest')).rejects.toMatchObject({ code: 'MANIFEST_TOO_LARGE' });
    // The server would write forever; we stopped soon after 4 MiB (socket buffers allow some slack).
    expect(s.bytesWritten()).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('retries a 500 with an endless body without reading it forever', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(500, { 'content-type': 'text/html' });
      streamForever(res, Buffer.alloc(64 * 1024, 0x41));
    });
    await expect(client().getManifest(repo(s), 'latest')).rejects.toMatchObject({ code: 'REGISTRY_ERROR' });
    expect(s.requests.filter((r) => r.url.includes('/manifests/')).length).toBe(3);
  });

  it('refuses a declared Content-Length over 4 MiB before reading', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(200, { 'content-type': OCI, 'content-length': String(5 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    await expect(client().getManifest(repo(s), 'latest')).rejects.toMatchObject({ code: 'MANIFEST_TOO_LARGE' });
  });

  it('turns a garbage JSON error body into a typed error carrying status and text', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors": [ {"code": 12, oops');
    });
    const err = await client().getManifest(repo(s), 'latest').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MANIFEST_UNKNOWN' });
    expect(String((err as Error).message)).toContain('HTTP 404: {"errors": [ {"code": 12, oops');
  });

  it('retries a 500 on GET and then succeeds', async () => {
    let n = 0;
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      if (n++ === 0) {
        res.writeHead(500).end('boom');
        return;
      }
      sendManifest(res, MANIFEST);
    });
    const m = await client().getManifest(repo(s), 'latest');
    expect(m.digest).toBe(sha(MANIFEST));
    expect(s.requests.filter((r) => r.url.includes('/manifests/')).length).toBe(2);
  });

  it('honours Retry-After on 429, capped by maxDelayMs', async () => {
    let n = 0;
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      if (n++ === 0) {
        res.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      sendManifest(res, MANIFEST);
    });
    const t0 = Date.now();
    await client({ retry: { attempts: 3, maxDelayMs: 5_000 } }).getManifest(repo(s), 'latest');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    n = 0;
    const t1 = Date.now();
    await client({ retry: { attempts: 3, maxDelayMs: 100 } }).getManifest(repo(s), 'latest');
    expect(Date.now() - t1).toBeLessThan(900);
  });

  it('gives up on 429 after the attempts with TOO_MANY_REQUESTS', async () => {
    const s = await serve((req, res) => answerPing(req, res) || void res.writeHead(429, { 'retry-after': '0' }).end());
    await expect(client().getManifest(repo(s), 'latest')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(s.requests.filter((r) => r.url.includes('/manifests/')).length).toBe(3);
  });

  it('fails a body that stalls mid-way within the timeout', async () => {
    const s = await serve((req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(200, { 'content-type': OCI, 'content-length': String(MANIFEST.length) });
      res.write(MANIFEST.subarray(0, 10)); // then nothing, connection left open
    });
    const t0 = Date.now();
    await expect(client({ timeoutMs: 400 }).getManifest(repo(s), 'latest')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('cancels a hanging request when the signal aborts', async () => {
    const s = await serve((req, res) => void (answerPing(req, res) || undefined));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await expect(client().getManifest(repo(s), 'latest', { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('one caller cancelling does not fail another waiting on the same ping', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const s = await serve(async (req, res) => {
      if (req.url === '/v2/') await gate;
      if (answerPing(req, res)) return;
      sendManifest(res, MANIFEST);
    });
    const c = client();
    const ac = new AbortController();
    const a = c.getManifest(repo(s), 'latest', { signal: ac.signal });
    const b = c.getManifest(repo(s), 'latest');
    ac.abort();
    await expect(a).rejects.toMatchObject({ code: 'CANCELLED' });
    release();
    expect((await b).digest).toBe(sha(MANIFEST));
  });

  it('says the registry is not running when the connection is refused', async () => {
    const s = await serve(() => undefined);
    const host = s.host;
    await s.close();
    const err = await client().getManifest({ domain: host, path: 'a' }, 'latest').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NETWORK' });
    expect((err as Error).message).toContain('is the registry running');
  });
});
