// `npm start`: builds, then opens the Electron window. Where the Electron binary is missing (air-gapped
// machines, proxies, ELECTRON_SKIP_BINARY_DOWNLOAD) it tries once to download it, and otherwise serves the
// same UI through the loopback host and opens it in the default browser.
//   node scripts/start.mjs                    build, then the window (or the browser)
//   node scripts/start.mjs --no-build         out/ is already built
//   node scripts/start.mjs --fetch-electron   (postinstall) download the binary if missing; never fails
// electron's own install script (the download) would abort `npm install` where it fails: package.json's
// allowScripts stops npm 11.16+ from running it, and --fetch-electron runs it instead, tolerating failure.
// Older npm runs it and, electron being an optional dependency, drops the package when it fails.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants as osConstants } from 'node:os';
import { dirname, join, posix, resolve, win32 } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** How long `npm start` waits for the download: long enough for a cached or fast one, short for a hung proxy. */
export const START_FETCH_TIMEOUT_MS = 60_000;
/** How long `npm install` waits for it (about 100 MB). */
export const INSTALL_FETCH_TIMEOUT_MS = 300_000;

/**
 * @typedef {{ binary: string } | { installScript: string } | { noPackage: true }} ElectronState
 *   the binary's path; else electron's install.js, which downloads it; else the package is not installed
 * @typedef {{ ok: true } | { ok: false, why: string }} FetchResult  `why` completes "The Electron binary is not installed and …"
 * @typedef {{ code: number | null, timedOut: boolean, output: string }} RunResult
 * @typedef {{ name: string, command: string, args: string[], available: boolean }} Opener
 */

/**
 * Where the Electron binary is, or what is missing.
 * @param {{ resolve: (id: string) => string, load: () => string, exists: (path: string) => boolean }} probe
 *   `resolve` is require.resolve, `load` returns what `require('electron')` exports (the binary's path; it
 *   throws before the binary was ever downloaded)
 * @returns {ElectronState}
 */
export function findElectron(probe) {
  let installScript;
  try {
    installScript = probe.resolve('electron/install.js');
  } catch {
    return { noPackage: true };
  }
  try {
    const binary = probe.load();
    if (probe.exists(binary)) return { binary };
  } catch {
    // No path.txt yet: never downloaded.
  }
  return { installScript };
}

/**
 * Runs electron's own install.js once, as npm would have.
 * @param {string} installScript
 * @param {{ env: NodeJS.ProcessEnv, timeoutMs: number, run: (script: string, timeoutMs: number) => Promise<RunResult> }} deps
 * @returns {Promise<FetchResult>}
 */
export async function fetchElectron(installScript, { env, timeoutMs, run }) {
  // install.js would exit 0 without downloading anything: say why rather than try.
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { ok: false, why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  const result = await run(installScript, timeoutMs);
  if (result.timedOut) return { ok: false, why: `could not be downloaded (gave up after ${Math.round(timeoutMs / 1000)} s)` };
  if (result.code !== 0) return { ok: false, why: `could not be downloaded (${downloadError(result.output, result.code)})` };
  return { ok: true };
}

/**
 * What went wrong, from what install.js printed (it prints the error's stack): "RequestError: getaddrinfo
 * ENOTFOUND github.com" gives "getaddrinfo ENOTFOUND github.com".
 * @param {string} output
 * @param {number | null} code
 */
export function downloadError(output, code) {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /^\w*Error\b/.test(l)) ?? lines[0];
  return line ? line.replace(/^\w*Error:\s*/, '') : `install.js exited with code ${code}`;
}

/**
 * The window when the binary is there (downloading it once if need be), else why the browser instead.
 * @param {{ probe: () => ElectronState, fetch: (installScript: string) => Promise<FetchResult> }} deps
 * @returns {Promise<{ electron: string } | { why: string }>}
 */
export async function chooseFace({ probe, fetch }) {
  const state = probe();
  if ('binary' in state) return { electron: state.binary };
  if (!('installScript' in state)) return { why: 'The electron package is not installed' };
  const fetched = await fetch(state.installScript);
  if (!fetched.ok) return { why: `The Electron binary is not installed and ${fetched.why}` };
  const again = probe();
  if ('binary' in again) return { electron: again.binary };
  return { why: 'The Electron binary is not installed and was not found after its download' };
}

/**
 * How this platform opens a URL in the default browser, and whether that command is here.
 * @param {NodeJS.Platform} platform
 * @param {string} url
 * @param {(command: string) => boolean} has
 * @returns {Opener}
 */
export function browserOpener(platform, url, has) {
  // `start` is built into cmd; its first quoted argument is a window title. The token is base64url, so the
  // URL needs no quoting for cmd (spawned with windowsVerbatimArguments).
  if (platform === 'win32') return { name: 'start', command: 'cmd', args: ['/d', '/c', 'start', '""', url], available: has('cmd') };
  const command = platform === 'darwin' ? 'open' : 'xdg-open';
  return { name: command, command, args: [url], available: has(command) };
}

/**
 * Whether `command` is an executable on PATH.
 * @param {string} command
 * @param {{ env: NodeJS.ProcessEnv, platform: NodeJS.Platform, isExecutable: (path: string) => boolean }} deps
 */
