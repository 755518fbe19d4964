import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` (scripts/start.mjs) on a machine without the Electron binary and without a browser opener:
// it tries the download once (against a local mirror that has nothing), then serves the UI through the
// loopback host and prints its URL, which answers.

const root = join(__dirname, '..', '..');
const hasElectronPackage = existsSync(join(root, 'node_modules', 'electron', 'install.js'));

let mirror: Server;
const mirrorRequests: string[] = [];

beforeAll(async () => {
  // Built by `npm test` before the tests run; build here only when it was not (a build while other tests
  // run would rewrite out/ under them).
  if (!existsSync(join(root, 'out/host/cli.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    expect(spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' }).status).toBe(0);
  }
  mirror = createServer((req, res) => {
    mirrorRequests.push(req.url ?? '');
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => mirror.listen(0, '127.0.0.1', done));
}, 180_000);

afterAll(() => new Promise<void>((done) => mirror.close(() => done())));

/** An environment with only node on PATH, and every Electron download pointed at the local mirror. */
function bareEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'studio-start-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  mkdirSync(join(dir, 'no-binary'));
  return {
    PATH: bin,
    HOME: join(dir, 'home'),
    // electron's index.js then names a binary that is not there, even where the real one is installed…
    ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-binary'),
    // …and install.js downloads from here, with an empty cache, so nothing is really fetched.
    ELECTRON_MIRROR: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`,
    electron_config_cache: join(dir, 'electron-cache'),
  };
}

describe.skipIf(process.platform === 'win32')('npm start without the Electron binary', () => {
  it('tries the download once, then serves the UI on 127.0.0.1 and prints its URL, saying why in one line', async () => {
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--no-build'], { env: bareEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const line = await new Promise<string>((done, fail) => {
        child.stdout.on('data', (d) => {
          stdout += d;
          const found = stdout.split('\n').find((l) => / serving the UI at .* instead/.test(l));
          if (found) done(found);
        });
        void exited.then((code) => fail(new Error(`start.mjs exited (${code}) before serving:\n${stdout}\n${stderr}`)));
      });

      const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
      const why = hasElectronPackage
        ? 'The Electron binary is not installed and could not be downloaded \\(Response code 404 \\(Not Found\\)[^)]*\\)'
        : 'The electron package is not installed';
      const url = new RegExp(`^${why}: serving the UI at (http://127\\.0\\.0\\.1:\\d+/\\?token=[\\w-]+) instead; open it in a browser \\(no ${opener} on PATH\\)\\.$`).exec(line)?.[1];
      expect(url, line).toBeDefined();
      if (hasElectronPackage) {
        expect(stdout).toContain('The Electron binary is not installed: downloading it (at most 60 s)…');
        // electron's own install.js asked for this very release.
        const { version } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
        expect(mirrorRequests).toEqual([expect.stringContaining(`/electron-v${version}-${process.platform}-`)]);
      }

      const page = await fetch(url ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Manifest Studio</title>');
      expect((await fetch(new URL('/', url))).status).toBe(403); // the token guards the page
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('Manifest Studio is serving on 127.0.0.1 only');
  }, 60_000);
});
