import { type Socket, connect, isIP } from 'node:net';
import { type EarlyAnswer, exchange, requestBytes } from './early-http';
import { socketAddress } from './hosts';
import { Semaphore } from './semaphore';
import { IDLE_CONNECTION_MS, type TcpSockets, launcherSockets } from './tcp-sockets';
import { TrustedRoots } from './trusted-roots';
import { DEFAULT_CONCURRENCY_PER_HOST } from './types';

/**
 * A request sent before the code that would send it has loaded. The CLI launcher knows from the command
 * line alone what the first read of `inspect REF` will be, so it sends that GET (anonymous, as the real
 * first request to a registry is) while the main bundle loads, over a minimal HTTP/1.1 of its own (see
 * early-http.ts), and from each answer the reads that follow it (a list's children, an image's config:
 * see electron/cli/early.ts). When the registry client then sends a request identical in method, URL and
 * headers, it takes this answer instead of asking again; anything else, and any failure here, falls back to
 * sending it for real. So a guess that is wrong costs one unused request, never a different result.
 */

/** An answer read ahead: status, headers (lower-case names, repeats as arrays) and exact body. */
export type Prefetched = EarlyAnswer;

export interface SpeculativeGet {
  url: string;
  /** Exactly the headers the real request will carry (lower-case names). */
  headers: Record<string, string>;
  /** Bodies larger than this are not kept (the real request then meets the limit itself). */
  maxBytes: number;
  timeoutMs: number;
}

export interface SpeculationOptions {
  /** Connections opened ahead (the launcher's pool), used before connecting anew. */
  sockets?: TcpSockets;
  /** Connections per host at most (default: the registry client's own bound). */
  maxSocketsPerHost?: number;
  /** What https reads trust (default: Node's roots). */
  trust?: TrustedRoots;
}

export class Speculations {
  private readonly pending = new Map<string, Promise<Prefetched | undefined>>();
  /** Connections between reads, by origin: a read that follows another goes out on its connection. */
  private readonly idle = new Map<string, { socket: Socket; unpark: () => void }[]>();
  private readonly slots = new Map<string, Semaphore>();

  constructor(private readonly opts: SpeculationOptions = {}) {}

  /**
   * Sends `req` (once: starting the same request again returns the same answer). The result never
   * rejects: undefined when there is no usable answer. Follow-up reads chain on it.
   */
  start(req: SpeculativeGet): Promise<Prefetched | undefined> {
    const key = requestKey('GET', req.url, req.headers);
    let answer = this.pending.get(key);
    if (!answer) {
      answer = this.send(req);
      this.pending.set(key, answer);
    }
    // Unclaimed answers are simply dropped when the process ends.
    return answer.catch(() => undefined);
  }

  /**
   * The prefetched answer to exactly this request, once it has arrived; undefined when there is none or it
   * failed (the caller then sends the request itself). Two failures are the caller's own answer instead,
   * as asking again could only repeat them: a registry silent for the whole timeout (an `ETIMEDOUT`
   * error), and a port that does not speak TLS at all (no TLS setting changes that). Each answer is
   * handed out once.
   */
  async take(method: string, url: string, headers: Record<string, string>): Promise<Prefetched | undefined> {
    const key = requestKey(method, url, headers);
    const answer = this.pending.get(key);
    if (!answer) return undefined;
    this.pending.delete(key);
    const taken = await answer.catch((e: unknown) => {
      if (e instanceof SpeculationTimeout || notTls(e)) throw e;
      return undefined;
    });
    // Handed over on a later turn of the event loop. The reads chained on this answer (a list's children,
    // an image's config: see early.ts) reach their sockets a few promise callbacks (or, over Node's own
    // client, a tick) later, and this caller's work on the answer would otherwise come first. Measured:
    // that work held a list's 12 child requests back by about 6 ms, and the last config request by 14.
    await new Promise((resolve) => setImmediate(resolve));
    return taken;
  }

  has(method: string, url: string, headers: Record<string, string>): boolean {
    return this.pending.has(requestKey(method, url, headers));
  }

  /** Closes the connections kept open for more early reads. */
  close(): void {
    for (const list of this.idle.values()) for (const { socket } of list.splice(0)) socket.destroy();
  }

  private async send(req: SpeculativeGet): Promise<Prefetched | undefined> {
    const u = new URL(req.url);
    const https = u.protocol === 'https:';
    const { hostname, port } = socketAddress(u.hostname, u.port, u.protocol);
    const origin = `${u.protocol}//${hostname}:${port}`;
    const request = requestBytes(u, req.headers);
    // As many at once as the registry client would allow; the rest wait for a connection to come free.
    const slots = this.slots.get(origin) ?? new Semaphore(this.opts.maxSocketsPerHost ?? DEFAULT_CONCURRENCY_PER_HOST);
    this.slots.set(origin, slots);
    const release = await slots.acquire();
    let socket: Socket | undefined;
    try {
      socket = this.unpark(origin) ?? this.connect(https, hostname, port);
      socket.ref();
      const { answer, reusable } = await exchange(socket, request, req.maxBytes, req.timeoutMs, () => new SpeculationTimeout(req.timeoutMs));
      if (reusable) this.park(origin, socket);
      else socket.destroy();
      return answer;
    } catch (e) {
      socket?.destroy();
      throw e;
    } finally {
      release();
    }
  }

