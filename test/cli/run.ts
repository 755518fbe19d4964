import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolPath } from '../harness/tool-path';

const root = join(__dirname, '..', '..');
/** The installed command: run as a program (its shebang), as a user's shell or script runs it. */
export const bin = join(root, 'bin', 'manifest-studio.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Rebuilds the CLI bundle once per test file so tests never run a stale build. */
export function buildCli(): void {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.js')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`CLI build failed: ${r.stderr}`);
}

function runProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { PATH: toolPath(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} did not finish in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A quick child may exit before reading stdin; the resulting EPIPE is not the test's business.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** A user's environment for one test: its own docker config dir and our settings file. */
export interface Sandbox {
  dir: string;
  dockerConfig: string;
  settingsFile: string;
  env: NodeJS.ProcessEnv;
}

export function sandbox(settings: unknown = { registries: {} }): Sandbox {
  const box = sandboxIn(mkdtempSync(join(tmpdir(), 'studio-cli-')));
  writeFileSync(box.settingsFile, JSON.stringify(settings));
  return box;
}

/** The sandbox layout in `dir`: docker config, settings file, certs dir and content cache of its own. */
export function sandboxIn(dir: string): Sandbox {
  const dockerConfig = join(dir, 'docker');
  const settingsFile = join(dir, 'registries.json');
  return {
    dir,
    dockerConfig,
    settingsFile,
    env: {
      // Only the programs a test means to use: none of the machine's credential helpers.
      PATH: toolPath(),
      HOME: dir,
      DOCKER_CONFIG: dockerConfig,
      MANIFEST_STUDIO_SETTINGS: settingsFile,
      MANIFEST_STUDIO_CERTS_DIR: join(dir, 'certs.d'),
      MANIFEST_STUDIO_CACHE: join(dir, 'cache'),
    },
  };
}

export function ours(box: Sandbox, args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runProcess(bin, args, { ...box.env, ...extraEnv }, input);
}

export function docker(box: Sandbox, args: string[], input?: string): Promise<RunResult> {
  return runProcess('docker', args, { ...box.env }, input);
}

export const hasDocker = spawnSync('sh', ['-c', 'command -v docker'], { stdio: 'ignore' }).status === 0;

/** Writes an executable script into a fresh directory and returns that directory (for PATH). */
export function scriptDir(name: string, body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-bin-'));
  const file = join(dir, name);
  writeFileSync(file, body);
  chmodSync(file, 0o755);
  return dir;
}
