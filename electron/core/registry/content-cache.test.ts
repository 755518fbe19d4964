import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentCache, MAX_CACHED_BYTES } from './content-cache';
import { contentCacheDir, contentCachePath } from './content-cache-paths';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'content-cache-'));
  dirs.push(d);
  return d;
}
const digestOf = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const MANIFEST = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}\n');
const OCI = 'application/vnd.oci.image.manifest.v1+json';

describe('ContentCache: manifests and configs by registry, repository and digest, checked on every read', () => {
  it('gives back the exact bytes and media type it was given, for that repository only', async () => {
    const cache = new ContentCache(tempDir());
    const digest = digestOf(MANIFEST);
    expect(await cache.getManifest('127.0.0.1:5000', 'a/b', digest)).toBeUndefined();
    await cache.putManifest('127.0.0.1:5000', 'a/b', digest, { bytes: MANIFEST, mediaType: OCI });
    const hit = await cache.getManifest('127.0.0.1:5000', 'a/b', digest);
    expect(Buffer.from(hit?.bytes ?? []).equals(MANIFEST)).toBe(true);
    expect(hit?.mediaType).toBe(OCI);
    // Another repository or registry holding the same digest is not vouched for.
    expect(await cache.getManifest('127.0.0.1:5000', 'a/c', digest)).toBeUndefined();
    expect(await cache.getManifest('127.0.0.1:5001', 'a/b', digest)).toBeUndefined();
    // A blob of that digest is another entry.
    expect(await cache.getBlob('127.0.0.1:5000', 'a/b', digest)).toBeUndefined();
    await cache.putBlob('127.0.0.1:5000', 'a/b', digest, MANIFEST);
    expect(Buffer.from((await cache.getBlob('127.0.0.1:5000', 'a/b', digest)) ?? []).equals(MANIFEST)).toBe(true);
  });

  it('a damaged entry reads as missing, and the next put replaces it', async () => {
    const dir = tempDir();
    const cache = new ContentCache(dir);
    const digest = digestOf(MANIFEST);
    await cache.putManifest('docker.io', 'library/alpine', digest, { bytes: MANIFEST, mediaType: OCI });
    const path = contentCachePath(dir, 'manifests', 'docker.io', 'library/alpine', digest) as string;
    writeFileSync(path, `${OCI}\n{"schemaVersion":2}`);
    expect(await cache.getManifest('docker.io', 'library/alpine', digest)).toBeUndefined();
    writeFileSync(path, 'no newline at all');
    expect(await cache.getManifest('docker.io', 'library/alpine', digest)).toBeUndefined();
    await cache.putManifest('docker.io', 'library/alpine', digest, { bytes: MANIFEST, mediaType: OCI });
    expect((await cache.getManifest('docker.io', 'library/alpine', digest))?.mediaType).toBe(OCI);
    // No temp files left behind.
    expect(readdirSync(join(path, '..'))).toEqual([digest.replace(':', '-')]);
  });

  it('keeps nothing it cannot name safely or that is too big, and never fails a caller', async () => {
    const dir = tempDir();
    const cache = new ContentCache(dir);
    const digest = digestOf(MANIFEST);
    for (const repo of ['../../etc', 'a//b', 'A/b', '']) {
      await cache.putBlob('h', repo, digest, MANIFEST);
      expect(await cache.getBlob('h', repo, digest)).toBeUndefined();
    }
    await cache.putBlob('h', 'a', 'sha256:../../x', MANIFEST);
    await cache.putBlob('h', 'a', `md5:${'0'.repeat(32)}`, MANIFEST);
    const big = Buffer.alloc(MAX_CACHED_BYTES + 1);
    await cache.putBlob('h', 'a', digestOf(big), big);
    expect(readdirSync(dir)).toEqual([]);
    // A cache directory that cannot be written (here: a file in its place) only means no cache.
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const broken = new ContentCache(file);
    await expect(broken.putBlob('h', 'a', digest, MANIFEST)).resolves.toBeUndefined();
    await expect(broken.getBlob('h', 'a', digest)).resolves.toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('writes left to the background are all done once flush() resolves', async () => {
    const dir = tempDir();
    const cache = new ContentCache(dir);
    const blobs = Array.from({ length: 20 }, (_, i) => Buffer.from(`{"n":${i}}`));
    cache.background(Promise.all(blobs.map((b) => cache.putBlob('h', 'a', digestOf(b), b))));
    await cache.flush();
    for (const b of blobs) expect(existsSync(contentCachePath(dir, 'blobs', 'h', 'a', digestOf(b)) as string)).toBe(true);
    await expect(cache.flush()).resolves.toBeUndefined();
  });

  it('with sync, an entry is on disk by the time put returns; a directory that cannot be made fails nothing', async () => {
    const dir = tempDir();
    const cache = new ContentCache(dir, { sync: true });
    const digest = digestOf(MANIFEST);
    // Not awaited: written within the call itself.
    void cache.putManifest('h', 'b/c', digest, { bytes: MANIFEST, mediaType: OCI });
    void cache.putBlob('h', 'b/c', digest, MANIFEST);
    expect(existsSync(contentCachePath(dir, 'manifests', 'h', 'b/c', digest) as string)).toBe(true);
    expect(existsSync(contentCachePath(dir, 'blobs', 'h', 'b/c', digest) as string)).toBe(true);
    expect((await cache.getManifest('h', 'b/c', digest))?.mediaType).toBe(OCI);
    expect(await cache.getBlob('h', 'b/c', digest)).toEqual(MANIFEST);
    // Read synchronously too: a missing or damaged entry still reads as missing.
    expect(await cache.getBlob('h', 'b/c', digestOf(Buffer.from('other')))).toBeUndefined();
    writeFileSync(contentCachePath(dir, 'blobs', 'h', 'b/c', digest) as string, 'damaged');
    expect(await cache.getBlob('h', 'b/c', digest)).toBeUndefined();
    // Still only what it can name safely and keep small.
    const big = Buffer.alloc(MAX_CACHED_BYTES + 1);
    await cache.putBlob('h', 'b/c', digestOf(big), big);
    await cache.putBlob('h', '../x', digest, MANIFEST);
    expect(readdirSync(join(dir, 'v1', 'h', 'b', 'c', 'blobs'))).toEqual([digest.replace(':', '-')]);
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const broken = new ContentCache(file, { sync: true });
    await expect(broken.putBlob('h', 'a', digest, MANIFEST)).resolves.toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('keys a registry with a port or an IPv6 address as a plain directory name', async () => {
    const dir = tempDir();
    const digest = digestOf(MANIFEST);
    const path = contentCachePath(dir, 'blobs', '[::1]:5000', 'a/b', digest) as string;
    expect(path.startsWith(join(dir, 'v1', '%5B%3A%3A1%5D%3A5000', 'a', 'b', 'blobs'))).toBe(true);
    await new ContentCache(dir).putBlob('[::1]:5000', 'a/b', digest, MANIFEST);
    expect(existsSync(path)).toBe(true);
  });
});

describe('contentCacheDir: where the cache lives', () => {
  it("follows each platform's cache directory, MANIFEST_STUDIO_CACHE, and `off`", () => {
    expect(contentCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/manifest-studio');
    expect(contentCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/manifest-studio');
    expect(contentCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/manifest-studio');
    expect(contentCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\Users\\u')).toBe('C:\\L\\manifest-studio\\cache');
    expect(contentCacheDir({ MANIFEST_STUDIO_CACHE: '/c' }, 'linux', '/home/u')).toBe('/c');
    expect(contentCacheDir({ MANIFEST_STUDIO_CACHE: 'off' }, 'linux', '/home/u')).toBeUndefined();
  });
});

describe('contentCachePath', () => {
  it('is the path path.join gives, for any spelling of the cache dir', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    for (const dir of ['/var/cache/ms', '/var/cache/ms/', '/var//cache/./ms', '/', 'relative/dir', '/a/b', '/var/cache/ms']) {
      expect(contentCachePath(dir, 'blobs', '127.0.0.1:5000', 'team/app/web', digest)).toBe(
        join(dir, 'v1', '127.0.0.1%3A5000', 'team', 'app', 'web', 'blobs', `sha256-${'ab'.repeat(32)}`),
      );
    }
  });
  it('has no path for a digest or repository that could leave the cache', () => {
    expect(contentCachePath('/c', 'blobs', 'h', 'a/../b', `sha256:${'ab'.repeat(32)}`)).toBeUndefined();
    expect(contentCachePath('/c', 'blobs', 'h', 'a', 'sha256:../../etc')).toBeUndefined();
  });
});
