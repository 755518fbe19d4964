import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy';

const DELAY = 40;
let server: Server;
let proxy: LatencyProxy;

beforeAll(async () => {
  // Echo server: answers with the request body, so byte order through the proxy is checked.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.end(Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxy = await startLatencyProxy('127.0.0.1', (server.address() as AddressInfo).port, DELAY);
});

afterAll(async () => {
  await proxy.stop();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('latency proxy', () => {
  it('charges 4 × delay for a new connection and 2 × delay for a kept-alive request', async () => {
    const agent = new Agent({ connections: 1 });
    const url = `http://${proxy.host}:${proxy.port}/`;
    const t0 = performance.now();
    await (await request(url, { method: 'POST', body: 'a', dispatcher: agent })).body.text();
    const first = performance.now() - t0;
    const t1 = performance.now();
    await (await request(url, { method: 'POST', body: 'b', dispatcher: agent })).body.text();
    const second = performance.now() - t1;
    await agent.close();
    expect(first).toBeGreaterThanOrEqual(4 * DELAY - 5);
    expect(second).toBeGreaterThanOrEqual(2 * DELAY - 5);
    expect(second).toBeLessThan(first);
    expect(proxy.connections()).toBeGreaterThanOrEqual(1);
  });

  it('keeps large bodies intact and in order', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < body.length; i += 1) body[i] = (i * 31 + (i >> 11)) & 0xff;
    const res = await request(`http://${proxy.host}:${proxy.port}/`, { method: 'POST', body });
    expect(Buffer.from(await res.body.arrayBuffer()).equals(body)).toBe(true);
  });
});
