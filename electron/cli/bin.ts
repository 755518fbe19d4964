// First: it configures zod before any schema is built.
import './jitless';
import type { TcpSockets } from '../core/net';
import { runCli } from './main';

/**
 * Binds the CLI to the real process: argv, stdio, environment, Ctrl-C. bin/manifest-studio.js calls it with
 * the connections it opened ahead; `node out/cli/manifest-studio.js` runs it without any.
 */
export async function run(options: { earlySockets?: TcpSockets } = {}): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io = {
    out: (text: string) => void process.stdout.write(text),
    err: (text: string) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  const code = await runCli(process.argv.slice(2), io, process.env, controller.signal, options);
  // Every request, file write and helper process has finished by now; waiting for the event loop to drain
  // and the heap to be torn down would only add to every run. Exit once both streams have handed their
  // bytes to the OS (writes to pipes are asynchronous on some platforms: never cut piped output short).
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    // An empty write calls back once everything queued before it is written; a closed stream (EPIPE) has
    // nothing left to wait for.
    if (stream.destroyed || stream.writableEnded) return resolve();
    stream.write('', () => resolve());
  });
}

if (require.main === module) void run();
