import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real `docker-credential-<name>` executables for tests: small Node scripts that speak the helper
 * protocol over stdin/stdout, keep a JSON "keychain" and log every call (verb + exact stdin).
 */
export type FakeMode = 'store' | 'crash' | 'hang' | 'garbage' | 'no-list';

export interface FakeHelper {
  name: string;
  calls(): Promise<{ verb: string; input: string }[]>;
  keychain(): Promise<Record<string, { Username: string; Secret: string }>>;
  seed(entries: Record<string, { Username: string; Secret: string }>): Promise<void>;
}

export interface Sandbox {
  root: string;
  bin: string;
  configDir: string;
  /** An environment whose PATH holds only the sandbox's bin directory. */
  env: NodeJS.ProcessEnv;
  helper(name: string, mode?: FakeMode): Promise<FakeHelper>;
  /** An executable that does nothing (e.g. `pass`, to steer default-helper detection). */
  tool(name: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeSandbox(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'ms-cred-'));
  const bin = join(root, 'bin');
  const configDir = join(root, 'docker-config');
  await mkdir(bin);
  return {
    root,
    bin,
    configDir,
    env: { PATH: bin, HOME: root },
    helper: (name, mode = 'store') => writeHelper(root, bin, name, mode),
    tool: async (name) => {
      await writeFile(join(bin, name), '#!/bin/sh\nexit 0\n');
      await chmod(join(bin, name), 0o755);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

async function writeHelper(root: string, bin: string, name: string, mode: FakeMode): Promise<FakeHelper> {
  const storeFile = join(root, `${name}.keychain.json`);
  const logFile = join(root, `${name}.log.jsonl`);
  const exe = join(bin, `docker-credential-${name}`);
  await writeFile(exe, fakeHelperScript(storeFile, logFile, mode));
  await chmod(exe, 0o755);
  return {
    name,
    calls: async () => {
      const text = await readFile(logFile, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { verb: string; input: string });
    },
    keychain: async () => {
      const text = await readFile(storeFile, 'utf8').catch(() => '{}');
      return JSON.parse(text) as Record<string, { Username: string; Secret: string }>;
    },
    seed: (entries) => writeFile(storeFile, JSON.stringify(entries)),
  };
}

/** The helper program itself; other test suites (the CLI's) write it where they need it. */
export function fakeHelperScript(storeFile: string, logFile: string, mode: FakeMode): string {
  return `#!${process.execPath}
'use strict';
const fs = require('fs');
const STORE = ${JSON.stringify(storeFile)};
const LOG = ${JSON.stringify(logFile)};
const MODE = ${JSON.stringify(mode)};
const verb = process.argv[2];
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  fs.appendFileSync(LOG, JSON.stringify({ verb, input }) + '\\n');
  const fail = (m) => { process.stdout.write(m + '\\n'); process.exit(1); };
  if (MODE === 'crash') {
    process.stdout.write('boom: keychain exploded\\n');
    process.stderr.write('panic: runtime error\\n');
    process.exit(3);
  }
  if (MODE === 'hang') { setInterval(() => {}, 1000); return; }
  if (MODE === 'garbage') { process.stdout.write('this is not json'); return; }
  if (MODE === 'no-list' && verb === 'list') fail('list is unimplemented');
  const db = fs.existsSync(STORE) ? JSON.parse(fs.readFileSync(STORE, 'utf8')) : {};
  const save = () => fs.writeFileSync(STORE, JSON.stringify(db));
  const server = input.trim();
  if (verb === 'get') {
    if (!server) fail('no credentials server URL');
    if (!db[server]) fail('credentials not found in native keychain');
    process.stdout.write(JSON.stringify({ ServerURL: server, Username: db[server].Username, Secret: db[server].Secret }) + '\\n');
  } else if (verb === 'store') {
    const c = JSON.parse(input);
    if (!c.ServerURL) fail('no credentials server URL');
    if (!c.Username) fail('no credentials username');
    db[c.ServerURL] = { Username: c.Username, Secret: c.Secret };
    save();
  } else if (verb === 'erase') {
    if (!server) fail('no credentials server URL');
    if (!db[server]) fail('credentials not found in native keychain');
    delete db[server];
    save();
  } else if (verb === 'list') {
    const out = {};
    for (const k of Object.keys(db)) out[k] = db[k].Username;
    process.stdout.write(JSON.stringify(out) + '\\n');
  } else {
    fail('unknown credential action \`' + verb + '\`');
  }
});
`;
}
