import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A hand-written HTTP server for faults a real registry will not produce (wrong digests, stalls,
 * garbage error bodies, redirects to other hosts). Plain HTTP on 127.0.0.1; tests give it a handler.
 * It records every request (method, url, headers and body size) so tests can assert what was sent.
 */
export interface HostileRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

export type HostileHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown;

export interface HostileServer {
  /** `127.0.0.1:PORT` */
  host: string;
  url: string;
  requests: HostileRequest[];
  /** Bytes written to response bodies so far (to prove a client stopped reading). */
  bytesWritten(): number;
  close(): Promise<void>;
}

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  let written = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: body.length });
      const origWrite = res.write.bind(res);
      res.write = ((chunk: unknown, ...rest: never[]) => {
        if (typeof chunk === 'string' || chunk instanceof Uint8Array) written += Buffer.byteLength(chunk);
        return origWrite(chunk as Buffer, ...rest);
      }) as typeof res.write;
      Promise.resolve(handler(req, res, body)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    bytesWritten: () => written,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers `GET /v2/` with 200 (no auth); returns true when it handled the request. */
export function answerPing(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' && req.url === '/v2/') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
    res.end('{}');
    return true;
  }
  return false;
}

/** Writes bytes as fast as the socket takes them, forever (until the client goes away). */
export function streamForever(res: ServerResponse, chunk: Buffer): void {
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk)) {
      // keep writing until the socket buffer is full
    }
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}
