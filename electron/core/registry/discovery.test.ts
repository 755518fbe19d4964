import type { ServerResponse } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerPing, type HostileServer } from '../../../test/harness/hostile-server';
import { MANIFEST, OCI, client as makeClient, repo, serve, sha } from './hostile-fixture.test-util';
import { TcpSockets } from '../net';
import { startLatencyProxy } from '../../../test/harness/latency-proxy';
import type { Credential } from './types';

// The first request to a registry stands in for the `/v2/` ping when the caller has no credentials for
// it (Endpoints.discover): these tests pin what goes over the wire in each case.


const client = (cred?: Credential): ReturnType<typeof makeClient> => makeClient({}, cred);

function sendManifest(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': OCI, 'content-length': String(MANIFEST.length), 'docker-content-digest': sha(MANIFEST) });
  res.end(MANIFEST);
}

const paths = (s: HostileServer): string[] => s.requests.map((r) => `${r.method} ${r.url}`);

describe('registry discovery without a separate ping', () => {
  it('sends the first request directly to a registry without auth, then reuses what it learnt', async () => {
    const s = await serve((req, res) => answerPing(req, res) || sendManifest(res));
    const c = client();
    expect((await c.getManifest(repo(s), 'latest')).digest).toBe(sha(MANIFEST));
    await c.headManifest(repo(s), 'latest');
    expect(paths(s)).toEqual(['GET /v2/a/b/manifests/latest', 'HEAD /v2/a/b/manifests/latest']);
  });

  it('follows a challenge on the first request as it would a challenged ping (anonymous token)', async () => {
    const tokens = await serve((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"anon"}'));
    const s = await serve((req, res) => {
      if (req.headers.authorization !== 'Bearer anon') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.url}/token",service="reg"` });
        return void res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      }
      sendManifest(res);
    });
    const c = client();
    expect((await c.getManifest(repo(s), 'latest')).digest).toBe(sha(MANIFEST));
    await c.getManifest(repo(s), 'latest');
    expect(paths(s)).toEqual(['GET /v2/a/b/manifests/latest', 'GET /v2/a/b/manifests/latest', 'GET /v2/a/b/manifests/latest']);
    expect(s.requests.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer anon', 'Bearer anon']);
    expect(tokens.requests).toHaveLength(1);
  });

  it('pings first when credentials are stored, so they go with the first request (as docker does)', async () => {
    const basic = `Basic ${Buffer.from('u:p').toString('base64')}`;
    const s = await serve((req, res) => {
      if (req.headers.authorization !== basic) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      if (answerPing(req, res)) return;
      sendManifest(res);
    });
    await client({ username: 'u', password: 'p' }).getManifest(repo(s), 'latest');
    expect(paths(s)).toEqual(['GET /v2/', 'GET /v2/a/b/manifests/latest']);
    expect(s.requests[1]?.headers.authorization).toBe(basic);
  });

  it('a login check after an anonymous read still asks /v2/ how the registry authenticates', async () => {
    const basic = `Basic ${Buffer.from('u:p').toString('base64')}`;
    const s = await serve((req, res) => {
      // Public reads, but the registry itself (and so login) wants basic auth.
      if (req.url === '/v2/' && req.headers.authorization !== basic) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      if (answerPing(req, res)) return;
      sendManifest(res);
    });
    const c = client();
    await c.getManifest(repo(s), 'latest');
    expect(await c.checkLogin(s.host, { username: 'u', password: 'p' })).toEqual({ auth: 'basic' });
    expect(paths(s)).toEqual(['GET /v2/a/b/manifests/latest', 'GET /v2/', 'GET /v2/']);
    expect(s.requests[2]?.headers.authorization).toBe(basic);
  });

  it('callers waiting on a probe that failed for its own path ask /v2/ themselves', async () => {
    const dead = await serve(() => undefined);
    const deadUrl = dead.url;
    await dead.close();
    const s = await serve((req, res) => {
      if (req.url?.includes('/blobs/')) return void res.writeHead(307, { location: `${deadUrl}/storage` }).end();
      if (answerPing(req, res)) return;
      sendManifest(res);
    });
    const c = client();
    const [blob, manifest] = await Promise.allSettled([c.getBlob(repo(s), sha('x')), c.getManifest(repo(s), 'latest')]);
    expect(blob).toMatchObject({ status: 'rejected', reason: { code: 'NETWORK' } });
    expect(manifest).toMatchObject({ status: 'fulfilled', value: { digest: sha(MANIFEST) } });
    expect(paths(s)).toEqual([`GET /v2/a/b/blobs/${sha('x')}`, 'GET /v2/', 'GET /v2/a/b/manifests/latest']);
  });

  it('does not let a push (not replayable) stand in for the ping', async () => {
    const s = await serve((req, res) => answerPing(req, res) || void res.writeHead(201, { 'docker-content-digest': sha(MANIFEST) }).end());
    await client().putManifest(repo(s), 'latest', MANIFEST, OCI);
    expect(paths(s)).toEqual(['GET /v2/', 'PUT /v2/a/b/manifests/latest']);
  });

  it('a prober that cancels does not fail the callers waiting on its answer', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const s = await serve(async (req, res) => {
      if (first) {
        first = false;
        await gate;
      }
      sendManifest(res);
    });
    const c = client();
    const ac = new AbortController();
    const a = c.getManifest(repo(s), 'latest', { signal: ac.signal });
    const b = c.getManifest(repo(s), 'latest');
    // Cancel only once the probe is on the wire and `b` is waiting for its answer.
    while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await expect(a).rejects.toMatchObject({ code: 'CANCELLED' });
    release();
    expect((await b).digest).toBe(sha(MANIFEST));
    expect(paths(s)).toEqual(['GET /v2/a/b/manifests/latest', 'GET /v2/a/b/manifests/latest']);
  });

  it('a registry answer over plain HTTP on the port https uses decides the scheme: no waiting for TLS to fail', async () => {
    const s = await serve((req, res) => answerPing(req, res) || sendManifest(res));
    // In front of it, a port that swallows TLS handshakes without a word (a slow link would delay the
    // failure the same way) and passes plain HTTP through.
    const tlsSockets: Socket[] = [];
    const front = createServer((sock) =>
      sock.once('data', (first: Buffer) => {
        if (first[0] === 0x16) return void tlsSockets.push(sock);
        const up = connect(Number(s.host.split(':')[1]), '127.0.0.1', () => up.write(first));
        sock.pipe(up).pipe(sock);
        sock.on('error', () => up.destroy());
        up.on('error', () => sock.destroy());
      }),
    );
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const address = front.address();
      if (typeof address !== 'object' || !address) throw new Error('no address');
      // A timeout far past the test's own: only an answer that does not wait for the handshake passes.
      const c = makeClient({ timeoutMs: 60_000 });
      const m = await c.getManifest({ domain: `127.0.0.1:${address.port}`, path: 'a/b' }, 'latest');
      expect(m.digest).toBe(sha(MANIFEST));
      // https was tried on that port, and its silence did not hold the answer up.
      expect(tlsSockets.length).toBeGreaterThan(0);
    } finally {
      for (const t of tlsSockets) t.destroy();
      await new Promise((r) => front.close(r));
    }
  });
});

