import type { IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { socketAddress } from './hosts';

/**
 * A request sent before the code that would send it has loaded. The CLI launcher knows from the command
 * line alone what the first read of `inspect REF` will be, so it sends that GET (anonymous, as the real
 * first request to a registry is) while the main bundle loads, with Node's own HTTP client. When the
 * registry client then sends a request identical in method, URL and headers, it takes this answer instead
 * of asking again; anything else, and any failure here, falls back to sending it for real. So a guess
 * that is wrong costs one unused request, never a different result.
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

export class Speculations {
  private readonly pending = new Map<string, Promise<Prefetched | undefined>>();

  /** Sends `req` on `socket` (a plain TCP connection, upgraded here for https) or on a new connection. */
  start(req: SpeculativeGet, socket?: Socket): void {
    const key = requestKey('GET', req.url, req.headers);
    if (this.pending.has(key)) return;
    const answer = send(req, socket);
    // Unclaimed answers are simply dropped when the process ends.
    answer.catch(() => undefined);
    this.pending.set(key, answer);
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
    return answer.catch((e: unknown) => {
      if (e instanceof SpeculationTimeout || notTls(e)) throw e;
      return undefined;
    });
  }

  has(method: string, url: string, headers: Record<string, string>): boolean {
    return this.pending.has(requestKey(method, url, headers));
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

/** The launcher's speculations, handed to the main bundle on a process-wide symbol (see TcpSockets). */
export function launcherSpeculations(): Speculations {
  const g = globalThis as { [LAUNCHER]?: Speculations };
  g[LAUNCHER] ??= new Speculations();
  return g[LAUNCHER];
}

function requestKey(method: string, url: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers)
    .map(([k, v]) => `${k.toLowerCase()}: ${v}`)
    .sort();
  return `${method} ${url}\n${lines.join('\n')}`;
}

async function send(req: SpeculativeGet, socket: Socket | undefined): Promise<Prefetched | undefined> {
  const https = req.url.startsWith('https:');
  // Loaded on demand: the launcher's own start-up is on the critical path, and a plain-HTTP read needs
  // neither TLS nor the https module.
  const { request } = https ? await import('node:https') : await import('node:http');
  const tlsConnect = https ? (await import('node:tls')).connect : undefined;
  return new Promise((resolve, rejectWith) => {
    // However the failure surfaces (request error, aborted response), a timeout is reported as one.
    let timedOut = false;
    const reject = (e: unknown): void => rejectWith(timedOut ? new SpeculationTimeout(req.timeoutMs) : e);
    const u = new URL(req.url);
    const { hostname, port } = socketAddress(u.hostname, u.port, u.protocol);
    // Default TLS verification: a registry that needs a custom CA fails here and is asked again by the
    // registry client with its own settings.
    const tlsOptions = { host: hostname, port, ...(isIP(hostname) ? {} : { servername: hostname }), ALPNProtocols: ['http/1.1'] };
    const createConnection = socket ? () => (tlsConnect ? tlsConnect({ ...tlsOptions, socket }) : socket) : undefined;
    const r = request(
      {
        method: 'GET',
        host: hostname,
        port,
        path: u.pathname + u.search,
        headers: req.headers,
        agent: false,
        timeout: req.timeoutMs,
        ...(createConnection ? { createConnection } : https ? tlsOptions : {}),
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
