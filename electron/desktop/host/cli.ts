import { resolve } from 'node:path';
import { STUDIO_VERSION } from '../../core/operations';
import { createAppService } from '../service';
import { startHost } from './host';

/**
 * `npm run serve`: the app's UI in a browser through the loopback host, over the same services and
 * docker config the CLI uses. Options: `--port N` (default: a free port), `--config DIR` (docker's
 * config dir), `--static DIR` (the built renderer; default out/renderer next to this bundle).
 */
function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portText = argValue(args, '--port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`invalid --port: ${portText}\n`);
    process.exitCode = 2;
    return;
  }
  const configDir = argValue(args, '--config');
  const service = createAppService({ env: process.env, ...(configDir ? { configDir } : {}) });
  // The bundle lives in out/host/, the renderer in out/renderer/.
  const staticDir = resolve(argValue(args, '--static') ?? resolve(__dirname, '..', 'renderer'));
  const host = await startHost({
    service,
    staticDir,
    port,
    appInfo: { name: 'Manifest Studio', version: STUDIO_VERSION, face: 'browser', platform: process.platform },
    validateOutput: process.env.NODE_ENV !== 'production',
    logBug: (channel, e) => console.error(`[host] ${channel}:`, e),
  });
  // The URL is the only line on stdout, so scripts (Playwright's webServer) can read it.
  process.stdout.write(`${host.url}\n`);
  process.stderr.write('Manifest Studio is serving on 127.0.0.1 only. Press Ctrl-C to stop.\n');
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
