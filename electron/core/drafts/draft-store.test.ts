import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { MediaType } from '../../../shared/oci';
import { fixtureBytes, fixtureText, verboseItems } from '../../../test/fixtures/docker/load';
import { goJsonCompact, sha256Digest } from '../formats';
import { DraftStore } from './draft-store';
import { guessRefFromSafeName, storeSafeName } from './safe-name';

const LIST = 'localhost:5000/test/list:latest';
const EXAMPLE = 'observed/store-entry-example.localhost-5000_test_arm-v7.json';
const items = verboseItems('observed/inspect-local-list.verbose.json');

let configDir: string;
let store: DraftStore;

beforeEach(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'drafts-test-'));
  store = new DraftStore(configDir);
});
afterEach(async () => {
  await rm(configDir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<StudioError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('expected a StudioError');
}

/** Puts a file straight into the draft directory, as docker or a user would. */
async function plant(fileName: string, bytes: Uint8Array | string): Promise<string> {
  await mkdir(store.draftDir(LIST), { recursive: true });
  const path = join(store.draftDir(LIST), fileName);
  await writeFile(path, bytes);
  return path;
}

describe('entry files', () => {
  it('writes byte-for-byte what docker 28.2.2 writes, with docker permissions', async () => {
    const [arm] = items.filter((i) => i.ref === 'localhost:5000/test/arm:v7');
    const saved = await store.writeEntry(LIST, { ref: arm!.ref, descriptor: arm!.descriptor, raw: arm!.raw });
    expect(saved.fileName).toBe('localhost-5000_test_arm-v7');
    const path = store.entryPath(LIST, arm!.ref);
    expect(Buffer.compare(await readFile(path), fixtureBytes(EXAMPLE))).toBe(0);
    const umask = process.umask();
    expect((await stat(path)).mode & 0o777).toBe(0o644 & ~umask);
    expect((await stat(store.draftDir(LIST))).mode & 0o777).toBe(0o755 & ~umask);
    expect((await stat(store.root)).mode & 0o777).toBe(0o755 & ~umask);
    // The temp file lived next to the draft directories, not inside one, and is gone.
    expect(await readdir(store.root)).toEqual(['localhost-5000_test_list-latest']);
  });

  it('reads the docker example and writes it back unchanged', async () => {
    const path = await plant('localhost-5000_test_arm-v7', fixtureBytes(EXAMPLE));
    const entry = await store.readEntry(LIST, 'localhost:5000/test/arm:v7');
    expect(entry).toMatchObject({
      fileName: 'localhost-5000_test_arm-v7',
      ref: 'localhost:5000/test/arm:v7',
      payloadKind: 'SchemaV2Manifest',
      descriptor: { size: 522, platform: { architecture: 'arm', os: 'linux', variant: 'v7' } },
    });
    expect(sha256Digest(entry!.raw)).toBe(entry!.descriptor.digest);
    expect(new TextDecoder().decode(entry!.payload)).toBe(goJsonCompact(entry!.raw, true));
    await rm(path);
    await store.writeEntry(LIST, entry!);
    expect(Buffer.compare(await readFile(path), fixtureBytes(EXAMPLE))).toBe(0);
  });

  it('lists entries sorted by file name, not by the order they were added', async () => {
    for (const ref of ['win', 'amd64', 'arm:v7', 'arm64']) {
      const item = items.find((i) => i.ref.startsWith(`localhost:5000/test/${ref}`))!;
      await store.writeEntry(LIST, { ref: item.ref, descriptor: item.descriptor, raw: item.raw, payloadKind: item.kind });
    }
    const entries = await store.readEntries(LIST);
    expect(entries.map((e) => e.ref)).toEqual(items.map((i) => i.ref));
    const layout = fixtureText('observed/store-layout.txt').trim().split('\n');
    expect(entries.map((e) => `manifests/localhost-5000_test_list-latest/${e.fileName}`)).toEqual(layout.slice(2));
    expect(entries[2]!.payloadKind).toBe('OCIManifest');
    expect(entries[3]!.descriptor.platform).toEqual({ architecture: 'amd64', os: 'windows', 'os.version': '10.0.17763.1234' });
  });

  it('refuses to write bytes that do not match the descriptor', async () => {
    const item = items[0]!;
    const e = await failure(store.writeEntry(LIST, { ref: item.ref, descriptor: { ...item.descriptor, size: 1 }, raw: item.raw }));
    expect(e.code).toBe('DIGEST_MISMATCH');
    expect(await store.exists(LIST)).toBe(false);
  });
});

describe('missing drafts and entries', () => {
  it('reports a missing draft with docker text, and a missing entry as undefined', async () => {
    const e = await failure(store.readEntries(LIST));
    expect(e.code).toBe('DRAFT_NOT_FOUND');
    expect(e.message).toBe(`No such manifest: ${LIST}`);
    expect(await store.readEntry(LIST, 'localhost:5000/test/x:1')).toBeUndefined();
    await store.create(LIST);
    expect(await store.exists(LIST)).toBe(true);
    expect(await store.readEntries(LIST)).toEqual([]);
    expect(await store.readEntry(LIST, 'localhost:5000/test/x:1')).toBeUndefined();
    expect((await failure(store.removeEntry(LIST, 'localhost:5000/test/x:1'))).code).toBe('ENTRY_NOT_FOUND');
    expect((await failure(store.remove('localhost:5000/nope:latest'))).message).toBe('No such manifest: localhost:5000/nope:latest');
  });
});

describe('corrupt files are reported and never touched', () => {
  async function expectCorrupt(fileName: string, bytes: Uint8Array | string, what: RegExp): Promise<void> {
    const path = await plant(fileName, bytes);
    const before = await stat(path);
    const e = await failure(store.readEntries(LIST));
    expect(e.code).toBe('DRAFT_CORRUPT');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(what);
    expect(e.hint).toMatch(/never changes or deletes/);
    // Writing another entry must not rewrite or remove the bad file either.
    const item = items[0]!;
    await store.writeEntry(LIST, { ref: item.ref, descriptor: item.descriptor, raw: item.raw });
    expect(Buffer.compare(await readFile(path), typeof bytes === 'string' ? Buffer.from(bytes) : bytes)).toBe(0);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  }

  it('bad JSON', async () => {
    await expectCorrupt('localhost-5000_test_bad-1', '{"Ref":"x",', /not valid JSON \(unexpected end of JSON input\)/);
  });

  it('a stray .DS_Store', async () => {
    await expectCorrupt('.DS_Store', new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]), /not valid JSON/);
  });

  it('Raw that does not hash to the descriptor digest', async () => {
    const text = fixtureText(EXAMPLE).replace('"size":522', '"size":522').replace('sha256:8c2bc6', 'sha256:0c2bc6');
    await expectCorrupt('localhost-5000_test_arm-v7', text, /Raw does not match the descriptor digest \(sha256:0c2bc6.* != sha256:8c2bc6/);
  });

  it('an entry without payload', async () => {
    const body = JSON.parse(fixtureText(EXAMPLE)) as Record<string, unknown>;
    delete body['SchemaV2Manifest'];
    await expectCorrupt('localhost-5000_test_arm-v7', JSON.stringify(body), /has no payload/);
  });

  it('a directory inside the draft', async () => {
    await mkdir(join(store.draftDir(LIST), 'sub'), { recursive: true });
    const e = await failure(store.readEntries(LIST));
    expect(e.code).toBe('DRAFT_CORRUPT');
    expect(e.message).toContain('is a directory');
  });
});

describe('legacy and Raw-less entries', () => {
  const payload = (): string => {
    const body = JSON.parse(fixtureText(EXAMPLE)) as { SchemaV2Manifest: unknown };
    return JSON.stringify(body.SchemaV2Manifest);
  };

  it('reads the pre-Descriptor format (Digest + Platform) and checks the digest like docker', async () => {
    const p = payload();
    const digest = sha256Digest(new TextEncoder().encode(p));
    const legacy = `{"Ref":"localhost:5000/test/arm:v7","Digest":"${digest}","Platform":{"architecture":"arm","os":"linux","variant":"v7","features":["x"]},"SchemaV2Manifest":${p}}`;
    await plant('localhost-5000_test_arm-v7', legacy);
    const entry = await store.readEntry(LIST, 'localhost:5000/test/arm:v7');
    expect(entry?.descriptor).toEqual({
      mediaType: MediaType.DockerManifest,
      digest,
      size: p.length,
      platform: { architecture: 'arm', os: 'linux', variant: 'v7' },
    });
    expect(new TextDecoder().decode(entry?.raw)).toBe(p);
    expect(entry?.rawReconstructed).toBe(true);
  });

  it("gives docker's message for a legacy digest mismatch", async () => {
    const p = payload();
    const wrong = `sha256:${'0'.repeat(64)}`;
    const path = await plant('e', `{"Ref":"localhost:5000/test/arm:v7","Digest":"${wrong}","SchemaV2Manifest":${p}}`);
    const e = await failure(store.readEntries(LIST));
    expect(e.message).toBe(
      `invalid manifest file ${path}: image manifest digest mismatch (${wrong} != ${sha256Digest(new TextEncoder().encode(p))})`,
    );
  });

  it('rebuilds an empty Raw by re-indenting the payload as docker push does', async () => {
    const body = JSON.parse(fixtureText(EXAMPLE)) as Record<string, unknown>;
    const original = Buffer.from(body['Raw'] as string, 'base64');
    body['Raw'] = '';
    await plant('localhost-5000_test_arm-v7', JSON.stringify(body));
    const [entry] = await store.readEntries(LIST);
    expect(Buffer.compare(entry!.raw, original)).toBe(0);
    expect(entry!.rawReconstructed).toBe(true);
  });
});

describe('listing, removal and the sidecar', () => {
  it('names drafts exactly when the sidecar knows them and guesses otherwise', async () => {
    await store.create(LIST);
    await store.writeDraftMeta(LIST, { ref: LIST, mediaType: MediaType.OciIndex, order: ['b', 'a'] });
    const item = items[0]!;
    await store.writeEntry('docker.io/my_org/app-x:1.0-rc', { ref: item.ref, descriptor: item.descriptor, raw: item.raw });
    await writeFile(join(store.root, 'stray-file'), 'x');
    expect(await store.list()).toEqual([
      { safeName: 'docker.io_my_org_app-x-1.0-rc', ref: 'docker.io/my/org/app-x-1.0:rc', refGuessed: true, entryCount: 1 },
      { safeName: 'localhost-5000_test_list-latest', ref: LIST, refGuessed: false, entryCount: 0 },
    ]);
    expect(await store.readDraftMeta(LIST)).toEqual({ ref: LIST, mediaType: MediaType.OciIndex, order: ['b', 'a'] });
    await store.remove(LIST);
    expect(await store.exists(LIST)).toBe(false);
    expect(await store.readDraftMeta(LIST)).toBeUndefined();
    expect(await readdir(store.metaDir)).toEqual([]);
  });

  it('ignores a sidecar that belongs to a colliding name and reports a corrupt one', async () => {
    await store.writeDraftMeta('a-5000/x-y', { ref: 'a-5000/x-y' });
    expect(await store.readDraftMeta('a:5000/x:y')).toBeUndefined();
    await writeFile(join(store.metaDir, `${storeSafeName(LIST)}.json`), '{"ref": 3}');
    const e = await failure(store.readDraftMeta(LIST));
    expect(e.code).toBe('DRAFT_CORRUPT');
    expect(e.message).toContain(`${storeSafeName(LIST)}.json`);
  });

  it('removes single entries', async () => {
    const item = items[0]!;
    await store.writeEntry(LIST, { ref: item.ref, descriptor: item.descriptor, raw: item.raw });
    await store.removeEntry(LIST, item.ref);
    expect(await store.readEntries(LIST)).toEqual([]);
  });
});

describe('safe names', () => {
  it.each([
    ['localhost:5000/test/list:latest', 'localhost-5000_test_list-latest'],
    ['docker.io/library/foo:latest', 'docker.io_library_foo-latest'],
    ['docker.io/myorg/bar:1.0', 'docker.io_myorg_bar-1.0'],
    ['localhost:5000/test/amd64@sha256:753a', 'localhost-5000_test_amd64@sha256-753a'],
  ])('%s <-> %s', (ref, safe) => {
    expect(storeSafeName(ref)).toBe(safe);
    expect(guessRefFromSafeName(safe)).toBe(ref);
  });
});
