import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { answerPing, streamForever, type HostileServer } from '../harness/hostile-server';
import { toolPath } from '../harness/tool-path';
import { type Sandbox, bin, sandboxIn } from './run';

export interface TimedResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the process, in ms. */
  ms: number;
  /** The process had to be killed: the CLI hung. */
  timedOut: boolean;
}

/**
 * Runs the built CLI and kills it after `killAfterMs`. Unlike `ours`, a hang is a result (so a test can
 * say "hung" in bounded time) instead of a rejection after a minute.
 */
export function runTimed(box: Sandbox, args: string[], killAfterMs = 20_000): Promise<TimedResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(bin, args, { env: { PATH: toolPath(), ...box.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

/** The error line the CLI printed (the rest of stderr is an optional `hint:` line). */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/**
 * Every file under `dir` with its exact bytes (base64), plus every directory (as `<dir>/`), keyed by path
 * relative to `dir`. Comparing two snapshots proves nothing was added, removed or rewritten.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        out[`${relative(dir, p)}/`] = 'dir';
        walk(p);
      } else {
        out[relative(dir, p)] = readFileSync(p).toString('base64');
      }
    }
  };
  walk(dir);
  return out;
}

/** A copy of `base`'s docker config dir in a fresh sandbox, so each test starts from the same draft. */
export function cloneSandbox(base: Sandbox): Sandbox {
  const box = sandboxIn(mkdtempSync(join(tmpdir(), 'studio-cli-')));
  if (existsSync(base.dockerConfig)) cpSync(base.dockerConfig, box.dockerConfig, { recursive: true });
  cpSync(base.settingsFile, box.settingsFile);
  return box;
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export const SCHEMA2 = 'application/vnd.docker.distribution.manifest.v2+json';

/** A tiny, valid linux/amd64 schema2 image: config blob and manifest (tab-indented, as docker prints it). */
export interface TinyImage {
  config: Buffer;
  configDigest: string;
  manifest: Buffer;
  digest: string;
}

export function tinyImage(): TinyImage {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const configDigest = sha256(config);
  const body = {
    schemaVersion: 2,
    mediaType: SCHEMA2,
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
    layers: [],
  };
  const manifest = Buffer.from(JSON.stringify(body, null, '\t'));
  return { config, configDigest, manifest, digest: sha256(manifest) };
}

/** Serves `img` as `test/x` (any tag, and by digest) and its config blob; false for anything else. */
export function serveImage(img: TinyImage, req: IncomingMessage, res: ServerResponse): boolean {
  if (answerPing(req, res)) return true;
  const url = req.url ?? '';
  if (/^\/v2\/test\/x\/manifests\/[^/]+$/.test(url) && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, { 'content-type': SCHEMA2, 'content-length': String(img.manifest.length), 'docker-content-digest': img.digest });
    res.end(req.method === 'GET' ? img.manifest : undefined);
    return true;
  }
  if (url === `/v2/test/x/blobs/${img.configDigest}` && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(img.config.length), 'docker-content-digest': img.configDigest });
    res.end(req.method === 'GET' ? img.config : undefined);
    return true;
  }
  return false;
}

/**
 * A registry good enough for `create` and a cross-repository `push` of `img` from `test/x` into `test/list`:
 * blob mounts succeed, manifest PUTs by digest succeed; the list PUT (by tag) gets `listPut`'s answer.
 */
export function pushRegistry(img: TinyImage, listPut: 'ok' | 'fail') {
  return (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const url = req.url ?? '';
    if (req.method === 'POST' && url.startsWith('/v2/test/list/blobs/uploads/') && url.includes('mount=')) {
      res.writeHead(201, { location: `/v2/test/list/blobs/${img.configDigest}`, 'content-length': '0' });
      res.end();
      return;
    }
    if (serveImage(img, req, res)) return;
    const put = /^\/v2\/test\/list\/manifests\/([^/]+)$/.exec(url);
    if (req.method === 'PUT' && put) {
      if (put[1]?.startsWith('sha256:') || listPut === 'ok') {
        res.writeHead(201, { 'docker-content-digest': sha256(body), 'content-length': '0' });
        res.end();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'list storage exploded' }] }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' }] }));
  };
}

// ---------------------------------------------------------------------------------------------------
// Hostile registries

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Manifest GETs the server saw (to count retries). */
export function manifestGets(s: HostileServer): number {
  return s.requests.filter((q) => q.method === 'GET' && q.url.includes('/manifests/')).length;
}

/** One misbehaving registry and the exact first stderr line both `inspect` and `create` must print. */
export interface Fault {
  name: string;
  handler?: Handler;
  ref: (host: string) => string;
  expected: (host: string) => string;
  how?: 'exact' | 'prefix';
  /** Upper bound on each command's run time; also the budget before the process is killed. */
  maxMs: number;
  minMs?: number;
  check?: (s: HostileServer) => void;
}

