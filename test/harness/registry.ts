import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { createPki, type HarnessPki } from './pki';
import { startTokenServer, TOKEN_USERS, type RunningTokenServer } from './token-server';

const run = promisify(execFile);

export type RegistryMode = 'plain' | 'tls' | 'basic' | 'token';

/** Plain-data description of a running registry (safe to pass to test workers via `provide`). */
export interface RegistryInfo {
  mode: RegistryMode;
  /** `127.0.0.1:PORT`, what a reference's registry part looks like. */
  host: string;
  /** Base URL: `http://` or `https://` plus host. */
  url: string;
  /** CA certificate (PEM file) to trust for the `tls` mode. */
  caFile?: string;
  /** A CA that did NOT sign the server certificate, for "unknown CA" tests. */
  otherCaFile?: string;
  /** Account with pull+push: `testuser` (basic) or `admin` (token). */
  username?: string;
  password?: string;
  /** Token mode: a pull-only account. */
  readOnlyUsername?: string;
  readOnlyPassword?: string;
  tokenRealm?: string;
  tokenService?: string;
  /** Token mode: GET for request counters (JSON `TokenServerStats`), POST resets them. */
  tokenStatsUrl?: string;
  dataDir: string;
}

export interface RunningRegistry extends RegistryInfo {
  /** Token mode only: the in-process token server (counters without HTTP). */
  tokenServer?: RunningTokenServer;
  stop(): Promise<void>;
}

export interface StartRegistryOptions {
  /** Directory that holds this registry's config and data; default: a fresh temp dir. */
  workDir?: string;
  /** Where to keep the generated certificates; default: one temp dir shared by the whole process. */
  pkiDir?: string;
  /** Token mode: lifetime of issued tokens in seconds. */
  tokenExpiresInSeconds?: number;
  /** Token mode: actions an anonymous client is granted (`['pull']`: Docker Hub's anonymous pulls). */
  tokenAnonymousActions?: string[];
  /**
   * Token mode: given the token server's own realm URL, returns the realm the registry advertises in its
   * challenge, e.g. one behind a latency proxy. Default: the token server's URL.
   */
  advertiseTokenRealm?: (realm: string) => string | Promise<string>;
}

export const BASIC_USER = 'testuser';
export const BASIC_PASSWORD = 'testpass';
const TOKEN_SERVICE = 'manifest-studio-test-registry';
const TOKEN_ISSUER = 'manifest-studio-test-token-issuer';

const children = new Set<ChildProcess>();
const dirsToRemove = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous; kill() and rmSync are, so no registry outlives the run
  // and no temp dir is left behind even when a test run ends without calling stop().
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirsToRemove) rmSync(dir, { recursive: true, force: true });
  });
}

/** Removes `dir` when the process exits (unless MS_HARNESS_KEEP=1, for debugging). */
export function removeOnExit(dir: string): void {
  installExitHook();
  if (process.env.MS_HARNESS_KEEP !== '1') dirsToRemove.add(dir);
}

const pkiByDir = new Map<string, Promise<HarnessPki>>();
let defaultPkiDir: Promise<string> | undefined;

/** The certificates for this run; generated once per directory, then reused. */
export async function getPki(dir?: string): Promise<HarnessPki> {
  defaultPkiDir ??= mkdtemp(join(tmpdir(), 'ms-harness-pki-')).then((d) => {
    removeOnExit(d);
    return d;
  });
  const target = dir ?? await defaultPkiDir;
  let pending = pkiByDir.get(target);
  if (!pending) {
    pending = createPki(target);
    pkiByDir.set(target, pending);
  }
  return pending;
}

