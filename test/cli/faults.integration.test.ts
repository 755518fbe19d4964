import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getHarness } from '../harness';
import { answerPing, startHostileServer, type HostileServer } from '../harness/hostile-server';
import { buildCli, docker, hasDocker, sandbox, type Sandbox } from './run';
import {
  cloneSandbox,
  firstLine,
  HOSTILE_FAULTS,
  IMG,
  manifestGets,
  pushRegistry,
  runTimed,
  serveImage,
  sha256,
  snapshotTree,
  tag,
  type TimedResult,
} from './faults-util';

/*
 * Bad input and bad registries through the real CLI process: every failure must be a clear message on
 * stderr with exit 1, in bounded time, and must leave every draft file byte-for-byte as it was.
 */
const h = getHarness();
const plain = h.registries.plain.host;
const LIST = `${plain}/faults/keep:v1`;
const AMD64 = `${plain}/${h.catalog.amd64.ref}`;
const ARM = `${plain}/${h.catalog.armV7.ref}`;
const ARM64 = `${plain}/${h.catalog.arm64.ref}`;
const img = IMG;
const safe = (ref: string): string => ref.replaceAll(':', '-').replaceAll('/', '_');
const draftDir = (box: Sandbox, list = LIST): string => join(box.dockerConfig, 'manifests', safe(list));

/** A docker config dir holding draft LIST (amd64 + arm/v7 from the plain registry); tests work on copies. */
let base: Sandbox;

