import { describe, expect, it } from 'vitest';
import type { Prefetched } from '../registry/speculation';
import { earlyPlan, followingReads, inCache } from './early';

const earlyTargets = (argv: string[]) => earlyPlan(argv).targets;
/** Targets as `host:port×count`, in first-seen order. */
function summary(argv: string[]): string[] {
  const counts = new Map<string, number>();
  for (const t of earlyTargets(argv)) counts.set(`${t.hostname}:${t.port}`, (counts.get(`${t.hostname}:${t.port}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}×${n}`);
}
/** What inspect opens besides its probes: LIST_PRECONNECT warm-ups (the early read's own connection is kept for a child). */
const WARM = 11;

describe('earlyPlan: what a command line will do first on the network, worked out before the CLI loads', () => {
  it('inspect of a remote reference: https, and plain HTTP too on loopback (both probed at once), plus warm-ups', () => {
    expect(summary(['inspect', '--verbose', '127.0.0.1:5000/a/b:1'])).toEqual([`127.0.0.1:5000×${2 + WARM}`]);
    expect(summary(['inspect', 'localhost/a'])).toEqual([`localhost:443×${1 + WARM}`, 'localhost:80×1']);
  });

  it("Docker Hub's API host, and http only with --insecure elsewhere", () => {
    expect(summary(['inspect', 'alpine'])).toEqual([`registry-1.docker.io:443×${1 + WARM}`]);
    expect(summary(['inspect', '--insecure', 'reg.example:5000/a'])).toEqual([`reg.example:5000×${2 + WARM}`]);
    expect(earlyTargets(['inspect', '[::1]:5000/a'])[0]).toEqual({ hostname: '::1', port: 5000 });
  });

  it('global --config, the `manifest` word and flags anywhere are skipped as the CLI skips them', () => {
    expect(summary(['--config', '/tmp/x', 'manifest', 'inspect', 'ghcr.io/a/b', '-v'])).toEqual([`ghcr.io:443×${1 + WARM}`]);
    expect(summary(['--config=/tmp/x', 'push', '--purge', 'ghcr.io/a/b'])).toEqual(['ghcr.io:443×1']);
  });

  it('create contacts every image registry once (not the list name); push the list registry', () => {
    expect(earlyTargets(['create', 'quay.io/l:1', 'ghcr.io/a:1', 'ghcr.io/b:1', 'alpine'])).toEqual([
      { hostname: 'ghcr.io', port: 443 },
      { hostname: 'registry-1.docker.io', port: 443 },
    ]);
    expect(earlyTargets(['push', 'quay.io/l:1'])).toEqual([{ hostname: 'quay.io', port: 443 }]);
  });

  it('nothing for local work, help, bad input or other commands', () => {
    for (const argv of [
      ['inspect', 'ghcr.io/l:1', 'ghcr.io/a:1'], // an entry of a local draft
      ['inspect', '--help', 'ghcr.io/a'],
      ['inspect', '--bogus', 'ghcr.io/a'],
      ['inspect', 'a//b'],
      ['annotate', 'ghcr.io/l', 'ghcr.io/a', '--arch', 'arm64'],
      ['rm', 'ghcr.io/l'],
      ['login', 'ghcr.io'],
      [],
    ]) {
      expect(earlyTargets(argv), argv.join(' ')).toEqual([]);
    }
  });

  it('plans the first manifest GET of each image, by tag (latest by default) or digest, on each scheme', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(earlyPlan(['inspect', 'alpine']).reads.map((r) => r.url)).toEqual(['https://registry-1.docker.io/v2/library/alpine/manifests/latest']);
    expect(earlyPlan(['inspect', `ghcr.io/a/b@${digest}`]).reads.map((r) => r.url)).toEqual([`https://ghcr.io/v2/a/b/manifests/${digest}`]);
    // tag and digest: fetched by tag, then checked against the digest (as fetchReference does)
    expect(earlyPlan(['inspect', `ghcr.io/a/b:1@${digest}`]).reads.map((r) => r.url)).toEqual(['https://ghcr.io/v2/a/b/manifests/1']);
    // both schemes on one port: plain HTTP's answer settles it, so only that read goes ahead
    expect(earlyPlan(['inspect', '127.0.0.1:5000/a:1']).reads.map((r) => r.url)).toEqual(['http://127.0.0.1:5000/v2/a/manifests/1']);
    expect(earlyPlan(['inspect', 'localhost/a:1']).reads.map((r) => r.url)).toEqual(['https://localhost/v2/a/manifests/1', 'http://localhost/v2/a/manifests/1']);
    expect(earlyPlan(['create', 'ghcr.io/l:1', 'ghcr.io/a:1', 'ghcr.io/b:2']).reads.map((r) => r.url)).toEqual([
      'https://ghcr.io/v2/a/manifests/1',
      'https://ghcr.io/v2/b/manifests/2',
    ]);
    // push's first request is no read; local drafts need none
    expect(earlyPlan(['push', 'ghcr.io/l:1']).reads.map((r) => r.url)).toEqual([]);
    expect(earlyPlan(['inspect', 'ghcr.io/l:1', 'ghcr.io/a:1']).reads.map((r) => r.url)).toEqual([]);
  });
});

describe('followingReads: what fetchReference reads after a manifest, worked out from the early answer', () => {
  const url = 'http://127.0.0.1:5000/v2/a/b/manifests/latest';
  const d = (c: string): string => `sha256:${c.repeat(64)}`;
  const ok = (doc: unknown, status = 200): Prefetched => ({ status, headers: {}, body: Buffer.from(JSON.stringify(doc)) });
  const list = { schemaVersion: 2, manifests: [{ digest: d('1') }, { digest: d('2'), platform: { os: 'linux' } }] };

  it("a list's children (inspect reads them), by digest in the same repository", () => {
    expect(followingReads(url, ok(list), true)).toEqual([
      { url: `http://127.0.0.1:5000/v2/a/b/manifests/${d('1')}`, kind: 'manifest', digest: d('1') },
      { url: `http://127.0.0.1:5000/v2/a/b/manifests/${d('2')}`, kind: 'manifest', digest: d('2') },
    ]);
    // create does not read a list's children; nor does a child that is itself a list (a nested index).
    expect(followingReads(url, ok(list), false)).toEqual([]);
  });

  it("an image's config, as a blob", () => {
    const image = { schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d('c') }, layers: [] };
    expect(followingReads(`http://127.0.0.1:5000/v2/a/b/manifests/${d('1')}`, ok(image), false)).toEqual([
      { url: `http://127.0.0.1:5000/v2/a/b/blobs/${d('c')}`, kind: 'blob', digest: d('c') },
    ]);
  });

  it('nothing from a failed read, a challenge, garbage, or a digest the client would refuse (no odd paths sent)', () => {
    expect(followingReads(url, undefined, true)).toEqual([]);
    expect(followingReads(url, ok(list, 401), true)).toEqual([]);
    expect(followingReads(url, { status: 200, headers: {}, body: Buffer.from('{"manifests": [') }, true)).toEqual([]);
    expect(followingReads(url, ok(null), true)).toEqual([]);
    expect(followingReads(url, ok({ manifests: 'no' }), true)).toEqual([]);
    const odd = ['sha256:../../x', `sha256:${'A'.repeat(64)}`, `md5:${'a'.repeat(32)}`, 42, null];
    expect(followingReads(url, ok({ manifests: odd.map((digest) => ({ digest })) }), true)).toEqual([]);
    expect(followingReads(url, ok({ config: { digest: 'sha256:short' } }), true)).toEqual([]);
  });
});

