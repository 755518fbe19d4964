/**
 * Interoperability with the real docker CLI (28.2.2 on the build machines): docker reads the drafts we
 * write and we read the drafts docker writes. All commands used here are local (no daemon, no network).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { fixtureText, verboseItems } from '../../../test/fixtures/docker/load';
import { toolPath } from '../../../test/harness/tool-path';
import { formatInspectImage, formatInspectList, formatVerbose, sha256Digest } from '../formats';
import { DraftStore } from './draft-store';
import type { DraftEntry } from './entry-file';

const run = promisify(execFile);
const dockerVersion = await run('docker', ['--version']).then(
  (r) => r.stdout,
  () => '',
);

const LIST = 'localhost:5000/test/list:latest';
const ARM64 = 'localhost:5000/test/arm64:latest';
let configDir: string;
let store: DraftStore;

async function docker(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run('docker', ['--config', configDir, 'manifest', ...args], { env: { PATH: toolPath(), HOME: configDir, DOCKER_CONFIG: configDir } });
    return { ...r, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

async function writeObservedDraft(): Promise<void> {
  for (const item of verboseItems('observed/inspect-local-list.verbose.json')) {
    await store.writeEntry(LIST, { ref: item.ref, descriptor: item.descriptor, raw: item.raw, payloadKind: item.kind });
  }
}

const verboseItem = (e: DraftEntry) => ({ ref: e.ref, descriptor: e.descriptor, raw: e.raw, kind: e.payloadKind });

describe.skipIf(!dockerVersion.includes('28.2.2'))('docker CLI interoperability', () => {
  beforeEach(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'drafts-docker-'));
    store = new DraftStore(configDir);
  });
  afterEach(async () => {
    await rm(configDir, { recursive: true, force: true });
  });

  it('docker inspects the draft we wrote exactly as in the observed session, and so do we', async () => {
    await writeObservedDraft();
    const entries = await store.readEntries(LIST);
    const plain = await docker('inspect', LIST);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toBe(fixtureText('observed/inspect-local-list.json'));
    expect(formatInspectList(entries.map((e) => e.descriptor))).toBe(plain.stdout);
    const verbose = await docker('inspect', '--verbose', LIST);
    expect(verbose.stdout).toBe(fixtureText('observed/inspect-local-list.verbose.json'));
    expect(formatVerbose(entries.map(verboseItem))).toBe(verbose.stdout);
    const single = await docker('inspect', LIST, ARM64);
    const arm64 = await store.readEntry(LIST, ARM64);
    expect(formatInspectImage(arm64!.payload!)).toBe(single.stdout);
  });

  it('we read what docker annotate wrote, and writing it back gives the same bytes', async () => {
    await writeObservedDraft();
    const annotated = await docker('annotate', '--os-features', 'a<b&c', '--variant', 'v9', '--os-version', '1.0', LIST, ARM64);
    expect(annotated.code).toBe(0);
    const path = store.entryPath(LIST, ARM64);
    const dockerBytes = await readFile(path);
    const entry = await store.readEntry(LIST, ARM64);
    expect(entry!.descriptor.platform).toEqual({
      architecture: 'arm64',
      os: 'linux',
      'os.version': '1.0',
      'os.features': ['foo', 'a<b&c'],
      variant: 'v9',
    });
    await rm(path);
    await store.writeEntry(LIST, entry!);
    expect(Buffer.compare(await readFile(path), dockerBytes)).toBe(0);
    const verbose = await docker('inspect', '--verbose', LIST, ARM64);
    expect(formatVerbose(verboseItem(entry!))).toBe(verbose.stdout);
  });

  it('docker removes a draft we created, and sees what we removed as gone', async () => {
    await writeObservedDraft();
    expect((await docker('rm', LIST)).code).toBe(0);
    expect(await store.exists(LIST)).toBe(false);
    await store.create(LIST);
    expect((await docker('create', LIST, ARM64)).stderr).toContain('refusing to amend an existing manifest list with no --amend flag');
    await store.remove(LIST);
    expect((await docker('inspect', LIST, ARM64)).stderr.trim()).toBe(`No such manifest: ${ARM64}`);
  });

  it('docker and we reject the same legacy digest mismatch with the same text', async () => {
    const body = JSON.parse(fixtureText('observed/store-entry-example.localhost-5000_test_arm-v7.json')) as { SchemaV2Manifest: unknown };
    const payload = JSON.stringify(body.SchemaV2Manifest);
    const digest = sha256Digest(new TextEncoder().encode(payload));
    const dir = store.draftDir(LIST);
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'localhost-5000_test_arm-v7');
    const legacy = (d: string): string => `{"Ref":"localhost:5000/test/arm:v7","Digest":"${d}","SchemaV2Manifest":${payload}}`;
    await writeFile(path, legacy(digest));
    const ARM = 'localhost:5000/test/arm:v7';
    expect((await docker('inspect', LIST, ARM)).code).toBe(0);
    expect((await store.readEntries(LIST))[0]!.descriptor.digest).toBe(digest);
    await writeFile(path, legacy(`sha256:${'1'.repeat(64)}`));
    // Two-argument inspect reads the store only (one-argument inspect would fall back to the registry).
    const theirs = await docker('inspect', LIST, ARM);
    const ours = await store.readEntries(LIST).catch((e: unknown) => e);
    expect(ours).toBeInstanceOf(StudioError);
    expect(`${(ours as StudioError).message}\n`).toBe(theirs.stderr);
  });
});
