import { StudioError } from '../../../shared/errors';
import { lookPath } from './look-path';

/**
 * The `docker-credential-*` protocol (docker-credential-helpers `client/client.go`,
 * docs/docker-behavior.md §6.2): run `docker-credential-<name> <verb>`, write `input` to stdin, read
 * stdout. A helper reports errors by exiting non-zero with the message on **stdout**; three messages are
 * standard and matched exactly.
 */

export type HelperVerb = 'get' | 'store' | 'erase' | 'list';

/** Why a helper call failed; `not-found` is the only one callers usually treat as "no credentials". */
export type HelperFailure =
  | 'not-found'
  | 'missing-server-url'
  | 'missing-username'
  | 'not-installed'
  | 'invalid-name'
  | 'failed'
  | 'timeout'
  | 'bad-output';

export const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';
export const MISSING_SERVER_URL_MESSAGE = 'no credentials server URL';
export const MISSING_USERNAME_MESSAGE = 'no credentials username';

/** Helpers may pop up a keychain unlock or a GPG pinentry; give the user time to answer it. */
export const DEFAULT_HELPER_TIMEOUT_MS = 60_000;
const MAX_STDOUT = 4 * 1024 * 1024;
const MAX_STDERR = 8 * 1024;

/** A helper failure: `message` is docker's text, `hint` names the helper, where it was configured and what to do. */
export class CredentialHelperError extends StudioError {
  readonly helper: string;
  readonly verb: HelperVerb;
  readonly failure: HelperFailure;
  /** What the helper wrote to stderr (capped), when captured. */
  readonly stderr: string | undefined;

  constructor(
    init: { helper: string; verb: HelperVerb; failure: HelperFailure; stderr?: string; hint: string },
    message: string,
    cause?: unknown,
  ) {
    super('CREDENTIALS', message, { hint: init.hint, cause });
    this.name = 'CredentialHelperError';
    this.helper = init.helper;
    this.verb = init.verb;
    this.failure = init.failure;
    this.stderr = init.stderr;
  }
}

export interface RunHelperOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** `capture` (default: the app has no terminal) keeps stderr for the error; `inherit` passes it through like docker. */
  stderr?: 'capture' | 'inherit';
  /** Where the helper was configured, for hints, e.g. `"credsStore": "desktop" in /home/u/.docker/config.json`. */
  configuredBy?: string;
}

/** Runs one helper verb and returns its stdout; every failure is a `CredentialHelperError` (or CANCELLED). */
export async function runHelper(
  name: string,
  verb: HelperVerb,
  input: string,
  opts: RunHelperOptions = {},
): Promise<string> {
  const env = opts.env ?? process.env;
  const program = `docker-credential-${name}`;
  const where = opts.configuredBy ? ` (configured by ${opts.configuredBy})` : '';
  const fail = (failure: HelperFailure, message: string, hint: string, stderr?: string, cause?: unknown) =>
    new CredentialHelperError({ helper: name, verb, failure, hint: `${program}${where}: ${hint}`, stderr }, message, cause);

  // Go's LookPath treats a name with a separator as a path; a config file must not be able to run any program.
  if (name === '' || /[/\\]/.test(name)) {
    throw fail('invalid-name', `invalid credential helper name "${name}"`, 'a helper name is a suffix such as "desktop" or "pass".');
  }
  opts.signal?.throwIfAborted();
  const exe = await lookPath(program, env, opts.platform);
  if (exe === undefined) {
    throw fail(
      'not-installed',
      `${gerund(verb)} credentials - err: exec: "${program}": executable file not found in $PATH, out: \`\``,
      'the helper is not installed or not on PATH. Install it, or remove that setting from config.json.',
    );
  }
  const result = await spawnHelper(exe, verb, input, env, opts);
  if (result.kind === 'timeout') {
    const ms = opts.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
    const after = ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`;
    throw fail(
      'timeout',
      `${gerund(verb)} credentials - err: ${program} did not answer within ${after}, out: \`\``,
      'the helper hung. It may be waiting for a keychain unlock or a passphrase prompt; answer it and retry.',
      result.stderr,
    );
  }
  if (result.kind === 'spawn-error') {
    throw fail('failed', `${gerund(verb)} credentials - err: ${result.message}, out: \`\``, 'the helper could not be started; check that it is executable.', undefined, result.cause);
  }
  if (result.kind === 'too-large') {
    throw fail('bad-output', `${gerund(verb)} credentials - err: output too large`, 'the helper wrote more than 4 MiB to stdout.');
  }
  if (result.code === 0) return result.stdout;
  throw exitFailure(fail, verb, result);
}

