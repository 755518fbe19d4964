import { describe, expect, it } from 'vitest';
import { earlyTargets } from './early';

describe('earlyTargets: the registries a command line will contact, guessed before the CLI loads', () => {
  it('inspect of a remote reference: https, and plain HTTP too on loopback (both probed at once)', () => {
    expect(earlyTargets(['inspect', '--verbose', '127.0.0.1:5000/a/b:1'])).toEqual([
      { hostname: '127.0.0.1', port: 5000 },
      { hostname: '127.0.0.1', port: 5000 },
    ]);
    expect(earlyTargets(['inspect', 'localhost/a'])).toEqual([
      { hostname: 'localhost', port: 443 },
      { hostname: 'localhost', port: 80 },
    ]);
  });

  it("Docker Hub's API host, and http only with --insecure elsewhere", () => {
    expect(earlyTargets(['inspect', 'alpine'])).toEqual([{ hostname: 'registry-1.docker.io', port: 443 }]);
    expect(earlyTargets(['inspect', '--insecure', 'reg.example:5000/a'])).toEqual([
      { hostname: 'reg.example', port: 5000 },
      { hostname: 'reg.example', port: 5000 },
    ]);
    expect(earlyTargets(['inspect', '[::1]:5000/a'])).toHaveLength(2);
    expect(earlyTargets(['inspect', '[::1]:5000/a'])[0]).toEqual({ hostname: '::1', port: 5000 });
  });

  it('global --config, the `manifest` word and flags anywhere are skipped as the CLI skips them', () => {
    const expected = [{ hostname: 'ghcr.io', port: 443 }];
    expect(earlyTargets(['--config', '/tmp/x', 'manifest', 'inspect', 'ghcr.io/a/b', '-v'])).toEqual(expected);
    expect(earlyTargets(['--config=/tmp/x', 'push', '--purge', 'ghcr.io/a/b'])).toEqual(expected);
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
