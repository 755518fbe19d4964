import { describe, expect, it } from 'vitest';
import { earlyTargets, preconnect } from './early';
/** Targets as `host:port×count`, in first-seen order. */
function summary(argv: string[]): string[] {
  const counts = new Map<string, number>();
  for (const t of earlyTargets(argv)) counts.set(`${t.hostname}:${t.port}`, (counts.get(`${t.hostname}:${t.port}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}×${n}`);
}
/** What inspect opens besides its probes: LIST_PRECONNECT connections for a list's children. */
const WARM = 11;

describe('earlyTargets: what a command line will do first on the network, worked out before the CLI loads', () => {
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
});

describe('preconnect', () => {
  it('opens the planned connections in a pool of its own, for the registry client to take', () => {
    const pool = preconnect(['inspect', '127.0.0.1:1/a:1']);
    expect(pool.count('127.0.0.1', 1)).toBe(2 + WARM);
    pool.destroyAll();
    expect(preconnect(['rm', 'x']).count('127.0.0.1', 1)).toBe(0);
  });
});