function exitFailure(
  fail: (f: HelperFailure, m: string, h: string, stderr?: string) => CredentialHelperError,
  verb: HelperVerb,
  result: { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string | undefined },
): CredentialHelperError {
  const out = result.stdout.trim();
  if (out === MISSING_SERVER_URL_MESSAGE) return fail('missing-server-url', out, 'the helper was given no server URL.', result.stderr);
  if (out === MISSING_USERNAME_MESSAGE) return fail('missing-username', out, 'a username is required to store credentials.', result.stderr);
  // Go's *exec.ExitError text: "exit status N" or "signal: killed".
  const exit = result.signal ? `signal: ${signalWord(result.signal)}` : `exit status ${result.code ?? -1}`;
  const generic = `${gerund(verb)} credentials - err: ${exit}, out: \`${out}\``;
  if (out === NOT_FOUND_MESSAGE) {
    // docker's client maps "not found" to its own error only for `get`; other verbs wrap it.
    return fail('not-found', verb === 'get' ? NOT_FOUND_MESSAGE : generic, 'no credentials are stored for this registry.', result.stderr);
  }
  const said = result.stderr?.trim() ? ` It wrote to stderr: ${result.stderr.trim()}` : '';
  return fail('failed', generic, `the helper failed.${said} Run it by hand with the argument "${verb}" to see why, or log in again.`, result.stderr);
}

type SpawnResult =
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string | undefined }
  | { kind: 'timeout'; stderr: string | undefined }
  | { kind: 'too-large' }
  | { kind: 'spawn-error'; message: string; cause: unknown };

function spawnHelper(exe: string, verb: HelperVerb, input: string, env: NodeJS.ProcessEnv, opts: RunHelperOptions): Promise<SpawnResult> {
  const capture = opts.stderr !== 'inherit';
  // Loaded here, not at start-up: loading child_process would slow down every CLI run, and most runs
  // start no helper.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn(exe, [verb], { env, stdio: 'pipe', windowsHide: true });
  const stdout: Buffer[] = [];
  let stdoutLen = 0;
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    stdoutLen += b.length;
    if (stdoutLen <= MAX_STDOUT) stdout.push(b);
  });
  child.stderr.on('data', (b: Buffer) => {
    if (!capture) process.stderr.write(b);
    else if (stderr.length < MAX_STDERR) stderr += b.toString('utf8').slice(0, MAX_STDERR - stderr.length);
  });
  // A helper may exit without reading stdin (EPIPE); its exit status is what counts.
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);

  return new Promise<SpawnResult>((resolve, reject) => {
    let settled = false;
    const stop = () => {
      child.kill('SIGKILL');
      // Grandchildren may hold the pipes open; do not wait for them.
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(() => {
      stop();
      finish(() => resolve({ kind: 'timeout', stderr: capture ? stderr : undefined }));
    }, opts.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS);
    const onAbort = () => {
      stop();
      finish(() => reject(new StudioError('CANCELLED', `credential helper ${verb} cancelled`, { cause: opts.signal?.reason })));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish(() => resolve({ kind: 'spawn-error', message: e.message, cause: e })));
    child.on('close', (code, signal) =>
      finish(() => {
        if (stdoutLen > MAX_STDOUT) resolve({ kind: 'too-large' });
        else resolve({ kind: 'exit', code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: capture ? stderr : undefined });
      }),
    );
  });
}

/** docker's error prefix per verb: `error getting credentials`, `error storing credentials`, … */
export function gerund(verb: HelperVerb): string {
  const words: Record<HelperVerb, string> = { get: 'getting', store: 'storing', erase: 'erasing', list: 'listing' };
  return `error ${words[verb]}`;
}

function signalWord(signal: NodeJS.Signals): string {
  const words: Partial<Record<NodeJS.Signals, string>> = { SIGKILL: 'killed', SIGTERM: 'terminated', SIGSEGV: 'segmentation fault', SIGABRT: 'aborted', SIGINT: 'interrupt' };
  return words[signal] ?? signal;
}
