import { z } from 'zod';
import { runCli } from './main';

// The CLI validates a handful of small documents per run; compiling zod's fast paths costs more than it saves.
z.config({ jitless: true });

/** Binds the CLI to the real process: argv, stdio, environment, Ctrl-C. */
async function main(): Promise<void> {
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
  const code = await runCli(process.argv.slice(2), io, process.env, controller.signal);
  // Let stdout drain before exiting so piped output is never cut short.
  process.exitCode = code;
}

void main();