/** Finds a free loopback port by binding port 0 (the registry binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface ModeSetup {
  auth: string[];
  tls: string[];
  info: Partial<RegistryInfo>;
  tokenServer?: RunningTokenServer;
}

async function setupMode(mode: RegistryMode, workDir: string, pki: HarnessPki, opts: StartRegistryOptions): Promise<ModeSetup> {
  switch (mode) {
    case 'plain':
      return { auth: [], tls: [], info: {} };
    case 'tls':
      return {
        auth: [],
        tls: ['  tls:', `    certificate: ${pki.serverCertFile}`, `    key: ${pki.serverKeyFile}`],
        info: { caFile: pki.caFile, otherCaFile: pki.otherCaFile },
      };
    case 'basic': {
      const htpasswd = join(workDir, 'htpasswd');
      // distribution only accepts bcrypt entries (`openssl passwd` cannot make them). Cost 4, the
      // minimum: the registry checks the hash on every request, and cost 10 made seeding take ~9 s of CPU.
      await run('htpasswd', ['-Bbc', '-C', '4', htpasswd, BASIC_USER, BASIC_PASSWORD]);
      return {
        auth: ['auth:', '  htpasswd:', '    realm: manifest-studio-test', `    path: ${htpasswd}`],
        tls: [],
        info: { username: BASIC_USER, password: BASIC_PASSWORD },
      };
    }
    case 'token': {
      const signer = { keyPem: await readFile(pki.tokenKeyFile, 'utf8'), certPem: await readFile(pki.tokenCertFile, 'utf8') };
      const tokenServer = await startTokenServer({
        service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, signer,
        ...(opts.tokenExpiresInSeconds === undefined ? {} : { expiresInSeconds: opts.tokenExpiresInSeconds }),
        ...(opts.tokenAnonymousActions === undefined ? {} : { anonymousActions: opts.tokenAnonymousActions }),
      });
      let realm: string;
      try {
        realm = await (opts.advertiseTokenRealm?.(tokenServer.realm) ?? tokenServer.realm);
      } catch (err) {
        await tokenServer.stop();
        throw err;
      }
      return {
        auth: ['auth:', '  token:', `    realm: ${realm}`, `    service: ${TOKEN_SERVICE}`,
          `    issuer: ${TOKEN_ISSUER}`, `    rootcertbundle: ${pki.tokenCertFile}`],
        tls: [],
        tokenServer,
        info: {
          username: 'admin', password: TOKEN_USERS.admin?.password,
          readOnlyUsername: 'reader', readOnlyPassword: TOKEN_USERS.reader?.password,
          tokenRealm: realm, tokenService: TOKEN_SERVICE, tokenStatsUrl: tokenServer.statsUrl,
        },
      };
    }
  }
}

function configYaml(port: number, dataDir: string, setup: ModeSetup): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${dataDir}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    ...setup.tls,
    ...setup.auth,
    '',
  ].join('\n');
}

/** Polls GET /v2/ until the registry answers 200 or 401 (auth modes), or the process dies. */
async function waitReady(url: string, dispatcher: Agent, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let exited = false;
  child.once('exit', () => { exited = true; });
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await request(`${url}/v2/`, { dispatcher, headersTimeout: 2000, bodyTimeout: 2000 });
      await res.body.dump();
      if (res.statusCode === 200 || res.statusCode === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = await readFile(logFile, 'utf8').catch(() => '');
  throw new Error(`docker-registry at ${url} did not become ready${exited ? ' (process exited)' : ''}:\n${log.slice(-2000)}`);
}

async function spawnRegistry(mode: RegistryMode, workDir: string, setup: ModeSetup): Promise<{ child: ChildProcess; port: number; url: string }> {
  const dataDir = join(workDir, 'data');
  await mkdir(dataDir, { recursive: true });
  const scheme = mode === 'tls' ? 'https' : 'http';
  const ca = setup.info.caFile ? await readFile(setup.info.caFile, 'utf8') : undefined;
  const dispatcher = new Agent(ca ? { connect: { ca } } : {});
  try {
    let lastError: unknown;
    // A port found free can be taken before the registry binds it; retry with another.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freePort();
      const configFile = join(workDir, 'config.yml');
      await writeFile(configFile, configYaml(port, dataDir, setup));
      const logFile = join(workDir, `registry-${attempt}.log`);
      const log = createWriteStream(logFile);
      const child = spawn('docker-registry', ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      child.once('exit', () => children.delete(child));
      const url = `${scheme}://127.0.0.1:${port}`;
      try {
        await waitReady(url, dispatcher, child, logFile);
        return { child, port, url };
      } catch (err) {
        lastError = err;
        child.kill('SIGKILL');
      }
    }
    throw lastError;
  } finally {
    await dispatcher.close();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a real CNCF distribution registry (`docker-registry serve`) on 127.0.0.1 with a free port.
 * `plain`: HTTP, no auth. `tls`: HTTPS with the harness CA, no auth. `basic`: htpasswd over HTTP.
 * `token`: bearer tokens from an in-process token server, over HTTP.
 */
export async function startRegistry(mode: RegistryMode, opts: StartRegistryOptions = {}): Promise<RunningRegistry> {
  installExitHook();
  const ownsWorkDir = opts.workDir === undefined;
  const workDir = opts.workDir ?? await mkdtemp(join(tmpdir(), `ms-registry-${mode}-`));
  if (ownsWorkDir) removeOnExit(workDir);
  await mkdir(workDir, { recursive: true });
  const pki = await getPki(opts.pkiDir);
  const setup = await setupMode(mode, workDir, pki, opts);
  let started: Awaited<ReturnType<typeof spawnRegistry>>;
  try {
    started = await spawnRegistry(mode, workDir, setup);
  } catch (err) {
    await setup.tokenServer?.stop();
    throw err;
  }
  const { child, port, url } = started;
  return {
    ...setup.info,
    mode,
    host: `127.0.0.1:${port}`,
    url,
    dataDir: join(workDir, 'data'),
    ...(setup.tokenServer ? { tokenServer: setup.tokenServer } : {}),
    stop: async () => {
      await stopChild(child);
      await setup.tokenServer?.stop();
      if (ownsWorkDir) {
        await rm(workDir, { recursive: true, force: true });
        dirsToRemove.delete(workDir);
      }
    },
  };
}

/** Strips the functions and live objects, leaving what can cross to test workers. */
export function toRegistryInfo(reg: RunningRegistry): RegistryInfo {
  const { stop: _stop, tokenServer: _tokenServer, ...info } = reg;
  return info;
}
