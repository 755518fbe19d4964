import { Readable } from 'node:stream';
import { Agent, buildConnector } from 'undici';
import { StudioError } from '../../../shared/errors';
import type { Body } from './body';
import { dump } from './body';
import { errorCode, transportError } from './errors';
import { socketAddress } from '../net';
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from './retry';
import { Semaphore } from './semaphore';
import type { RetryOptions } from './types';
import { type TlsConfig, TrustedRoots } from './trusted-roots';
import { WarmSockets } from './warm-sockets';
import { IDLE_CONNECTION_MS, TcpSockets } from '../net';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Headers = Record<string, string | string[] | undefined>;

/** What undici's `request` resolves to, as far as we use it. */
interface RawResponse {
  statusCode: number;
  headers: Headers;
  body: Readable;
}

export interface HttpRequest {
  method: Method;
  url: string;
  headers?: Record<string, string>;
  /** Body factory: called again for every attempt, so retries resend the same bytes. */
  body?: () => Uint8Array | AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
  /** Retries on 429/5xx and connection resets (default true). */
  retry?: boolean;
  /** With `retry`, whether connection resets are retried too (default true). */
  retryResets?: boolean;
  /** Follow redirects (default: only for GET/HEAD). */
  followRedirects?: boolean;
  /** Extra connections to open to this origin while the request is in flight (see WarmSockets). */
  preconnect?: number;
  /** With `preconnect`: the scheme is still being probed, so open plain TCP connections either scheme can take. */
  preconnectTcp?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Body;
  /** Final URL after redirects. */
  url: string;
}

export interface TransportOptions {
  userAgent: string;
  timeoutMs: number;
  maxConcurrencyPerHost: number;
  retry: RetryOptions;
  /** What verifying connections trust besides a host's own CAs (default: Node's roots alone). */
  trust?: TrustedRoots;
  /**
   * Plain TCP connections opened before this transport existed (the CLI launcher's, to the registries
   * named on the command line); taken before connecting anew to the same host and port.
   */
  earlySockets?: TcpSockets;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/**
 * HTTP on ONE undici Agent (keep-alive). TLS differs per host, so the Agent's connector looks up a
 * per-host connector built from `setTls`; concurrency is bounded per host; retries and redirects live here.
 */
export class Transport {
  private readonly agent: Agent;
  private readonly tls = new Map<string, TlsConfig>();
  private readonly connectors = new Map<string, buildConnector.connector>();
  private readonly semaphores = new Map<string, Semaphore>();
  private readonly warm = new WarmSockets();
  private readonly tcp = new TcpSockets();
  private readonly early: TcpSockets;
  private readonly trust: TrustedRoots;

  constructor(private readonly opts: TransportOptions) {
    this.trust = opts.trust ?? new TrustedRoots();
    this.early = opts.earlySockets ?? new TcpSockets();
    this.agent = new Agent({
      connect: (o, cb) => this.connect(o, cb),
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      keepAliveTimeout: IDLE_CONNECTION_MS,
    });
  }

  private connect(o: buildConnector.Options, cb: buildConnector.Callback): void {
    const key = connKey(o.hostname, o.port, o.protocol);
    const fresh = (): void => void this.connectorFor(o.hostname, o.port, o.protocol)(o, TRACE ? traceConnect(o, cb) : cb);
    const { port } = socketAddress(o.hostname, o.port, o.protocol);
    // A warm socket is furthest along (its TLS handshake may be done); plain TCP ones next.
    const tcp = [this.tcp, this.early].find((pool) => pool.has(o.hostname, port));
    const plain = (): void => (tcp ? this.connectTcp(tcp, o, port, cb, fresh) : fresh());
    if (!this.warm.has(key)) return plain();
    void this.warm.take(key).then((socket) => {
      if (!socket) return plain();
      if (TRACE) trace(`connect ${o.protocol}//${o.hostname}:${o.port} warm`);
      cb(null, socket);
    });
  }

  /** Uses a plain TCP connection opened ahead (see TcpSockets), upgrading it to TLS for https. */
  private connectTcp(pool: TcpSockets, o: buildConnector.Options, port: number, cb: buildConnector.Callback, fresh: () => void): void {
    void pool.take(o.hostname, port, this.opts.timeoutMs).then((socket) => {
      if (!socket) return fresh();
      if (TRACE) trace(`connect ${o.protocol}//${o.hostname}:${o.port} ${pool === this.tcp ? 'tcp' : 'early'}`);
      if (o.protocol !== 'https:') return cb(null, socket);
      this.connectorFor(o.hostname, o.port, o.protocol)({ ...o, httpSocket: socket }, TRACE ? traceConnect(o, cb) : cb);
    });
  }

