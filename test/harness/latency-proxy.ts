import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { HttpConnectionObserver, type WireExchange } from './http-wire';

export type { WireExchange } from './http-wire';

/** What clients sent through the proxy since it started or since `resetTraffic()`. */
export interface ProxyTraffic {
  /** Connections accepted. */
  connections: number;
  /** Of those, connections whose client has sent no byte yet (opened early, then not used). */
  unused: number;
  /** Of those, connections that began with a TLS handshake (their requests cannot be read). */
  tls: number;
  /** Plain-HTTP requests in the order they were sent; empty unless `observeHttp` was set. */
  exchanges: WireExchange[];
}

export interface LatencyProxyOptions {
  /** Parse HTTP/1.1 on each connection to record requests and answer statuses (see http-wire.ts). */
  observeHttp?: boolean;
}

/** A running loopback proxy; connect clients to `host:port` instead of the target. */
export interface LatencyProxy {
  host: string;
  port: number;
  /** Connections accepted so far (lets benchmarks report how many a client opened). */
  connections(): number;
  /** Connections and (with `observeHttp`) requests since the start or the last `resetTraffic()`. */
  traffic(): ProxyTraffic;
  resetTraffic(): void;
  stop(): Promise<void>;
}

/**
 * Forwards `from` to `to`, delaying every chunk (and the final FIN) by `delayMs`. Timers of equal
 * duration fire in creation order, so bytes keep their order. Backpressure is respected by pausing the
 * reader while the writer's buffer is full. `observe` sees each chunk as it arrives, before the delay.
 */
function pipeDelayed(from: Socket, to: Socket, delayMs: number, observe?: (chunk: Buffer) => void): void {
  from.on('data', (chunk: Buffer) => {
    observe?.(chunk);
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

/** Per-connection observers since the last reset, and the requests they recorded. */
class TrafficLog {
  private observers: HttpConnectionObserver[] = [];
  private exchanges: WireExchange[] = [];

  constructor(private readonly parse: boolean) {}

  open(): HttpConnectionObserver {
    const observer = new HttpConnectionObserver(this.observers.length + 1, (e) => this.exchanges.push(e), this.parse);
    this.observers.push(observer);
    return observer;
  }

  snapshot(): ProxyTraffic {
    return {
      connections: this.observers.length,
      unused: this.observers.filter((o) => !o.started).length,
      tls: this.observers.filter((o) => o.tls).length,
      exchanges: this.exchanges.map((e) => ({ ...e })),
    };
  }

  reset(): void {
    this.observers = [];
    this.exchanges = [];
  }
}

/**
 * A TCP proxy on 127.0.0.1 that adds `delayMs` in each direction, modelling a round trip of
 * 2 × delayMs (the kernel here has no netem). A new connection plus one request costs about 4 × delayMs.
 */
export async function startLatencyProxy(
  targetHost: string, targetPort: number, delayMs: number, options: LatencyProxyOptions = {},
): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const log = new TrafficLog(options.observeHttp === true);
  let accepted = 0;
  const server = createServer((client) => {
    accepted += 1;
    const observer = log.open();
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
      pipeDelayed(client, upstream, delayMs, (c) => observer.fromClient(c));
      pipeDelayed(upstream, client, delayMs, (c) => observer.fromServer(c));
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
    traffic: () => log.snapshot(),
    resetTraffic: () => log.reset(),
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