beforeAll(async () => {
  buildCli();
  base = sandbox();
  const r = await runTimed(base, ['create', LIST, AMD64, ARM]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 120_000);

function expectFailure(r: TimedResult, line: string, how: 'exact' | 'prefix' = 'exact'): void {
  expect(r.timedOut, `hung for ${r.ms} ms; stderr: ${r.stderr}`).toBe(false);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe('');
  if (how === 'exact') expect(firstLine(r.stderr)).toBe(line);
  else expect(firstLine(r.stderr).startsWith(line), `${JSON.stringify(firstLine(r.stderr))} should start with ${JSON.stringify(line)}`).toBe(true);
}

/** Runs `fn` on a copy of the base draft and proves no file under the docker config dir changed. */
async function onCopy(fn: (box: Sandbox) => Promise<void>): Promise<void> {
  const box = cloneSandbox(base);
  const before = snapshotTree(box.dockerConfig);
  expect(Object.keys(before)).toContain(`manifests/${safe(LIST)}/${safe(AMD64)}`);
  await fn(box);
  expect(snapshotTree(box.dockerConfig)).toEqual(before);
}

/** docker 28.2.2 as the oracle for the local-only commands: it must print exactly `stderr`. */
async function dockerAgrees(box: Sandbox, args: string[], stderr: string): Promise<void> {
  if (!hasDocker) return;
  const d = await docker(box, ['manifest', ...args]);
  expect(d.stderr, `docker manifest ${args.join(' ')}`).toBe(stderr);
  expect(d.code).toBe(1);
}

const lower = (path: string): string => `invalid reference format: repository name (${path}) must be lowercase`;

describe('malformed references: docker\'s exact texts, nothing written', () => {
  const cases: [string[], string][] = [
    [['inspect', 'UPPER'], lower('library/UPPER')],
    [['inspect', 'bad^'], 'invalid reference format'],
    [['inspect', 'l', 'UPPER'], lower('library/UPPER')],
    [['inspect', 'a'.repeat(64)], `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    [['inspect', 'a'.repeat(256)], 'repository name must not be more than 255 characters'],
    [['create', 'l', 'UPPER'], lower('library/UPPER')],
    [['create', 'BAD^', 'x'], `error parsing name for manifest list BAD^: ${lower('library/BAD^')}`],
    [['create', 'bad^', 'x'], 'error parsing name for manifest list bad^: invalid reference format'],
    [['create', 'l', 'x@sha256:abc'], 'invalid reference format'],
    [['create', '--amend', LIST, `x:${'t'.repeat(129)}`], 'invalid reference format'],
    [['annotate', 'bad^', 'x'], 'annotate: error parsing name for manifest list bad^: invalid reference format'],
    [['annotate', LIST, 'UPPER'], `annotate: error parsing name for manifest UPPER: ${lower('library/UPPER')}`],
    [['push', 'bad^'], 'invalid reference format'],
    [['push', 'UPPER'], lower('library/UPPER')],
    [['push', `${plain}/`], 'invalid reference format'],
    [['rm', 'bad^'], 'invalid reference format'],
  ];
  it.each(cases)('%j', async (args, expected) => {
    await onCopy(async (box) => {
      expectFailure(await runTimed(box, args), expected);
      await dockerAgrees(box, args, `${expected}\n`);
    });
  });

  it('rm reports every bad name, one per line, and still removes nothing else', async () => {
    await onCopy(async (box) => {
      const args = ['rm', 'UPPER', 'nope'];
      const r = await runTimed(box, args);
      const expected = `${lower('library/UPPER')}\nNo such manifest: docker.io/library/nope:latest\n`;
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(expected);
      await dockerAgrees(box, args, expected);
    });
  });
});

describe('unknown lists and entries', () => {
  const cases: [string[], string][] = [
    [['push', 'nope'], 'No such manifest: docker.io/library/nope:latest'],
    [['push', '--purge', `${plain}/faults/nope:v1`], `No such manifest: ${plain}/faults/nope:v1`],
    [['annotate', 'l', 'nope'], 'manifest for image nope does not exist in l'],
    [['annotate', '--arch', 'arm64', LIST, ARM64], `manifest for image ${ARM64} does not exist in ${LIST}`],
    [['inspect', 'l', 'nope'], 'No such manifest: docker.io/library/nope:latest'],
    [['inspect', LIST, ARM64], `No such manifest: ${ARM64}`],
  ];
  it.each(cases)('%j', async (args, expected) => {
    await onCopy(async (box) => {
      expectFailure(await runTimed(box, args), expected);
      await dockerAgrees(box, args, `${expected}\n`);
    });
  });
});

describe('an existing draft is protected', () => {
  it('create without --amend refuses and adds nothing', async () => {
    await onCopy(async (box) => {
      const args = ['create', LIST, ARM64];
      expectFailure(await runTimed(box, args), 'refusing to amend an existing manifest list with no --amend flag');
      await dockerAgrees(box, args, 'refusing to amend an existing manifest list with no --amend flag\n');
    });
  });

  it.each([
    [['--arch', 'armv7l'], '/armv7l'],
    [['--os', 'linux', '--arch', 'aarch64'], 'linux/aarch64'],
    [['--os', 'fakeos'], 'fakeos/'],
  ])('annotate %j is refused and the entry file is unchanged', async (flags, echoed) => {
    await onCopy(async (box) => {
      const args = ['annotate', ...flags, LIST, AMD64];
      const expected = `manifest entry for image has unsupported os/arch combination: ${echoed}`;
      expectFailure(await runTimed(box, args), expected);
      await dockerAgrees(box, args, `${expected}\n`);
    });
  });

  it('control: a valid annotate does rewrite the entry (so the snapshots above can see a change)', async () => {
    const box = cloneSandbox(base);
    const file = join(draftDir(box), safe(AMD64));
    const before = snapshotTree(box.dockerConfig);
    const r = await runTimed(box, ['annotate', '--arch', 'arm64', '--variant', 'v8', LIST, AMD64]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = snapshotTree(box.dockerConfig);
    expect(after).not.toEqual(before);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(JSON.parse(readFileSync(file, 'utf8')).Descriptor.platform).toEqual({ architecture: 'arm64', os: 'linux', variant: 'v8' });
  });
});

interface Corruption {
  name: string;
  /** Damages the draft in `dir`; returns the bad file and the message prefix (or exact text). */
  apply(dir: string): { file: string; message: string; how: 'exact' | 'prefix' };
  /** Whether the bad file is AMD64's entry (so annotate and two-arg inspect of it must fail too). */
  entry: boolean;
}

const corruptions: Corruption[] = [
  {
    name: 'an entry that is not JSON',
    entry: true,
    apply(dir) {
      const file = join(dir, safe(AMD64));
      writeFileSync(file, readFileSync(file).subarray(0, 40));
      return { file, message: `invalid manifest file ${file}: not valid JSON (`, how: 'prefix' };
    },
  },
  {
    name: 'a stray .DS_Store',
    entry: false,
    apply(dir) {
      const file = join(dir, '.DS_Store');
      writeFileSync(file, Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0, 0, 0x10, 0, 0, 0, 0x08, 0]));
      return { file, message: `invalid manifest file ${file}: not valid JSON (`, how: 'prefix' };
    },
  },
  {
    name: 'an entry whose Raw does not hash to its digest',
    entry: true,
    apply(dir) {
      const file = join(dir, safe(AMD64));
      const json = JSON.parse(readFileSync(file, 'utf8')) as { Raw: string; Descriptor: { digest: string } };
      const raw = Buffer.concat([Buffer.from(json.Raw, 'base64'), Buffer.from(' ')]);
      writeFileSync(file, JSON.stringify({ ...json, Raw: raw.toString('base64') }));
      const message = `invalid manifest file ${file}: Raw does not match the descriptor digest (${json.Descriptor.digest} != ${sha256(raw)})`;
      return { file, message, how: 'exact' };
    },
  },
];

describe.each(corruptions)('a draft with $name', (c) => {
  it('fails inspect, push and annotate naming the file, and changes no byte of the draft', async () => {
    const box = cloneSandbox(base);
    const { message, how } = c.apply(draftDir(box));
    const before = snapshotTree(box.dockerConfig);
    const commands = [['inspect', LIST], ['inspect', '--verbose', LIST], ['push', LIST], ['push', '--purge', LIST]];
    if (c.entry) commands.push(['annotate', '--arch', 'arm64', LIST, AMD64], ['inspect', LIST, AMD64]);
    for (const args of commands) {
      const r = await runTimed(box, args);
      expectFailure(r, message, how);
      expect(snapshotTree(box.dockerConfig), args.join(' ')).toEqual(before);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Hostile registries

describe.each(HOSTILE_FAULTS)('a registry with $name', (f) => {
  it('inspect and create --amend fail clearly in bounded time; the existing draft is untouched', async () => {
    const server = await startHostileServer(f.handler ?? (() => undefined));
    const host = server.host;
    if (!f.handler) await server.close(); // nothing listens on the port any more
    try {
      await onCopy(async (box) => {
        // Short request timeouts keep the stall case quick; no other fault waits on a timeout.
        box.env.MANIFEST_STUDIO_TIMEOUT_MS = '2000';
        const ref = f.ref(host);
        const [inspect, create] = await Promise.all([
          runTimed(box, ['inspect', ref], f.maxMs + 5_000),
          runTimed(box, ['create', '--amend', LIST, ref], f.maxMs + 5_000),
        ]);
        for (const r of [inspect, create]) {
          expectFailure(r, f.expected(host), f.how);
          expect(r.ms).toBeLessThan(f.maxMs);
          if (f.minMs !== undefined) expect(r.ms).toBeGreaterThanOrEqual(f.minMs);
        }
        f.check?.(server);
      });
    } finally {
      if (f.handler) await server.close();
    }
  }, 70_000);
});

describe('hostile registry output never reaches the terminal raw', () => {
  // Registry text reaches stderr with its control characters escaped (they once went through raw).
  it('strips control characters from registry error messages and bodies', async () => {
    const server = await startHostileServer((req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: '\u001b[2J\u001b]0;pwned\u0007gone\u009b31m', detail: '\u001b[31m' }] }));
    });
    try {
      const r = await runTimed(sandbox(), ['inspect', tag(server.host)]);
      expectFailure(r, `no such manifest: ${tag(server.host)} (HTTP 404: manifest unknown: `, 'prefix');
      // Only newlines may remain: ESC, BEL, NUL and C1 (U+009B is a one-character CSI) must not reach a terminal.
      expect(JSON.stringify(r.stderr.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g) ?? [])).toBe('[]');
    } finally {
      await server.close();
    }
  });
});

describe('a transient fault is retried, not reported', () => {
  it('a 429 that clears up is retried after Retry-After and then succeeds', async () => {
    let limited = 0;
    const server = await startHostileServer((req, res) => {
      if (req.url?.includes('/manifests/') && limited++ === 0) {
        res.writeHead(429, { 'retry-after': '1', 'content-length': '0' });
        res.end();
        return;
      }
      if (!serveImage(img, req, res)) res.writeHead(404).end();
    });
    try {
      const r = await runTimed(sandbox(), ['inspect', tag(server.host)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${img.manifest.toString()}\n`);
      expect(r.ms).toBeGreaterThanOrEqual(1_000);
      expect(manifestGets(server)).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('push against a registry that fails the list PUT', () => {
  async function draftOn(mode: 'ok' | 'fail'): Promise<{ server: HostileServer; box: Sandbox; list: string }> {
    const server = await startHostileServer(pushRegistry(img, mode));
    const box = sandbox();
    const list = `${server.host}/test/list:latest`;
    const r = await runTimed(box, ['create', list, `${server.host}/test/x:amd64`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return { server, box, list };
  }

  it('exits 1 naming the list and keeps the draft, even with --purge', async () => {
    const { server, box, list } = await draftOn('fail');
    try {
      const before = snapshotTree(box.dockerConfig);
      for (const args of [['push', list], ['push', '--purge', list]]) {
        const r = await runTimed(box, args);
        expectFailure(r, `failed to put manifest ${list}: registry ${server.host} returned an error for ${list} (HTTP 500: unknown: list storage exploded)`);
        expect(snapshotTree(box.dockerConfig)).toEqual(before);
      }
      // The failure really was at the list: the blob was mounted and the child manifest accepted first.
      expect(server.requests.filter((q) => q.method === 'POST').map((q) => q.url)).toEqual(
        [1, 2].map(() => `/v2/test/list/blobs/uploads/?mount=${encodeURIComponent(img.configDigest)}&from=test%2Fx`),
      );
      const puts = server.requests.filter((q) => q.method === 'PUT').map((q) => q.url);
      const once = [`/v2/test/list/manifests/${img.digest}`, '/v2/test/list/manifests/latest'];
      expect(puts).toEqual([...once, ...once]);
    } finally {
      await server.close();
    }
  });

  it('control: the same registry accepting the list lets push --purge succeed and remove the draft', async () => {
    const { server, box, list } = await draftOn('ok');
    try {
      const local = await runTimed(box, ['inspect', list]);
      expect(local.code).toBe(0);
      const listDigest = sha256(local.stdout.replace(/\n$/, ''));
      const r = await runTimed(box, ['push', '--purge', list]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`Pushed ref ${server.host}/test/list@${img.digest} with digest: ${img.digest}\n${listDigest}\n`);
      expect(existsSync(draftDir(box, list))).toBe(false);
    } finally {
      await server.close();
    }
  });
});