  /** A connection opened ahead (the launcher's pool) if one is waiting, else a new one; TLS for https. */
  private connect(https: boolean, hostname: string, port: number): Socket {
    // A late 'error' (after an exchange settled and let go of its listeners) must not end the process: the
    // exchange reports errors while it runs, and a failed idle connection is simply dropped.
    const plain = (this.opts.sockets?.takeNow(hostname, port) ?? connect({ host: hostname, port }).setNoDelay(true)).on('error', ignore);
    if (!https) return plain;
    // Loaded on first use: the launcher's own start-up is on the critical path, and a plain-HTTP read needs
    // no TLS. Verified against the roots every registry gets (with NODE_EXTRA_CA_CERTS, see TrustedRoots); a
    // registry that needs a CA of its own fails here and is asked again by the registry client.
    const secureContext = this.opts.trust?.context({ rejectUnauthorized: true });
    return process.getBuiltinModule('node:tls').connect({ socket: plain, host: hostname, ...tlsNames(hostname), ...(secureContext ? { secureContext } : {}) }).on('error', ignore);
  }

  /** Keeps a connection for the next read to its origin; unref'd and closed when idle, as an Agent would. */
  private park(origin: string, socket: Socket): void {
    const list = this.idle.get(origin) ?? [];
    this.idle.set(origin, list);
    const drop = (): void => {
      const at = list.findIndex((e) => e.socket === socket);
      if (at >= 0) list.splice(at, 1);
      socket.destroy();
    };
    const unpark = (): void => {
      socket.off('error', drop).off('close', drop).off('timeout', drop);
      socket.setTimeout(0);
    };
    list.push({ socket, unpark });
    // Paused, so anything the registry sends unasked (a 408 before it closes an idle connection) stays
    // buffered and keeps the connection from being used again, instead of passing for the next answer.
    socket.pause();
    socket.unref();
    socket.setTimeout(IDLE_CONNECTION_MS);
    socket.once('error', drop).once('close', drop).once('timeout', drop);
  }

  private unpark(origin: string): Socket | undefined {
    for (let entry = this.idle.get(origin)?.pop(); entry; entry = this.idle.get(origin)?.pop()) {
      entry.unpark();
      if (entry.socket.readableLength === 0 && !entry.socket.destroyed) return entry.socket;
      entry.socket.destroy();
    }
    return undefined;
  }
}

/**
 * A peer that answered the TLS handshake with something else (plain HTTP, mostly). Node reports it as
 * `EPROTO` with OpenSSL's reason in the message, or with the reason as the code; other `EPROTO` failures
 * (a refused client certificate, say) may depend on TLS settings and are not this.
 */
function notTls(e: unknown): boolean {
  if (!(e instanceof Error) || !('code' in e) || typeof e.code !== 'string') return false;
  const reason = /wrong version number|packet length too long|http request/i;
  return (e.code === 'EPROTO' && reason.test(e.message)) || reason.test(e.code.replace(/^ERR_SSL_/, '').replace(/_/g, ' '));
}

const LAUNCHER = Symbol.for('manifest-studio.launcher-speculations');

/**
 * The launcher's speculations, handed to the main bundle on a process-wide symbol (see TcpSockets). They
 * go out on the launcher's connections, as many at once as the registry client would allow.
 */
export function launcherSpeculations(): Speculations {
  const g = globalThis as { [LAUNCHER]?: Speculations };
  g[LAUNCHER] ??= new Speculations({ sockets: launcherSockets(), trust: new TrustedRoots(process.env.MANIFEST_STUDIO_EXTRA_CA_CERTS || undefined) });
  return g[LAUNCHER];
}

const ignore = (): void => undefined;

function requestKey(method: string, url: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers)
    .map(([k, v]) => `${k.toLowerCase()}: ${v}`)
    .sort();
  return `${method} ${url}\n${lines.join('\n')}`;
}

/** SNI (never for an IP address) and HTTP/1.1, as the registry client's own connections have them. */
function tlsNames(hostname: string): { servername?: string; ALPNProtocols: string[] } {
  return { ...(isIP(hostname) ? {} : { servername: hostname }), ALPNProtocols: ['http/1.1'] };
}

/** No byte from the registry for the whole timeout; `code` as Node's own socket timeouts have it. */
class SpeculationTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no answer for ${ms} ms`);
  }
}