export function onPath(command, { env, platform, isExecutable }) {
  const windows = platform === 'win32';
  const dirs = (env.PATH ?? '').split(windows ? ';' : ':').filter(Boolean);
  const extensions = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';') : [''];
  const joinPath = windows ? win32.join : posix.join;
  return dirs.some((dir) => extensions.some((ext) => isExecutable(joinPath(dir, command + ext))));
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Starts the opener. Resolves undefined once it exited 0, or is still running after `settleMs` (some start
 * the browser in the foreground); else why it failed.
 * @param {{ command: string, args: string[] }} opener
 * @param {number} settleMs
 * @returns {Promise<string | undefined>}
 */
export function openInBrowser(opener, settleMs) {
  return new Promise((done) => {
    // Its own process group, so Ctrl-C on `npm start` does not close a browser it started.
    const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
    const timer = setTimeout(() => {
      child.unref();
      done(undefined);
    }, settleMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      done(e.message);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done(code === 0 ? undefined : signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
}

/** @returns {ElectronState} */
function probeElectron() {
  return findElectron({
    resolve: (id) => require.resolve(id),
    load: () => {
      // Read anew: a download since the last look writes the path.txt that electron's index.js reads.
      const id = require.resolve('electron');
      delete require.cache[id];
      return String(require(id));
    },
    exists: existsSync,
  });
}

/**
 * @param {string} script
 * @param {number} timeoutMs
 * @returns {Promise<RunResult>}
 */
function runInstallScript(script, timeoutMs) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script], { cwd: dirname(script), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      done({ code: null, timedOut, output: e.message });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, timedOut, output });
    });
  });
}

/** @param {number} timeoutMs */
function fetchHere(timeoutMs) {
  /** @param {string} installScript */
  return (installScript) => fetchElectron(installScript, { env: process.env, timeoutMs, run: runInstallScript });
}

/**
 * Lets `child` run to its end: passes on Ctrl-C and kill, as electron's own cli.js does, and exits as it did.
 * @param {import('node:child_process').ChildProcess} child
 */
function runToEnd(child) {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.once('error', (e) => {
    console.error(e.message);
    process.exit(1);
  });
  child.once('exit', (code, signal) => process.exit(code ?? 128 + (signal ? osConstants.signals[signal] : 0)));
}

/**
 * The loopback host (`npm run serve`), announced in one line saying why, and opened in the browser.
 * @param {string} why
 */
function serveInBrowser(why) {
  const host = spawn(process.execPath, [join(root, 'out/host/cli.js')], { stdio: ['inherit', 'pipe', 'inherit'] });
  runToEnd(host);
  let announced = false;
  // The host's first stdout line is its URL (electron/desktop/host/cli.ts).
  createInterface({ input: /** @type {import('node:stream').Readable} */ (host.stdout) }).on('line', (line) => {
    if (announced) return void console.log(line);
    announced = true;
    void announce(why, line);
  });
}

/**
 * @param {string} why
 * @param {string} url
 */
async function announce(why, url) {
  const has = (/** @type {string} */ command) => onPath(command, { env: process.env, platform: process.platform, isExecutable });
  const opener = browserOpener(process.platform, url, has);
  if (!opener.available) {
    console.log(`${why}: serving the UI at ${url} instead; open it in a browser (no ${opener.name} on PATH).`);
    return;
  }
  console.log(`${why}: serving the UI at ${url} instead, opening it with ${opener.name}.`);
  const failed = await openInBrowser(opener, 3000);
  if (failed) console.log(`${opener.name} failed (${failed}): open ${url} in a browser.`);
}

/** postinstall: the download npm would have done, whose failure must not fail `npm install`. */
async function fetchForInstall() {
  const state = probeElectron();
  if ('binary' in state) return;
  const after = 'npm start will serve the UI in a browser instead of the Electron window';
  if (!('installScript' in state)) {
    // npm before 11.16 (no allowScripts) runs electron's install script itself, and drops the optional
    // package when it fails: its types go with it.
    const remedy = 'npm test needs the package (npm 11.16 or later, or install with ELECTRON_SKIP_BINARY_DOWNLOAD=1)';
    return void console.log(`The electron package is not installed (npm before 11.16 drops it when the Electron download fails): ${after}; ${remedy}.`);
  }
  const fetched = await fetchHere(INSTALL_FETCH_TIMEOUT_MS)(state.installScript);
  if (!fetched.ok) console.log(`The Electron binary is not installed and ${fetched.why}: ${after}.`);
}

/** @param {string[]} args */
async function main(args) {
  if (args.includes('--fetch-electron')) return fetchForInstall();
  if (!args.includes('--no-build')) {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  } else if (!existsSync(join(root, 'out/host/cli.js'))) {
    console.error('out/ is not built: run `npm start` without --no-build.');
    process.exit(1);
  }
  const fetchOnce = fetchHere(START_FETCH_TIMEOUT_MS);
  const face = await chooseFace({
    probe: probeElectron,
    fetch: (installScript) => {
      console.log(`The Electron binary is not installed: downloading it (at most ${START_FETCH_TIMEOUT_MS / 1000} s)…`);
      return fetchOnce(installScript);
    },
  });
  if ('electron' in face) runToEnd(spawn(face.electron, [root], { stdio: 'inherit' }));
  else serveInBrowser(face.why);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
