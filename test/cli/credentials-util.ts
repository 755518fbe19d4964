import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FakeMode, fakeHelperScript } from '../../electron/core/credentials/fake-helper.test-util';
import { toolPath } from '../harness/tool-path';
import { scriptDir, type Sandbox } from './run';

/** How the test helper behaves: a working keychain, or a failure that prints non-JSON and exits 3. */
export type HelperMode = 'keychain' | 'broken';

const FAKE_MODE: Record<HelperMode, FakeMode> = { keychain: 'store', broken: 'crash' };

export interface HelperCall {
  verb: string;
  input: string;
}

/** A real `docker-credential-<name>` executable on its own PATH directory, logging every call. */
export interface TestHelper {
  name: string;
  /** Directory to put first on PATH. */
  dir: string;
  calls(): HelperCall[];
  keychain(): Record<string, { Username: string; Secret: string }>;
  seed(entries: Record<string, { Username: string; Secret: string }>): void;
}

/**
 * Writes `docker-credential-<name>`: a Node script speaking the helper protocol (get/store/erase/list)
 * over a JSON file "keychain", recording each verb with its exact stdin so tests can compare what we
 * send with what docker sends.
 */
export function makeHelper(name: string, mode: HelperMode = 'keychain'): TestHelper {
  const dir = scriptDir(`docker-credential-${name}`, '');
  const store = join(dir, 'keychain.json');
  const log = join(dir, 'calls.jsonl');
  // scriptDir made the file executable; the body needs the paths of the files inside that directory.
  writeFileSync(join(dir, `docker-credential-${name}`), fakeHelperScript(store, log, FAKE_MODE[mode]));
  return {
    name,
    dir,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as HelperCall)
        : [],
    keychain: () => (existsSync(store) ? (JSON.parse(readFileSync(store, 'utf8')) as ReturnType<TestHelper['keychain']>) : {}),
    seed: (entries) => writeFileSync(store, JSON.stringify(entries)),
  };
}

/** The sandbox's config.json path. */
export function configPath(box: Sandbox): string {
  return join(box.dockerConfig, 'config.json');
}

/** The raw bytes of config.json, or undefined when there is none. */
export function readConfigText(box: Sandbox): string | undefined {
  const file = configPath(box);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Writes a config.json (docker's tab-indented form) into the sandbox's config dir. */
export function writeConfig(box: Sandbox, config: unknown): void {
  mkdirSync(box.dockerConfig, { recursive: true });
  writeFileSync(configPath(box), JSON.stringify(config, null, '\t'));
}

/** Puts a helper's directory first on the sandbox's PATH (for both our CLI and docker). */
export function withHelperOnPath(box: Sandbox, helper: TestHelper): void {
  box.env.PATH = `${helper.dir}:${toolPath()}`;
}

/** The `auth` field docker writes: base64 of `user:password`. */
export function basicAuthField(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}