describe('connections the CLI launcher opened ahead (earlySockets)', () => {
  it('are used for the first request to their host and port, and only there', async () => {
    const s = await serve((req, res) => answerPing(req, res) || sendManifest(res));
    const [hostname, port] = [s.host.split(':')[0] as string, Number(s.host.split(':')[1])];
    const early = new TcpSockets();
    early.fill({ hostname, port }, 1);
    early.fill({ hostname: 'localhost', port }, 1);
    const c = makeClient({ earlySockets: early });
    expect((await c.getManifest(repo(s), 'latest')).digest).toBe(sha(MANIFEST));
    expect(early.count(hostname, port)).toBe(0);
    expect(early.count('localhost', port)).toBe(1);
    expect(paths(s)).toEqual(['GET /v2/a/b/manifests/latest']);
    early.destroyAll();
  });
});

describe('connections opened ahead for a list behind a token challenge', () => {
  it('are the ones its children use: a challenged first read opens no second set', async () => {
    const tokens = await serve((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"anon"}'));
    const s = await serve((req, res) => {
      if (req.headers.authorization !== 'Bearer anon') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.url}/token",service="reg"` });
        return void res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      }
      // Slow enough that the children would need connections of their own.
      setTimeout(() => sendManifest(res), 50);
    });
    const proxy = await startLatencyProxy('127.0.0.1', Number(s.host.split(':')[1]), 0);
    try {
      const c = client();
      const viaProxy = { domain: `127.0.0.1:${proxy.port}`, path: 'a/b' };
      await c.getManifest(viaProxy, 'latest', { preconnect: 11 });
      await Promise.all(Array.from({ length: 11 }, () => c.getManifest(viaProxy, sha(MANIFEST))));
      // The first read's own connection, the https attempt tried beside it on loopback, and the 11 opened
      // for what follows; nothing opened twice (a second set of 11 once the token was in).
      expect(proxy.connections()).toBeLessThanOrEqual(13);
    } finally {
      await proxy.stop();
    }
  });
});