describe('earlyPlan and local drafts', () => {
  it('plans nothing for inspect of a name a local draft shadows (read from disk, not the registry)', async () => {
    const { mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'early-drafts-'));
    try {
      const ref = '127.0.0.1:5000/a/list:1';
      expect(earlyPlan(['--config', dir, 'inspect', ref]).reads).toHaveLength(1);
      // docker's draft directory name for that list (see safe-name.ts)
      mkdirSync(join(dir, 'manifests', '127.0.0.1-5000_a_list-1'), { recursive: true });
      expect(earlyPlan(['--config', dir, 'inspect', ref])).toEqual({ targets: [], reads: [], children: false });
      // found through $DOCKER_CONFIG too, as the CLI finds it
      expect(earlyPlan(['inspect', ref], { DOCKER_CONFIG: dir }).targets).toEqual([]);
      // create still fetches the images even when a draft of the list's name exists
      expect(earlyPlan(['--config', dir, 'create', ref, '127.0.0.1:5000/a/img:1']).reads).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('followingReads and the content cache', () => {
  it('leaves out the children the cache holds (read from disk, config included), not the others', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ContentCache } = await import('../registry/content-cache');
    const { parseDockerReference } = await import('../../shared/reference');
    const dir = mkdtempSync(join(tmpdir(), 'early-cache-'));
    try {
      const child = Buffer.from('{"schemaVersion":2}');
      const { createHash } = await import('node:crypto');
      const held = `sha256:${createHash('sha256').update(child).digest('hex')}`;
      const other = `sha256:${'e'.repeat(64)}`;
      const ref = parseDockerReference('127.0.0.1:5000/a/b:1');
      await new ContentCache(dir).putManifest(ref.domain, ref.path, held, { bytes: child, mediaType: 'application/vnd.oci.image.manifest.v1+json' });
      const answer = { status: 200, headers: {}, body: Buffer.from(JSON.stringify({ manifests: [{ digest: held }, { digest: other }] })) };
      const url = 'http://127.0.0.1:5000/v2/a/b/manifests/1';
      expect(followingReads(url, answer, true, inCache(dir, ref)).map((r) => r.digest)).toEqual([other]);
      // Another repository's entry is not this one's; no cache at all reads everything.
      expect(followingReads(url, answer, true, inCache(dir, parseDockerReference('127.0.0.1:5000/a/c:1')))).toHaveLength(2);
      expect(followingReads(url, answer, true, inCache(undefined, ref))).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
