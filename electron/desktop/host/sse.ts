import type { ServerResponse } from 'node:http';
import type { EventHub } from '../ipc';
import { SECURITY_HEADERS } from './security-headers';

/** How often an SSE comment is sent so idle proxies and the browser keep the stream open. */
const KEEPALIVE_MS = 15_000;

/**
 * Streams every hub event to one client as `event: <name>` / `data: <json>` until it disconnects.
 * Returns a function that ends the stream from our side (host shutdown).
 */
export function streamEvents(res: ServerResponse, hub: EventHub): () => void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // A first write flushes the headers so the browser's EventSource fires `open` at once.
  res.write('retry: 2000\n\n');
  const unsubscribe = hub.subscribe((event, payload) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  const stop = (): void => {
    clearInterval(keepalive);
    unsubscribe();
  };
  res.on('close', stop);
  return () => {
    stop();
    res.end();
  };
}
