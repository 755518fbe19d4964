import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConnectionObserver, type WireExchange } from './http-wire';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy';

function observe(): { observer: HttpConnectionObserver; seen: WireExchange[] } {
  const seen: WireExchange[] = [];
  return { observer: new HttpConnectionObserver(1, (e) => seen.push(e)), seen };
}

/** Feeds `text` in pieces of `size` bytes, so every parser state meets a split boundary. */
function feed(push: (b: Buffer) => void, text: string, size: number): void {
  const bytes = Buffer.from(text, 'latin1');
  for (let i = 0; i < bytes.length; i += size) push(bytes.subarray(i, i + size));
}

const REQUESTS = [
  'GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n',
  'POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nAuthorization: Basic YTpi\r\n\r\nGET / HTTP/',
  'PUT /v2/a/blobs/uploads/1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nHEAD\r\n3\r\n / \r\n0\r\nT: 1\r\n\r\n',
  'HEAD /v2/a/manifests/latest HTTP/1.1\r\nauthorization: Bearer t\r\n\r\n',
].join('');

const RESPONSES = [
  'HTTP/1.1 401 Unauthorized\r\nContent-Length: 12\r\n\r\nHTTP/1.1 200',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHTTP/\r\n0\r\n\r\n',
  'HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n',
  // A HEAD answer announces a length but carries no body.
  'HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n',
].join('');

describe('HttpConnectionObserver', () => {
  it.each([1, 3, 7, 4096])('follows kept-alive requests and answers split every %i bytes', (size) => {
    const { observer, seen } = observe();
    feed((b) => observer.fromClient(b), REQUESTS, size);
    feed((b) => observer.fromServer(b), RESPONSES, size);
    expect(seen.map((e) => [e.method, e.target, e.auth, e.status])).toEqual([
      ['GET', '/v2/', undefined, 401],
      ['POST', '/token', 'basic', 200],
      ['PUT', '/v2/a/blobs/uploads/1', undefined, 201],
      ['HEAD', '/v2/a/manifests/latest', 'bearer', 200],
    ]);
    expect(observer.started).toBe(true);
    expect(observer.tls).toBe(false);
  });

  it('records nothing on a TLS connection', () => {
    const { observer, seen } = observe();
    observer.fromClient(Buffer.from([0x16, 0x03, 0x01, 0x00]));
    observer.fromClient(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect(observer.tls).toBe(true);
    expect(seen).toEqual([]);
  });

  it('stops at bytes that are not HTTP/1.1 instead of guessing', () => {
    const { observer, seen } = observe();
    feed((b) => observer.fromClient(b), 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\nGET / HTTP/1.1\r\n\r\n', 5);
    expect(seen).toEqual([]);
  });
});

describe('latency proxy with observeHttp', () => {
  let server: Server;
  let proxy: LatencyProxy;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/missing' ? 404 : 200);
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    proxy = await startLatencyProxy('127.0.0.1', (server.address() as AddressInfo).port, 5, { observeHttp: true });
  });

  afterAll(async () => {
    await proxy.stop();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('records each request with its status, per connection, until reset', async () => {
    const agent = new Agent({ connections: 1 });
    const url = `http://${proxy.host}:${proxy.port}`;
    await (await request(`${url}/a`, { dispatcher: agent })).body.text();
    await (await request(`${url}/missing`, { dispatcher: agent, headers: { authorization: 'Bearer x' } })).body.text();
    await agent.close();
    const traffic = proxy.traffic();
    expect(traffic).toMatchObject({ connections: 1, unused: 0, tls: 0 });
    expect(traffic.exchanges.map((e) => [e.connection, e.method, e.target, e.auth, e.status])).toEqual([
      [1, 'GET', '/a', undefined, 200],
      [1, 'GET', '/missing', 'bearer', 404],
    ]);
    proxy.resetTraffic();
    expect(proxy.traffic()).toEqual({ connections: 0, unused: 0, tls: 0, exchanges: [] });
    expect(proxy.connections()).toBe(1);
  });
});
