import type { Agent, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { socketAddress } from './hosts';
import { IDLE_CONNECTION_MS, type TcpSockets, launcherSockets } from './tcp-sockets';
import { DEFAULT_CONCURRENCY_PER_HOST } from './types';

/**
 * A request sent before the code that would send it has loaded. The CLI launcher knows from the command
 * line alone what the first read of `inspect REF` will be, so it sends that GET (anonymous, as the real
 * first request to a registry is) while the main bundle loads, with Node's own HTTP client, and from each
 * answer the reads that follow it (a list's children, an image's config: see electron/cli/early.ts).
 * When the registry client then sends a request identical in method, URL and headers, it takes this
 * answer instead of asking again; anything else, and any failure here, falls back to sending it for real.
 * So a guess that is wrong costs one unused request, never a different result.
 */

export interface Prefetched {
  status: number;
  /** Lower-case names; a repeated header is an array, as undici gives it. */
  headers: Record<string, string | string[]>;
  body: Uint8Array;
}

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
}

type Scheme = 'http:' | 'https:';

export class Speculations {
  private readonly pending = new Map<string, Promise<Prefetched | undefined>>();
  /** Keep-alive agents, one per scheme: a read that follows another goes out on its connection. */
  private readonly agents = new Map<Scheme, Agent>();

  constructor(private readonly opts: SpeculationOptions = {}) {}

  /**
   * Sends `req` (once: starting the same request again returns the same answer). The result never
   * rejects: undefined when there is no usable answer. Follow-up reads chain on it.
   */
  start(req: SpeculativeGet): Promise<Prefetched | undefined> {
    const key = requestKey('GET', req.url, req.headers);
    let answer = this.pending.get(key);
    if (!answer) {
      answer = send(req, this.agent(req.url.startsWith('https:') ? 'https:' : 'http:'));
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
    // an image's config: see early.ts) only reach their sockets on the next tick, which comes after every
    // promise callback, this caller's work on the answer included. Measured: that work held a list's 12
    // child requests back by about 6 ms, and the last config request by 14.
    await new Promise((resolve) => setImmediate(resolve));
    return taken;
  }

  has(method: string, url: string, headers: Record<string, string>): boolean {
    return this.pending.has(requestKey(method, url, headers));
  }

  /** Closes the connections kept open for more early reads. */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agent(scheme: Scheme): Agent {
    const existing = this.agents.get(scheme);
    if (existing) return existing;
    // Loaded on first use: the launcher's own start-up is on the critical path, and a plain-HTTP read
    // needs neither TLS nor the https module.
    const { Agent } = process.getBuiltinModule(scheme === 'https:' ? 'node:https' : 'node:http');
    const maxSockets = this.opts.maxSocketsPerHost ?? DEFAULT_CONCURRENCY_PER_HOST;
    const agent = new Agent({ keepAlive: true, maxSockets, timeout: IDLE_CONNECTION_MS });
    const connect = agent.createConnection.bind(agent);
    // A connection opened ahead is used first; for https it is wrapped in TLS here (default verification:
    // a registry that needs a custom CA fails and is asked again by the registry client with its settings).
    agent.createConnection = (options, callback) => {
      const { hostname, port } = socketAddress(options.host ?? '', String(options.port ?? ''), scheme);
      const socket = this.opts.sockets?.takeNow(hostname, port);
      if (!socket) return connect(options, callback);
      // It belongs to a request now; the agent unrefs it again while it waits for the next one.
      socket.ref();
      if (scheme === 'http:') return socket;
      return process.getBuiltinModule('node:tls').connect({ socket, host: hostname, ...tlsNames(hostname) });
    };
    this.agents.set(scheme, agent);
    return agent;
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
  g[LAUNCHER] ??= new Speculations({ sockets: launcherSockets() });
  return g[LAUNCHER];
}

function requestKey(method: string, url: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers)
    .map(([k, v]) => `${k.toLowerCase()}: ${v}`)
    .sort();
  return `${method} ${url}\n${lines.join('\n')}`;
}

function send(req: SpeculativeGet, agent: Agent): Promise<Prefetched | undefined> {
  const u = new URL(req.url);
  const { request } = process.getBuiltinModule(u.protocol === 'https:' ? 'node:https' : 'node:http');
  return new Promise((resolve, rejectWith) => {
    // However the failure surfaces (request error, aborted response), a timeout is reported as one.
    let timedOut = false;
    const reject = (e: unknown): void => rejectWith(timedOut ? new SpeculationTimeout(req.timeoutMs) : e);
    const { hostname, port } = socketAddress(u.hostname, u.port, u.protocol);
    const r = request(
      {
        method: 'GET',
        host: hostname,
        port,
        path: u.pathname + u.search,
        headers: req.headers,
        agent,
        timeout: req.timeoutMs,
        ...(u.protocol === 'https:' ? tlsNames(hostname) : {}),
      },
      (res) => readAll(res, req.maxBytes).then(resolve, reject),
    );
    r.on('timeout', () => {
      timedOut = true;
      r.destroy(new SpeculationTimeout(req.timeoutMs));
    });
    r.on('error', reject);
    r.end();
  });
}

/** SNI (never for an IP address) and HTTP/1.1, as the registry client's own connections have them. */
function tlsNames(hostname: string): { servername?: string; ALPNProtocols: string[] } {
  return { ...(isIP(hostname) ? {} : { servername: hostname }), ALPNProtocols: ['http/1.1'] };
}

function readAll(res: IncomingMessage, maxBytes: number): Promise<Prefetched | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    res.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        res.destroy();
        return resolve(undefined);
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, values] of Object.entries(res.headersDistinct)) {
        if (values) headers[name] = values.length === 1 ? (values[0] as string) : values;
      }
      resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks, total) });
    });
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('speculative response aborted')));
  });
}

/** No byte from the registry for the whole timeout; `code` as Node's own socket timeouts have it. */
class SpeculationTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no answer for ${ms} ms`);
  }
}
