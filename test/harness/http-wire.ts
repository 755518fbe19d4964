/**
 * A passive HTTP/1.1 observer for one TCP connection: fed the bytes of both directions as they pass a
 * proxy, it records each request (method, target, authorization scheme) and the status of its answer.
 * It never changes or holds the bytes; anything it cannot follow (TLS, HTTP/2, a malformed head) makes it
 * stop recording for that connection rather than guess.
 */

/** One request seen on the wire, with the status of its answer once that arrives. */
export interface WireExchange {
  /** 1-based number of the connection within its proxy. */
  connection: number;
  method: string;
  /** The request target as sent, e.g. `/v2/test/multi/manifests/latest?x=1`. */
  target: string;
  /** Scheme of the Authorization header (`basic`, `bearer`), or undefined when none was sent. */
  auth: string | undefined;
  /** Undefined while (or if never) answered. Interim 1xx answers are skipped. */
  status: number | undefined;
}

const MAX_HEAD_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

interface Head {
  startLine: string;
  headers: Map<string, string>;
}

function parseHead(raw: string): Head | undefined {
  const lines = raw.split('\r\n');
  const startLine = lines.shift();
  if (!startLine) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    // Repeated headers are joined, as RFC 9110 allows for list-valued ones; the ones read here never repeat.
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { startLine, headers };
}

/** How the body after a head is delimited (RFC 9112 §6.3). */
type Framing = { kind: 'length'; bytes: number } | { kind: 'chunked' } | { kind: 'close' };

function framingOf(headers: Map<string, string>, bodyless: boolean, untilCloseDefault: boolean): Framing {
  if (bodyless) return { kind: 'length', bytes: 0 };
  if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) return { kind: 'chunked' };
  const length = headers.get('content-length');
  if (length !== undefined && /^\d+$/.test(length)) return { kind: 'length', bytes: Number(length) };
  return untilCloseDefault ? { kind: 'close' } : { kind: 'length', bytes: 0 };
}

/**
 * Splits one direction's byte stream into heads and bodies. Bodies are skipped by counting, not copied,
 * so a large blob costs almost nothing to observe.
 */
class MessageStream {
  private pending: Buffer = Buffer.alloc(0);
  private state: 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'rest' | 'broken' = 'head';
  private left = 0;

  constructor(
    /** Called for each head; returns how its body is framed, or undefined to stop following the stream. */
    private readonly onHead: (head: Head) => Framing | undefined,
  ) {}

  push(chunk: Buffer): void {
    let data = chunk;
    while (data.length > 0 && this.state !== 'broken' && this.state !== 'rest') {
      data = this.step(data);
    }
  }

  /** Consumes what it can of `data` in the current state; returns the unconsumed rest. */
  private step(data: Buffer): Buffer {
    switch (this.state) {
      case 'head':
        return this.takeLine(data, HEAD_END, (raw) => this.startBody(raw));
      case 'body':
        return this.skip(data, () => { this.state = 'head'; });
      case 'chunk-data':
        return this.skip(data, () => { this.state = 'chunk-crlf'; this.left = CRLF.length; });
      case 'chunk-crlf':
        return this.skip(data, () => { this.state = 'chunk-size'; });
      case 'chunk-size':
        return this.takeLine(data, CRLF, (line) => this.startChunk(line));
      case 'trailers':
        return this.takeLine(data, CRLF, (line) => { if (line === '') this.state = 'head'; });
      default:
        return Buffer.alloc(0);
    }
  }

  /** Accumulates up to `end`, then hands the text before it to `done`. */
  private takeLine(data: Buffer, end: Buffer, done: (text: string) => void): Buffer {
    const joined = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    const at = joined.indexOf(end);
    if (at < 0) {
      if (joined.length > MAX_HEAD_BYTES) this.state = 'broken';
      else this.pending = Buffer.from(joined);
      return Buffer.alloc(0);
    }
    this.pending = Buffer.alloc(0);
    done(joined.subarray(0, at).toString('latin1'));
    return joined.subarray(at + end.length);
  }

  private skip(data: Buffer, done: () => void): Buffer {
    const n = Math.min(this.left, data.length);
    this.left -= n;
    if (this.left === 0) done();
    return data.subarray(n);
  }

  private startBody(raw: string): void {
    const head = parseHead(raw);
    const framing = head ? this.onHead(head) : undefined;
    if (!framing) this.state = 'broken';
    else if (framing.kind === 'close') this.state = 'rest';
    else if (framing.kind === 'chunked') this.state = 'chunk-size';
    else if (framing.bytes > 0) { this.state = 'body'; this.left = framing.bytes; }
  }

  private startChunk(line: string): void {
    const size = Number.parseInt(line.split(';')[0] ?? '', 16);
    if (Number.isNaN(size)) this.state = 'broken';
    else if (size === 0) this.state = 'trailers';
    else { this.state = 'chunk-data'; this.left = size; }
  }
}

const REQUEST_LINE = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/;
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: |$)/;
const TLS_HANDSHAKE = 0x16;

/** Observes one proxied connection; feed it `fromClient` and `fromServer` chunks in arrival order. */
export class HttpConnectionObserver {
  /** True once the client's first byte showed a TLS handshake (nothing more is recorded then). */
  tls = false;
  /** False while the client has sent nothing (an early connection never used, so far). */
  started = false;
  private readonly awaiting: WireExchange[] = [];
  private readonly requests: MessageStream;
  private readonly responses: MessageStream;

  /** `parse` false: only `started` and `tls` are tracked, from the first byte; no request is recorded. */
  constructor(
    private readonly connection: number,
    private readonly record: (e: WireExchange) => void,
    private readonly parse = true,
  ) {
    this.requests = new MessageStream((head) => this.onRequest(head));
    this.responses = new MessageStream((head) => this.onResponse(head));
  }

  fromClient(chunk: Buffer): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      this.tls = chunk[0] === TLS_HANDSHAKE;
    }
    if (this.parse && !this.tls) this.requests.push(chunk);
  }

  fromServer(chunk: Buffer): void {
    if (this.parse && !this.tls) this.responses.push(chunk);
  }

  private onRequest(head: Head): Framing | undefined {
    const m = REQUEST_LINE.exec(head.startLine);
    if (!m) return undefined;
    const auth = head.headers.get('authorization')?.split(' ')[0]?.toLowerCase();
    const exchange: WireExchange = { connection: this.connection, method: m[1] ?? '', target: m[2] ?? '', auth, status: undefined };
    this.awaiting.push(exchange);
    this.record(exchange);
    return framingOf(head.headers, false, false);
  }

  private onResponse(head: Head): Framing | undefined {
    const m = STATUS_LINE.exec(head.startLine);
    if (!m) return undefined;
    const status = Number(m[1]);
    // An interim answer (100 Continue) precedes the real one for the same request.
    if (status < 200) return { kind: 'length', bytes: 0 };
    const exchange = this.awaiting.shift();
    if (exchange) exchange.status = status;
    const bodyless = exchange?.method === 'HEAD' || status === 204 || status === 304;
    return framingOf(head.headers, bodyless, true);
  }
}
