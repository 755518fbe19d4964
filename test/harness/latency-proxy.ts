import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A running loopback proxy; connect clients to `host:port` instead of the target. */
export interface LatencyProxy {
  host: string;
  port: number;
  /** Connections accepted so far (lets benchmarks report how many a client opened). */
  connections(): number;
  stop(): Promise<void>;
}

/**
 * Forwards `from` to `to`, delaying every chunk (and the final FIN) by `delayMs`. Timers of equal
 * duration fire in creation order, so bytes keep their order. Backpressure is respected by pausing the
 * reader while the writer's buffer is full.
 */
function pipeDelayed(from: Socket, to: Socket, delayMs: number): void {
  from.on('data', (chunk: Buffer) => {
    setTimeout(() => {
      if (to.destroyed) return;
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), delayMs + 1));
}

/**
 * A TCP proxy on 127.0.0.1 that adds `delayMs` in each direction, modelling a round trip of
 * 2 × delayMs (the kernel here has no netem). A new connection plus one request costs about 4 × delayMs.
 */
export async function startLatencyProxy(targetHost: string, targetPort: number, delayMs: number): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((client) => {
    accepted += 1;
    client.pause();
    // Over a real link the handshake costs a round trip before the first request byte can leave; the
    // local accept is instant, so hold the client's bytes for 2 × delay to charge that round trip.
    setTimeout(() => {
      const upstream = connect(targetPort, targetHost);
      sockets.add(client);
      sockets.add(upstream);
      client.on('close', () => sockets.delete(client));
      upstream.on('close', () => sockets.delete(upstream));
      upstream.once('connect', () => client.resume());
      pipeDelayed(client, upstream, delayMs);
      pipeDelayed(upstream, client, delayMs);
    }, 2 * delayMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    connections: () => accepted,
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
