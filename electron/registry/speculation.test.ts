import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Speculations } from './speculation';
import { TcpSockets } from './tcp-sockets';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) s.closeAllConnections();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A real HTTP server on loopback that records what it was asked. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}`, seen };
}

const headers = { 'user-agent': 'manifest-studio/test', accept: 'application/vnd.oci.image.index.v1+json' };
const get = (url: string, maxBytes = 1024, timeoutMs = 5_000) => ({ url, headers, maxBytes, timeoutMs });

describe('Speculations: a request sent before its sender has loaded, handed over only to an identical one', () => {
  it('hands the answer (status, headers, exact body) to exactly the same request, once', async () => {
    const body = Buffer.from('{"schemaVersion":2}');
    const s = await serve((_req, res) => {
      res.setHeader('www-authenticate', ['Bearer realm="a"', 'Basic realm="b"']);
      res.writeHead(200, { 'content-type': 'application/json', 'docker-content-digest': 'sha256:x' }).end(body);
    });
    const spec = new Speculations();
    spec.start(get(`${s.url}/v2/a/manifests/1`));
    // A different URL or header set is not this request.
    expect(spec.has('GET', `${s.url}/v2/a/manifests/2`, headers)).toBe(false);
    expect(spec.has('GET', `${s.url}/v2/a/manifests/1`, { ...headers, authorization: 'Bearer t' })).toBe(false);
    expect(spec.has('HEAD', `${s.url}/v2/a/manifests/1`, headers)).toBe(false);
    // Header names match case-insensitively and in any order.
    const answer = await spec.take('GET', `${s.url}/v2/a/manifests/1`, { Accept: headers.accept, 'User-Agent': headers['user-agent'] });
    expect(answer?.status).toBe(200);
    expect(Buffer.from(answer?.body ?? []).equals(body)).toBe(true);
    expect(answer?.headers['docker-content-digest']).toBe('sha256:x');
    expect(answer?.headers['www-authenticate']).toEqual(['Bearer realm="a"', 'Basic realm="b"']);
    expect(await spec.take('GET', `${s.url}/v2/a/manifests/1`, headers)).toBeUndefined();
    // What went over the wire is what the registry client would have sent.
    expect(s.seen).toHaveLength(1);
    expect(s.seen[0]?.headers['accept']).toBe(headers.accept);
    expect(s.seen[0]?.headers['user-agent']).toBe(headers['user-agent']);
    expect(s.seen[0]?.headers['authorization']).toBeUndefined();
  });

  it('goes out on a connection opened ahead, and the reads that follow it reuse that connection', async () => {
    const connections: string[] = [];
    const s = await serve((req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(`{"path":"${req.url}"}`));
    const server = servers[0];
    server?.on('connection', (sock) => connections.push(`${sock.remoteAddress}:${sock.remotePort}`));
    const port = Number(new URL(s.url).port);
    const pool = new TcpSockets();
    pool.fill({ hostname: '127.0.0.1', port }, 1);
    const spec = new Speculations({ sockets: pool });
    try {
      // Not rejecting, and the answer itself: what a follow-up read is chained on.
      const first = await spec.start(get(`${s.url}/v2/a/manifests/1`));
      expect(Buffer.from(first?.body ?? []).toString()).toBe('{"path":"/v2/a/manifests/1"}');
      expect(pool.count('127.0.0.1', port)).toBe(0);
      const second = await spec.start(get(`${s.url}/v2/a/blobs/2`));
      expect(second?.status).toBe(200);
      expect(s.seen.map((r) => r.url)).toEqual(['/v2/a/manifests/1', '/v2/a/blobs/2']);
      // One connection served both: the pool's, kept alive between the reads.
      expect(connections).toHaveLength(1);
      expect(await spec.take('GET', `${s.url}/v2/a/blobs/2`, headers)).toMatchObject({ status: 200 });
    } finally {
      spec.close();
      pool.destroyAll();
    }
  });

  it('keeps a connection for the next read unless the registry closes it', async () => {
    const connections: number[] = [];
    let close = false;
    const s = await serve((req, res) => {
      const body = `{"path":"${req.url}"}`;
      res.writeHead(200, { 'content-length': Buffer.byteLength(body), ...(close ? { connection: 'close' } : {}) }).end(body);
    });
    servers[0]?.on('connection', (sock) => connections.push(sock.remotePort ?? 0));
    const spec = new Speculations();
    try {
      expect((await spec.start(get(`${s.url}/1`)))?.status).toBe(200);
      close = true;
      expect(Buffer.from((await spec.start(get(`${s.url}/2`)))?.body ?? []).toString()).toBe('{"path":"/2"}');
      expect(connections).toHaveLength(1);
      expect((await spec.start(get(`${s.url}/3`)))?.status).toBe(200);
      expect(connections).toHaveLength(2);
    } finally {
      spec.close();
    }
  });

  it('never takes bytes a registry sent unasked on an idle connection for the next answer', async () => {
    // A raw server: answers each request, then (first connection only) sends a 408 while the connection idles.
    let connections = 0;
    const server = createNetServer((sock) => {
      const n = ++connections;
      sock.on('data', (d: Buffer) => {
        const path = /^GET (\S+)/.exec(d.toString('latin1'))?.[1] ?? '?';
        const body = `{"path":"${path}","connection":${n}}`;
        sock.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
        if (n === 1) setTimeout(() => sock.write('HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\n\r\n'), 20);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    const spec = new Speculations();
    try {
      const url = `http://127.0.0.1:${address.port}`;
      expect(Buffer.from((await spec.start(get(`${url}/1`)))?.body ?? []).toString()).toBe('{"path":"/1","connection":1}');
      await new Promise((r) => setTimeout(r, 100));
      const second = await spec.start(get(`${url}/2`));
      expect(second?.status).toBe(200);
      expect(Buffer.from(second?.body ?? []).toString()).toBe('{"path":"/2","connection":2}');
    } finally {
      spec.close();
      await new Promise((r) => server.close(r));
    }
  });

  it('hands an answer over only after the ticks queued by the reads chained on it (Node writes a request on the next tick)', async () => {
    const s = await serve((_req, res) => void res.writeHead(200).end('{}'));
    const spec = new Speculations();
    try {
      const order: string[] = [];
      // What early.ts does with an answer: starts the reads that follow it, whose bytes leave on the next tick.
      void spec.start(get(`${s.url}/v2/a/manifests/1`)).then(() => process.nextTick(() => order.push('follow-up written')));
      await spec.take('GET', `${s.url}/v2/a/manifests/1`, headers);
      order.push('taken');
      expect(order).toEqual(['follow-up written', 'taken']);
    } finally {
      spec.close();
    }
  });

  it('starting the same read twice sends it once; a failed read starts as "no answer", never a rejection', async () => {
    const s = await serve((_req, res) => void res.writeHead(200).end('{}'));
    const spec = new Speculations();
    try {
      const [a, b] = await Promise.all([spec.start(get(`${s.url}/x`)), spec.start(get(`${s.url}/x`))]);
      expect(a).toBe(b);
      expect(s.seen).toHaveLength(1);
      await expect(spec.start(get('http://127.0.0.1:1/refused'))).resolves.toBeUndefined();
    } finally {
      spec.close();
    }
  });

  it('an error status is an answer too (a 401 challenge is what the real first request would get)', async () => {
    const s = await serve((_req, res) => void res.writeHead(401, { 'www-authenticate': 'Bearer realm="x"' }).end('{"errors":[]}'));
    const spec = new Speculations();
    spec.start(get(`${s.url}/v2/a/manifests/1`));
    expect((await spec.take('GET', `${s.url}/v2/a/manifests/1`, headers))?.status).toBe(401);
  });

  it('a body over the limit or a refused connection gives no answer: the caller sends the request itself', async () => {
    const s = await serve((_req, res) => void res.writeHead(200).end(Buffer.alloc(2048)));
    const spec = new Speculations();
    spec.start(get(`${s.url}/big`, 1024));
    expect(await spec.take('GET', `${s.url}/big`, headers)).toBeUndefined();
    const closed = await serve(() => undefined);
    const url = `${closed.url}/v2/`;
    await new Promise((r) => servers.splice(0).forEach((srv) => srv.close(r)));
    spec.start(get(url));
    expect(await spec.take('GET', url, headers)).toBeUndefined();
  });

  it('a registry silent for the whole timeout is reported as a timeout, not asked again', async () => {
    const s = await serve(() => undefined); // never answers
    const spec = new Speculations();
    spec.start(get(`${s.url}/v2/a/manifests/1`, 1024, 300));
    await expect(spec.take('GET', `${s.url}/v2/a/manifests/1`, headers)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('a port that does not speak TLS is reported as such (no TLS setting could change that)', async () => {
    const s = await serve((_req, res) => void res.writeHead(200).end('plain'));
    const url = `${s.url.replace('http:', 'https:')}/v2/`;
    const spec = new Speculations();
    spec.start(get(url));
    await expect(spec.take('GET', url, headers)).rejects.toMatchObject({ code: 'EPROTO' });
  });

  it('a TLS handshake that fails otherwise gives no answer: the caller asks again with its own settings', async () => {
    // The peer hangs up mid-handshake: not a plain-HTTP port, and other TLS settings (a CA, a client
    // certificate) might fare differently.
    const net = createNetServer((sock) => sock.destroy());
    await new Promise<void>((r) => net.listen(0, '127.0.0.1', r));
    try {
      const address = net.address();
      if (typeof address !== 'object' || !address) throw new Error('no address');
      const url = `https://127.0.0.1:${address.port}/v2/`;
      const spec = new Speculations();
      spec.start(get(url));
      expect(await spec.take('GET', url, headers)).toBeUndefined();
    } finally {
      await new Promise((r) => net.close(r));
    }
  });
});
