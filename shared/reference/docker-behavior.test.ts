/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import observedLayout from '../../test/fixtures/vectors/observed-store-layout.txt?raw';
import { StudioError } from '../errors';
import {
  familiarString,
  parseCanonical,
  parseDockerReference,
  parseNormalizedNamed,
  parseReference,
  referenceString,
  storeSafeName,
  withDigest,
  withTag,
} from './index';

const HEX64 = 'e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
const D = `sha256:${HEX64}`;
const docker = (s: string): string => referenceString(parseDockerReference(s));

/** The thrown error must be our typed error with docker's exact text (not merely a substring). */
function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StudioError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a REFERENCE_INVALID error, got success');
}

describe('parseDockerReference: docker manifest normalisation (docs/docker-behavior.md §1.1)', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36'],
    ['myorg/app', 'docker.io/myorg/app:latest'],
    ['index.docker.io/myorg/app', 'docker.io/myorg/app:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['localhost:5000/test/list', 'localhost:5000/test/list:latest'],
    ['localhost/test', 'localhost/test:latest'],
    ['ghcr.io/o/r', 'ghcr.io/o/r:latest'],
    [`ghcr.io/o/r@${D}`, `ghcr.io/o/r@${D}`],
    [`foo:1@${D}`, `docker.io/library/foo:1@${D}`],
    ['[::1]:5000/repo', '[::1]:5000/repo:latest'],
    ['[2001:db8::1]/repo:tag', '[2001:db8::1]/repo:tag'],
    ['Registry.Example/app', 'Registry.Example/app:latest'],
    ['busybox:UPPER', 'docker.io/library/busybox:UPPER'],
  ])('%s → %s', (input, expected) => {
    expect(docker(input)).toBe(expected);
  });

  it('keeps both parts of name:tag@digest and adds no tag to a digest reference', () => {
    expect(parseDockerReference(`foo:1@${D}`)).toEqual({ domain: 'docker.io', path: 'library/foo', tag: '1', digest: D });
    expect(parseDockerReference(`foo@${D}`).tag).toBeUndefined();
  });

  it('parseNormalizedNamed adds no default tag', () => {
    expect(referenceString(parseNormalizedNamed('busybox'))).toBe('docker.io/library/busybox');
  });

  it('accepts sha384 and sha512 digests (docker links both)', () => {
    expect(docker(`foo@sha384:${'a'.repeat(96)}`)).toBe(`docker.io/library/foo@sha384:${'a'.repeat(96)}`);
    expect(docker(`foo@sha512:${'b'.repeat(128)}`)).toBe(`docker.io/library/foo@sha512:${'b'.repeat(128)}`);
  });

  it('familiarString shortens what docker shows people', () => {
    expect(familiarString(parseDockerReference('busybox'))).toBe('busybox:latest');
    expect(familiarString(parseDockerReference('docker.io/library/a/b'))).toBe('library/a/b:latest');
    expect(familiarString(parseDockerReference('localhost:5000/x'))).toBe('localhost:5000/x:latest');
  });
});

describe("docker's exact error texts", () => {
  it.each([
    [HEX64, `invalid repository name (${HEX64}), cannot specify 64-byte hexadecimal strings`],
    ['UPPER', 'invalid reference format: repository name (library/UPPER) must be lowercase'],
    ['myorg/App:tag', 'invalid reference format: repository name (myorg/App) must be lowercase'],
    ['localhost:5000/Test', 'invalid reference format: repository name (Test) must be lowercase'],
    ['', 'invalid reference format'],
    ['foo/-bar', 'invalid reference format'],
    ['busybox:-tag', 'invalid reference format'],
    ['foo@sha256:abc', 'invalid reference format'],
    [`docker.io/${'a'.repeat(250)}/bbbbbbb`, 'repository name must not be more than 255 characters'],
    [`foo@sha256:${'f'.repeat(40)}`, 'invalid checksum digest length'],
    [`foo@sha256:${'F'.repeat(64)}`, 'invalid checksum digest format'],
    [`foo@md5:${'f'.repeat(32)}`, 'unsupported digest algorithm'],
  ])('%j → %s', (input, message) => {
    expect(errorOf(() => parseDockerReference(input))).toEqual({ code: 'REFERENCE_INVALID', message });
  });

  it('raw Parse, WithTag, WithDigest and ParseNamed texts', () => {
    expect(errorOf(() => parseReference('')).message).toBe('repository name must have at least one component');
    expect(errorOf(() => parseReference('Foo/Bar')).message).toBe('repository name must be lowercase');
    const r = parseNormalizedNamed('busybox');
    expect(errorOf(() => withTag(r, '-foo')).message).toBe('invalid tag format');
    expect(errorOf(() => withDigest(r, 'foo')).message).toBe('invalid digest format');
    expect(errorOf(() => parseCanonical('busybox:latest')).message).toBe('repository name must be canonical');
  });
});

describe('parseCanonical reads store Refs the way docker does', () => {
  it('accepts the Ref of the observed store entry and a Hub Ref', () => {
    expect(parseCanonical('localhost:5000/test/arm:v7')).toEqual({ domain: 'localhost:5000', path: 'test/arm', tag: 'v7' });
    expect(parseCanonical('docker.io/library/foo:latest').path).toBe('library/foo');
  });
});

describe('storeSafeName matches the store docker 28.2.2 wrote (observed/store-layout.txt)', () => {
  const names = observedLayout.split('\n').filter((l) => l.startsWith('manifests/')).map((l) => l.slice('manifests/'.length));

  it('produces every observed directory and file name from the references given to create', () => {
    const list = storeSafeName(docker('localhost:5000/test/list'));
    const entries = ['localhost:5000/test/amd64', 'localhost:5000/test/arm:v7', 'localhost:5000/test/arm64', 'localhost:5000/test/win'];
    const ours = [list, ...entries.map((e) => `${list}/${storeSafeName(docker(e))}`)];
    expect(names.length).toBe(5);
    expect(ours.sort()).toEqual([...names].sort());
  });

  it('matches the documented examples (docs/docker-behavior.md §3.1)', () => {
    expect(storeSafeName(docker('foo'))).toBe('docker.io_library_foo-latest');
    expect(storeSafeName(docker('myorg/bar:1.0'))).toBe('docker.io_myorg_bar-1.0');
    expect(storeSafeName(docker(`localhost:5000/test/amd64@${D}`))).toBe(`localhost-5000_test_amd64@sha256-${HEX64}`);
  });
});
