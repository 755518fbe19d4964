import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import { IDLE_CONNECTION_MS } from '../net';

type ConnectOptions = buildConnector.Options;
type Connector = (o: ConnectOptions, cb: buildConnector.Callback) => void;

/**
 * Connections opened ahead of the requests that will need them. A list's children are only known once the
 * list has arrived; a new connection costs a round trip (two with TLS) before its first request, so opening
 * them while the list is in flight takes that wait off every child. The Agent's connect hook takes a warm
 * socket (finished or still handshaking) before it opens a new one.
 */
export class WarmSockets {
  /** Per connection key, sockets still to be handed out, oldest first. */
  private readonly pending = new Map<string, Promise<Socket | undefined>[]>();
  private readonly open = new Set<Socket>();

  /** Opens sockets until `count` are waiting for `key`. */
  fill(key: string, count: number, options: ConnectOptions, connect: Connector): void {
    let list = this.pending.get(key);
    if (!list) {
      list = [];
      this.pending.set(key, list);
    }
    for (let k = list.length; k < count; k++) list.push(this.connectOne(key, options, connect));
  }

  private connectOne(key: string, options: ConnectOptions, connect: Connector): Promise<Socket | undefined> {
    const entry: Promise<Socket | undefined> = new Promise((resolve) => {
      connect(options, (err, socket) => {
        if (err || !socket) {
          this.forget(key, entry);
          return resolve(undefined);
        }
        const s = socket as Socket;
        this.open.add(s);
        s.once('close', () => this.open.delete(s));
        // Never handed out in time: close it rather than hold a slot on the registry.
        setTimeout(() => {
          if (this.open.delete(s)) s.destroy();
          this.forget(key, entry);
        }, IDLE_CONNECTION_MS).unref();
        resolve(s);
      });
    });
    return entry;
  }

  private forget(key: string, entry: Promise<Socket | undefined>): void {
    const list = this.pending.get(key);
    const at = list?.indexOf(entry) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
  }

  /** A warm socket for `key`, or undefined when none is waiting (or the ones waiting failed or closed). */
  async take(key: string): Promise<Socket | undefined> {
    const list = this.pending.get(key);
    for (let next = list?.shift(); next; next = list?.shift()) {
      const socket = await next;
      // Taken sockets belong to undici now; the idle timer must not close them.
      if (socket && this.open.delete(socket) && usable(socket)) return socket;
    }
    return undefined;
  }

  has(key: string): boolean {
    return (this.pending.get(key)?.length ?? 0) > 0;
  }

  destroyAll(): void {
    for (const s of this.open) s.destroy();
    this.open.clear();
    this.pending.clear();
  }
}

function usable(s: Socket): boolean {
  return !s.destroyed && s.readyState === 'open';
}
