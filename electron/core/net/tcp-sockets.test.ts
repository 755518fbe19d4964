import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpSockets } from './tcp-sockets';

const servers: Server[] = [];
const pools: TcpSockets[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) p.destroyAll();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A real TCP server on loopback that counts connections and echoes what it receives. */
async function echoServer(): Promise<{ port: number; accepted: () => number }> {
  let accepted = 0;
  const server = createServer((s) => {
    accepted += 1;
    s.pipe(s);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { port: address.port, accepted: () => accepted };
}

function pool(): TcpSockets {
  const p = new TcpSockets();
  pools.push(p);
  return p;
}

/** A pool with one connection under way to a port nothing listens on any more. */
async function poolOnClosedPort(): Promise<{ p: TcpSockets; port: number }> {
  const { port } = await echoServer();
  await new Promise((r) => servers.splice(0)[0]?.close(r));
  const p = pool();
  p.fill({ hostname: '127.0.0.1', port }, 1);
  return { p, port };
}

function echo(socket: Socket, text: string): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (d: Buffer) => resolve(d.toString()));
    socket.write(text);
  });
}

describe('TcpSockets: plain connections opened ahead for whichever scheme takes them', () => {
  it('fills up to a count per target and hands out connected, ref’d sockets in order', async () => {
    const srv = await echoServer();
    const p = pool();
    p.fill({ hostname: '127.0.0.1', port: srv.port }, 2);
    p.fill({ hostname: '127.0.0.1', port: srv.port }, 2); // topped up, not doubled
    expect(p.has('127.0.0.1', srv.port)).toBe(true);
    const a = await p.take('127.0.0.1', srv.port, 1_000);
    const b = await p.take('127.0.0.1', srv.port, 1_000);
    expect(await p.take('127.0.0.1', srv.port, 1_000)).toBeUndefined();
    expect(p.has('127.0.0.1', srv.port)).toBe(false);
    if (!a || !b) throw new Error('expected two sockets');
    expect(await echo(a, 'ping')).toBe('ping');
    expect(a.readyState).toBe('open');
    expect(srv.accepted()).toBe(2);
    a.destroy();
    b.destroy();
  });

  it('keys by bare lower-case host: an IPv6 literal in brackets finds the same sockets', async () => {
    const p = pool();
    p.fill({ hostname: 'LOCALHOST', port: 1 }, 1);
    expect(p.has('localhost', 1)).toBe(true);
    expect(p.has('[localhost]', 1)).toBe(true);
  });

  it('a refused connection is dropped quietly; take then returns undefined so the caller connects anew', async () => {
    const { p, port } = await poolOnClosedPort();
    expect(await p.take('127.0.0.1', port, 1_000)).toBeUndefined();
  });

  it('destroyAll closes what nobody took', async () => {
    const srv = await echoServer();
    const p = pool();
    p.fill({ hostname: '127.0.0.1', port: srv.port }, 3);
    p.destroyAll();
    expect(p.has('127.0.0.1', srv.port)).toBe(false);
  });

  it('a socket handed over before it fails does not end the process when it fails unattended', async () => {
    const { p, port } = await poolOnClosedPort();
    const socket = p.takeNow('127.0.0.1', port);
    if (!socket) throw new Error('expected a socket');
    // Nobody listens yet: ECONNREFUSED must not surface as an unhandled 'error'.
    await new Promise((r) => socket.once('close', r));
    expect(socket.destroyed).toBe(true);
  });
});