  /**
   * Starts `count` connections to `url`'s origin for requests about to follow (see WarmSockets); plain TCP
   * ones when the scheme is still being probed (see TcpSockets). Plain connections already open to that
   * port (the launcher's, or this transport's from the probe) count towards `count`: while the scheme is in
   * doubt they serve as they are; once it is known they are finished here (TLS for https) like new ones.
   */
  private preconnect(u: URL, count: number, tcpOnly: boolean): void {
    const { hostname, port } = socketAddress(u.hostname, u.port, u.protocol);
    if (tcpOnly) return this.tcp.fill({ hostname, port }, count - this.early.count(hostname, port));
    const o = { hostname: u.hostname, host: u.host, protocol: u.protocol, port: u.port };
    const connect = this.connectorFor(u.hostname, u.port, u.protocol);
    const https = u.protocol === 'https:';
    const finish: typeof connect = (opts, cb) => {
      const open = [this.early, this.tcp].find((pool) => pool.has(hostname, port));
      if (!open) return connect(opts, cb);
      void open.take(hostname, port, this.opts.timeoutMs).then((socket) => {
        if (!socket) return connect(opts, cb);
        if (https) return connect({ ...opts, httpSocket: socket }, cb);
        cb(null, socket);
      });
    };
    this.warm.fill(connKey(u.hostname, u.port, u.protocol), count, o, TRACE ? (opts, cb) => finish(opts, traceConnect(opts, cb)) : finish);
  }

  /** Registers TLS settings for `host:port`; must happen before the first https request to it. */
  setTls(hostname: string, port: string, config: TlsConfig): void {
    const key = connKey(hostname, port, 'https:');
    this.tls.set(key, config);
    this.connectors.delete(key);
  }

  hasTls(hostname: string, port: string): boolean {
    return this.tls.has(connKey(hostname, port, 'https:'));
  }

  private connectorFor(hostname: string, port: string, protocol: string): buildConnector.connector {
    const key = connKey(hostname, port, protocol);
    let c = this.connectors.get(key);
    if (!c) {
      // Unknown hosts (a redirect to blob storage) get default, verifying TLS.
      const t = this.tls.get(key) ?? { rejectUnauthorized: true };
      let secureContext;
      try {
        // One context per host (or one shared), not per connection: given `ca`, Node parses every root
        // certificate again for each new context, which serialised a list's twelve warm-up handshakes.
        secureContext = protocol === 'https:' ? this.trust.context(t) : undefined;
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        return (_o, cb) => cb(error, null);
      }
      c = buildConnector({
        timeout: this.opts.timeoutMs,
        rejectUnauthorized: t.rejectUnauthorized,
        ...(secureContext ? { secureContext } : {}),
      });
      this.connectors.set(key, c);
    }
    return c;
  }

