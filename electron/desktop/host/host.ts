import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isChannelName, type AppInfo, type IpcResult } from '../../../shared/ipc';
import {
  createDispatch,
  createEventHub,
  createHandlers,
  hostSenderPolicy,
  Operations,
  type Dispatch,
  type EventHub,
} from '../ipc';
import type { AppService } from '../service';
import { refusal, tokenMatches, tokenOf } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';
import { streamEvents } from './sse';
import { contentTypeOf, readStaticFile, resolveStaticPath } from './static-files';

export interface HostOptions {
  service: AppService;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  appInfo?: AppInfo;
  /** Check outputs against the contract (default true: the host is a development and test face). */
  validateOutput?: boolean;
  logBug?: (channel: string, e: unknown) => void;
}

export interface RunningHost {
  /** The page URL, with the token: `http://127.0.0.1:<port>/?token=…`. */
  url: string;
  port: number;
  token: string;
  events: EventHub;
  close(): Promise<void>;
}

/** Request bodies are small JSON inputs; anything larger is refused before it is buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

interface Ctx {
  token: string;
  port: () => number;
  staticDir: string;
  dispatch: Dispatch;
  events: EventHub;
  streams: Set<() => void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: IpcResult<unknown>): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleApiCall(req: IncomingMessage, res: ServerResponse, ctx: Ctx, channel: string): Promise<void> {
  if (!isChannelName(channel)) {
    return sendJson(res, 404, { ok: false, error: { code: 'BAD_INPUT', message: `Unknown channel "${channel}".` } });
  }
  if (req.method !== 'POST') return send(res, 405, 'Use POST', 'text/plain', { allow: 'POST' });
  // Requiring JSON keeps HTML forms (which cannot send it) out, on top of the token and Origin checks.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return send(res, 415, 'Send application/json', 'text/plain');
  }
  const text = await readBody(req);
  if (text === undefined) return send(res, 413, 'Request too large', 'text/plain');
  let input: unknown;
  try {
    input = text === '' ? {} : JSON.parse(text);
  } catch {
    return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: 'The request body is not JSON.' } });
  }
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  sendJson(res, 200, await ctx.dispatch(channel, input, { kind: 'host' }, { signal: abort.signal }));
}

async function handleStatic(req: IncomingMessage, res: ServerResponse, ctx: Ctx, url: URL): Promise<void> {
  // The raw path, not `url.pathname`: URL parsing folds `..` away, which would hide a traversal attempt.
  const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  const path = resolveStaticPath(ctx.staticDir, rawPath);
  if (path === undefined) return send(res, 403, 'Forbidden', 'text/plain');
  const isIndex = url.pathname === '/' || url.pathname === '/index.html';
  if (isIndex && !tokenMatches(url.searchParams.get('token'), ctx.token)) {
    return send(res, 403, 'Open the URL the host printed, with its ?token=.', 'text/plain');
  }
  const body = await readStaticFile(path);
  if (body === undefined) return send(res, 404, 'Not found', 'text/plain');
  // Hashed assets never change under one name; the index must be re-read on every load.
  const cache = isIndex ? 'no-store' : 'public, max-age=31536000, immutable';
  send(res, 200, body, contentTypeOf(path), { 'cache-control': cache });
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: Ctx): Promise<void> {
  const why = refusal(req, ctx.port());
  if (why) return send(res, 403, why, 'text/plain');
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${ctx.port()}`);
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    if (!tokenMatches(tokenOf(req, url), ctx.token)) return send(res, 403, 'Token missing or wrong', 'text/plain');
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return send(res, 405, 'Use GET', 'text/plain', { allow: 'GET' });
      const end = streamEvents(res, ctx.events);
      ctx.streams.add(end);
      res.on('close', () => ctx.streams.delete(end));
      return;
    }
    return handleApiCall(req, res, ctx, url.pathname.slice('/api/'.length));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
  return handleStatic(req, res, ctx, url);
}

/**
 * The loopback host: the built renderer and the IPC contract over HTTP, for browsers and Playwright.
 * Bound to 127.0.0.1 only; a random per-launch token guards the API and the page; Host and Origin are
 * checked on every request; no CORS headers are ever sent, so other origins cannot read answers.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = randomBytes(32).toString('base64url');
  const events = createEventHub();
  const appInfo = options.appInfo ?? { name: 'Manifest Studio', version: '0.0.0', face: 'browser', platform: process.platform };
  const operations = new Operations(events);
  const handlers = createHandlers(options.service, events, { appInfo, operations });
  const dispatch = createDispatch(handlers, {
    isTrusted: hostSenderPolicy,
    validateOutput: options.validateOutput ?? true,
    ...(options.logBug ? { logBug: options.logBug } : {}),
  });
  let port = 0;
  const ctx: Ctx = { token, port: () => port, staticDir: options.staticDir, dispatch, events, streams: new Set() };
  const server: Server = createServer((req, res) => {
    route(req, res, ctx).catch((e: unknown) => {
      options.logBug?.('host', e);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    events,
    close: () => {
      operations.cancelAll();
      return closeServer(server, ctx.streams);
    },
  };
}

function closeServer(server: Server, streams: Set<() => void>): Promise<void> {
  for (const end of [...streams]) end();
  return new Promise((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });
}
