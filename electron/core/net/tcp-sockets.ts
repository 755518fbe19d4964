import { connect, type Socket } from 'node:net';

/**
 * Plain TCP connections opened before anyone knows which scheme will use them. The transport upgrades a
 * taken socket to TLS itself for https, with that host's own TLS settings, so one pool serves a registry
 * whose scheme is still being probed (no TLS handshake wasted on a plain-HTTP port) and the CLI launcher,
 * which connects before the code that owns those rules has even loaded.
 */

export interface ConnectTarget {
  /** Bare hostname or IP address (no IPv6 brackets). */
  hostname: string;
  port: number;
}

/**
 * How long an idle connection is kept: the Agent's keep-alive timeout, and how long a connection opened
 * ahead (here and in WarmSockets) waits to be used before it is closed, so the app never hoards them.
 */
export const IDLE_CONNECTION_MS = 10_000;

/**
 * Connections opened while the first manifest is in flight, in case it is a list: each child then skips a
 * connection's handshake. Only TCP/TLS handshakes, no requests (nothing a rate limit counts); a bound so a
 * single image wastes little.
 */
export const LIST_PRECONNECT = 11;

export class TcpSockets {
  private readonly pool = new Map<string, Socket[]>();

  /** Opens connections until `count` are waiting for the target. Failures are silent: a taker connects anew. */
  fill(target: ConnectTarget, count: number): void {
    const key = targetKey(target.hostname, target.port);
    const list = this.pool.get(key) ?? [];
    this.pool.set(key, list);
    for (let k = list.length; k < count; k++) list.push(this.open(key, target));
  }

  private open(key: string, target: ConnectTarget): Socket {
    const socket = connect({ host: target.hostname, port: target.port });
    // What undici's own connector sets on the sockets it opens. Unref'd: a waiting socket never holds the
    // process open.
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    socket.unref();
    const drop = (): void => {
      const list = this.pool.get(key);
      const at = list?.indexOf(socket) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
    };
    socket.once('error', drop).once('close', drop);
    setTimeout(() => {
      if (this.pool.get(key)?.includes(socket)) {
        drop();
        socket.destroy();
      }
    }, IDLE_CONNECTION_MS).unref();
    return socket;
  }

  has(hostname: string, port: number): boolean {
    return this.count(hostname, port) > 0;
  }

  /** Sockets waiting for `hostname:port` (some may still be connecting). */
  count(hostname: string, port: number): number {
    return this.pool.get(targetKey(hostname, port))?.length ?? 0;
  }

  /** A socket to `hostname:port` as it is (maybe still connecting). */
  takeNow(hostname: string, port: number): Socket | undefined {
    const socket = this.pool.get(targetKey(hostname, port))?.shift();
    // The taker may attach its own listeners only later (or wrap the socket in TLS, whose errors arrive on
    // the wrapper): an 'error' with no listener at all would end the process.
    socket?.removeAllListeners('error').removeAllListeners('close').on('error', ignore);
    return socket;
  }

  /**
   * A socket to `hostname:port` once it is connected (ref'd again: it belongs to the taker now), or
   * undefined when none is waiting or the one waiting failed. Waits at most `timeoutMs` for one still
   * connecting, as a fresh connect would.
   */
  async take(hostname: string, port: number, timeoutMs: number): Promise<Socket | undefined> {
    const socket = this.takeNow(hostname, port);
    if (!socket) return undefined;
    if (await connected(socket, timeoutMs)) {
      socket.ref();
      return socket;
    }
    socket.destroy();
    return undefined;
  }

  destroyAll(): void {
    for (const list of this.pool.values()) for (const s of list.splice(0)) s.destroy();
  }
}

const ignore = (): void => undefined;

function targetKey(hostname: string, port: number): string {
  return `${hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`;
}

function connected(socket: Socket, timeoutMs: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(false);
  if (!socket.connecting) return Promise.resolve(socket.readyState === 'open');
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.off('connect', onConnect).off('error', onFail).off('close', onFail);
      resolve(ok);
    };
    const onConnect = (): void => done(true);
    const onFail = (): void => done(false);
    const timer = setTimeout(onFail, timeoutMs);
    socket.once('connect', onConnect).once('error', onFail).once('close', onFail);
  });
}