  /** Sends a request with retries and redirects; the caller owns (and must consume or dump) the body. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const attempts = req.retry === false ? 1 : Math.max(1, this.opts.retry.attempts);
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.sendFollowing(req);
      } catch (e) {
        const reset = req.retryResets !== false && isResetError(e) && (req.method === 'GET' || req.method === 'HEAD');
        if (!reset || attempt >= attempts || req.signal?.aborted) throw transportError(e, req.url, req.signal);
        await sleep(backoffDelay(attempt, this.opts.retry.maxDelayMs), req.signal);
        continue;
      }
      if (!isRetryableStatus(res.status, req.method) || attempt >= attempts) return res;
      await dump(res.body);
      const header = single(res.headers['retry-after']);
      const wait = parseRetryAfter(header) ?? backoffDelay(attempt, this.opts.retry.maxDelayMs);
      await sleep(Math.min(wait, this.opts.retry.maxDelayMs), req.signal);
    }
  }

  private async sendFollowing(req: HttpRequest): Promise<HttpResponse> {
    const follow = req.followRedirects ?? (req.method === 'GET' || req.method === 'HEAD');
    const origin = new URL(req.url);
    let url = req.url;
    let headers = { ...req.headers };
    for (let hop = 0; ; hop++) {
      const res = await this.once(req, url, headers);
      const location = single(res.headers['location']);
      if (!follow || !REDIRECTS.has(res.status) || location === undefined) return res;
      await dump(res.body);
      if (hop >= MAX_REDIRECTS) {
        throw new StudioError('REGISTRY_ERROR', `too many redirects fetching ${req.url}`);
      }
      const next = new URL(location, url);
      // Credentials belong to the registry: never hand them to blob storage or any other host.
      if (next.host !== origin.host || next.protocol !== origin.protocol) {
        headers = withoutAuthorization(headers);
      }
      url = next.toString();
    }
  }

  private async once(req: HttpRequest, url: string, headers: Record<string, string>): Promise<HttpResponse> {
    const u = new URL(url);
    // undici hands a keep-alive connection back in a setImmediate after its response ends, while a caller
    // that read that body runs on in microtasks: a request sent before then opens a new connection (a
    // round trip lost). One turn of the event loop lets it reuse the one just freed.
    await new Promise((resolve) => setImmediate(resolve));
    const release = await this.semaphore(u.host).acquire(req.signal);
    try {
      const sent = { 'user-agent': this.opts.userAgent, ...headers };
      const started = TRACE ? performance.now() : 0;
      if (req.preconnect) this.preconnect(u, req.preconnect, req.preconnectTcp === true);
      const res = await this.request(req, u, sent);
      if (TRACE) trace(`${req.method} ${url} -> ${res.statusCode} (${(performance.now() - started).toFixed(0)} ms)`);
      // The permit is held until the body is finished, so a streaming download counts against the bound.
      res.body.once('close', release);
      res.body.once('error', release);
      if (req.method === 'HEAD') void dump(res.body);
      return { status: res.statusCode, headers: res.headers, body: res.body, url };
    } catch (e) {
      release();
      throw e;
    }
  }

  private request(req: HttpRequest, u: URL, headers: Record<string, string>): Promise<RawResponse> {
    const raw = req.body?.();
    const body = raw === undefined ? undefined : raw instanceof Uint8Array ? raw : Readable.from(raw, { objectMode: false });
    return this.agent.request({
      origin: u.origin,
      path: u.pathname + u.search,
      method: req.method,
      headers,
      body: body ?? null,
      signal: req.signal ?? null,
    });
  }

  private semaphore(host: string): Semaphore {
    let s = this.semaphores.get(host);
    if (!s) {
      s = new Semaphore(this.opts.maxConcurrencyPerHost);
      this.semaphores.set(host, s);
    }
    return s;
  }

  /**
   * Ends the client. Callers close only after their requests are done, so there is nothing to wait for:
   * destroying skips the graceful FIN exchange, which costs a round trip per socket on slow links.
   */
  async close(): Promise<void> {
    if (TRACE) trace('close');
    this.warm.destroyAll();
    this.tcp.destroyAll();
    this.early.destroyAll();
    await this.agent.destroy();
    if (TRACE) trace('closed');
  }
}

/** `MANIFEST_STUDIO_TRACE=1` prints every request (never its headers) to stderr, for diagnosing slow or failing registries. */
const TRACE = process.env.MANIFEST_STUDIO_TRACE === '1';
if (TRACE) {
  trace('registry client loaded');
  process.once('exit', () => trace('exit'));
}
function trace(line: string): void {
  // Milliseconds since the process started, so startup cost shows up as the first timestamp.
  process.stderr.write(`[${performance.now().toFixed(0).padStart(5)} ms] ${line}\n`);
}

/** Wraps a connect callback to trace how long each new connection took (reuse shows as no line). */
function traceConnect(o: buildConnector.Options, cb: buildConnector.Callback): buildConnector.Callback {
  const started = performance.now();
  return (...args: Parameters<buildConnector.Callback>) => {
    const err = args[0];
    trace(`connect ${o.protocol}//${o.hostname}:${o.port} ${err ? `failed: ${err.message}` : 'ok'} (${(performance.now() - started).toFixed(0)} ms)`);
    cb(...args);
  };
}

export function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'authorization') out[k] = v;
  return out;
}

function isResetError(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}

/** Connector key: protocol, bare hostname (no IPv6 brackets), explicit port. */
export function connKey(hostname: string, port: string, protocol: string): string {
  const a = socketAddress(hostname, port, protocol);
  return `${protocol}//${a.hostname.toLowerCase()}:${a.port}`;
}
