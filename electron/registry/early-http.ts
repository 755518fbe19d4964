import type { Socket } from 'node:net';

/**
 * The few bytes of HTTP/1.1 the launcher's early reads need (see Speculations): one GET at a time on a
 * connection, and an answer only when it is plainly complete. Node's own client costs the launcher about
 * 0.5 ms per request and response in code that has not run before, and a list's twelve children and
 * twelve configs wait on that one by one. Anything this does not handle (a body that runs until the
 * connection closes, informational answers, folded headers) is "no answer": the registry client then asks
 * for itself.
 */

export interface EarlyAnswer {
  status: number;
  /** Lower-case names; a repeated header is an array, as undici gives it. */
  headers: Record<string, string | string[]>;
  body: Uint8Array;
}

export interface ExchangeResult {
  /** Undefined when the response is one this reader does not take (see above). */
  answer: EarlyAnswer | undefined;
  /** Whether the connection may carry the next request (complete response, no `Connection: close`). */
  reusable: boolean;
}

/** More header bytes than any registry sends: past this the response is not taken. */
const MAX_HEADER_BYTES = 64 * 1024;

/** The request's bytes; throws on a header that could split it (never the case for our own headers). */
export function requestBytes(url: URL, headers: Record<string, string>): string {
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n:]/.test(name) || /[\r\n]/.test(value)) throw new Error(`unsafe header ${JSON.stringify(name)}`);
    lines.push(`${name}: ${value}`);
  }
  lines.push('connection: keep-alive', '', '');
  return lines.join('\r\n');
}

/**
 * Sends `request` on `socket` and reads one response. Rejects with the socket's error (a TLS failure keeps
 * its code), or with `onTimeout()` when nothing arrives for `timeoutMs`.
 */
export function exchange(socket: Socket, request: string, maxBytes: number, timeoutMs: number, onTimeout: () => Error): Promise<ExchangeResult> {
  return new Promise((resolve, reject) => {
    const reader = new ResponseReader(maxBytes);
    const finish = (settle: () => void): void => {
      socket.off('data', onData).off('error', onError).off('close', onClose).off('timeout', onIdle);
      socket.setTimeout(0);
      settle();
    };
    const onData = (chunk: Buffer): void => {
      const result = reader.push(chunk);
      if (result) finish(() => resolve(result));
    };
    const onError = (e: Error): void => finish(() => reject(e));
    const onClose = (): void => finish(() => reject(Object.assign(new Error('connection closed before the response was complete'), { code: 'ECONNRESET' })));
    const onIdle = (): void => finish(() => reject(onTimeout()));
    socket.on('data', onData).once('error', onError).once('close', onClose).once('timeout', onIdle);
    socket.setTimeout(timeoutMs);
    // A connection kept between reads is paused (see Speculations.park).
    socket.resume();
    socket.write(request);
  });
}

/** Reads one response from the chunks pushed into it; `push` returns the result once there is one. */
export class ResponseReader {
  private head: Buffer = Buffer.alloc(0);
  private status = 0;
  private headers: Record<string, string | string[]> | undefined;
  private keepAlive = false;
  private body: BodyReader | undefined;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): ExchangeResult | undefined {
    if (!this.body) {
      this.head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) return this.head.length > MAX_HEADER_BYTES ? refused : undefined;
      const body = this.parseHead(this.head.toString('latin1', 0, end));
      if (!body) return refused;
      this.body = body;
      chunk = this.head.subarray(end + 4);
    }
    const state = this.body.push(chunk);
    if (state === 'more') return undefined;
    if (state === 'bad') return refused;
    return { answer: { status: this.status, headers: this.headers ?? {}, body: this.body.bytes() }, reusable: this.keepAlive };
  }

  /** Parses the status line and headers into the reader of the body that follows; undefined: not taken. */
  private parseHead(text: string): BodyReader | undefined {
    const lines = text.split('\r\n');
    const status = /^HTTP\/1\.([01]) ([2-5]\d\d)(?: |$)/.exec(lines[0] ?? '');
    if (!status) return undefined;
    const headers: Record<string, string | string[]> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      // A folded or nameless line: legal once, rare now, and not worth a second parser.
      if (colon <= 0 || /^[ \t]/.test(line)) return undefined;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      const seen = headers[name];
      headers[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    this.status = Number(status[2]);
    this.headers = headers;
    const connection = headers['connection'];
    this.keepAlive = status[1] === '1' && !(typeof connection === 'string' && /(^|,)\s*close\s*(,|$)/i.test(connection));
    const encoding = headers['transfer-encoding'];
    const length = headers['content-length'];
    if (encoding !== undefined) return typeof encoding === 'string' && encoding.toLowerCase() === 'chunked' ? new ChunkedBody(this.maxBytes) : undefined;
    if (length === undefined) {
      // Only these may end without a length; any other unbounded body is read until close: not taken.
      return this.status === 204 || this.status === 304 ? new LengthBody(0) : undefined;
    }
    if (typeof length !== 'string' || !/^\d{1,15}$/.test(length) || Number(length) > this.maxBytes) return undefined;
    return new LengthBody(Number(length));
  }
}

type BodyState = 'more' | 'done' | 'bad';

interface BodyReader {
  push(chunk: Buffer): BodyState;
  bytes(): Buffer;
}

/** `Content-Length` bytes exactly: more than announced puts the connection out of step (not taken). */
class LengthBody implements BodyReader {
  private readonly parts: Buffer[] = [];
  private received = 0;

  constructor(private readonly length: number) {}

  push(chunk: Buffer): BodyState {
    this.parts.push(chunk);
    this.received += chunk.length;
    if (this.received > this.length) return 'bad';
    return this.received === this.length ? 'done' : 'more';
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts, this.received);
  }
}

/** `Transfer-Encoding: chunked`, decoded as it arrives; trailers are read and dropped. */
class ChunkedBody implements BodyReader {
  private readonly parts: Buffer[] = [];
  private size = 0;
  private pending: Buffer = Buffer.alloc(0);
  private state: 'size' | 'data' | 'data-end' | 'trailer' = 'size';
  private remaining = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): BodyState {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, this.pending.length);
        if (take === 0) return 'more';
        this.parts.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const eol = this.pending.indexOf('\r\n');
      if (eol < 0) return this.pending.length > 1024 ? 'bad' : 'more';
      const line = this.pending.toString('latin1', 0, eol);
      this.pending = this.pending.subarray(eol + 2);
      if (this.state === 'data-end') {
        if (line !== '') return 'bad';
        this.state = 'size';
      } else if (this.state === 'size') {
        const hex = /^([0-9a-fA-F]{1,8})(?:[ \t]*;.*)?$/.exec(line)?.[1];
        if (hex === undefined) return 'bad';
        this.remaining = parseInt(hex, 16);
        this.size += this.remaining;
        if (this.size > this.maxBytes) return 'bad';
        this.state = this.remaining === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        // The end of the message; bytes after it would be a response nobody asked for.
        return this.pending.length === 0 ? 'done' : 'bad';
      }
    }
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }
}

const refused: ExchangeResult = { answer: undefined, reusable: false };