/** The reference every hostile test uses. */
export const tag = (host: string): string => `${host}/test/x:latest`;
const errorBody = (status: number, body: string, type = 'application/json'): Handler => (req, res) => {
  if (answerPing(req, res)) return;
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

/** An error status whose HTML body never ends. */
const endlessErrorBody = (status: number): Handler => (req, res) => {
  if (answerPing(req, res)) return;
  res.writeHead(status, { 'content-type': 'text/html' });
  streamForever(res, Buffer.alloc(64 * 1024, 0x41));
};

/** The image the hostile registries pretend to serve. */
export const IMG = tinyImage();
const img = IMG;
const ZERO = `sha256:${'0'.repeat(64)}`;
const wrongBytes = Buffer.concat([img.manifest, Buffer.from(' ')]);

/** The catalogue of faults; every entry is run against `inspect` and `create --amend`. */
export const HOSTILE_FAULTS: Fault[] = [
  {
    name: 'wrong bytes for a by-digest GET',
    handler: (req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(200, { 'content-type': SCHEMA2 });
      res.end(wrongBytes);
    },
    ref: (host) => `${host}/test/x@${img.digest}`,
    expected: (host) => `manifest verification failed for digest ${img.digest}: registry ${host} sent content with digest ${sha256(wrongBytes)}`,
    maxMs: 15_000,
  },
  {
    name: 'a wrong Docker-Content-Digest',
    handler: (req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(200, { 'content-type': SCHEMA2, 'docker-content-digest': ZERO });
      res.end(img.manifest);
    },
    ref: tag,
    expected: (host) => `registry says ${tag(host)} has digest ${ZERO} but its bytes hash to ${img.digest}`,
    maxMs: 15_000,
  },
  {
    name: 'an endless (> 4 MiB) streamed manifest',
    handler: (req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(200, { 'content-type': SCHEMA2 });
      streamForever(res, Buffer.alloc(64 * 1024, 0x20));
    },
    ref: tag,
    expected: (host) => `manifest ${tag(host)} is larger than 4194304 bytes; refusing it`,
    maxMs: 15_000,
    // Two clients stopped reading soon after 4 MiB each (socket buffers account for the rest).
    check: (s) => expect(s.bytesWritten()).toBeLessThan(48 * 1024 * 1024),
  },
  {
    name: 'garbage JSON as the manifest body',
    handler: errorBody(200, '{"schemaVersion": 2, garbage', SCHEMA2),
    ref: tag,
    expected: () => `invalid manifest JSON: invalid character 'g' looking for beginning of object key string`,
    maxMs: 15_000,
  },
  {
    name: 'an HTML error page',
    handler: errorBody(404, '<html>\n  <body>404 nginx</body>\n</html>\n', 'text/html'),
    ref: tag,
    expected: (host) => `no such manifest: ${tag(host)} (HTTP 404: <html> <body>404 nginx</body> </html>)`,
    maxMs: 15_000,
  },
  {
    name: 'a truncated JSON error body',
    handler: errorBody(400, '{"errors": [{"code": 5}]'),
    ref: tag,
    expected: (host) => `registry ${host} returned an error for ${tag(host)} (HTTP 400: {"errors": [{"code": 5}])`,
    maxMs: 15_000,
  },
  {
    name: 'an endless 404 error body',
    handler: endlessErrorBody(404),
    ref: tag,
    expected: (host) => `no such manifest: ${tag(host)} (HTTP 404: ${'A'.repeat(200)}…)`,
    maxMs: 15_000,
  },
  {
    // Before a retry the unwanted body is drained only up to a limit; an endless one once hung the CLI.
    name: 'an endless 500 error body',
    handler: endlessErrorBody(500),
    ref: tag,
    expected: (host) => `registry ${host} returned an error for ${tag(host)} (HTTP 500: ${'A'.repeat(200)}…)`,
    maxMs: 20_000,
  },
  {
    name: '500 on every request (ping included)',
    handler: (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    },
    ref: tag,
    expected: (host) => `registry ${host} returned an error for ${tag(host)} (HTTP 500: boom)`,
    maxMs: 15_000,
    // 4 attempts (DEFAULT_RETRY) for each of the two commands, then they give up.
    check: (s) => expect(manifestGets(s)).toBe(8),
  },
  {
    name: '429 with Retry-After: 1 on every manifest GET',
    handler: (req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }));
    },
    ref: tag,
    expected: (host) => `rate limited by ${host} (HTTP 429: toomanyrequests: slow down)`,
    // Three waits of one second prove Retry-After was honoured (backoff alone is well under 2 s).
    minMs: 3_000,
    maxMs: 15_000,
    check: (s) => expect(manifestGets(s)).toBe(8),
  },
  {
    // The test sets MANIFEST_STUDIO_TIMEOUT_MS=2000, so a stall must end in a few seconds.
    name: 'a body that stalls forever',
    handler: (req, res) => {
      if (answerPing(req, res)) return;
      res.writeHead(200, { 'content-type': SCHEMA2, 'content-length': String(img.manifest.length) });
      res.write(img.manifest.subarray(0, 10));
    },
    ref: tag,
    expected: (host) => `timed out talking to http://${host} (`,
    how: 'prefix',
    minMs: 2_000,
    maxMs: 12_000,
  },
  {
    name: 'a refused connection',
    ref: tag,
    expected: (host) => `connection refused by https://${host}: is the registry running at https://${host}?`,
    maxMs: 15_000,
  },
];
