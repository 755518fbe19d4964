import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { digestOf } from './body';
import { type CacheKind, contentCachePath } from './content-cache-paths';

/**
 * Manifests and configs by digest, kept on disk: what a digest names never changes, so a repeated
 * `inspect` reads a list's children and their configs from here instead of the registry (on Docker Hub
 * every manifest GET counts against the pull limit; an N-platform list costs 1 + N of them otherwise).
 *
 * Entries are keyed by registry, repository and digest, so the cache never vouches for content in a
 * repository it did not come from, and only content the registry client verified is put in. Every read is
 * checked against its digest again: a damaged entry reads as missing and is replaced by the next fetch.
 * Nothing here can fail an operation: a cache that cannot be read or written is simply not used.
 */

/** Larger documents are fetched every time (configs are a few kilobytes; manifests too). */
export const MAX_CACHED_BYTES = 1024 * 1024;

export interface CachedManifest {
  bytes: Uint8Array;
  mediaType: string;
}

export interface ContentCacheOptions {
  /**
   * Read and write synchronously, each entry as it is put. For a short process that mostly waits on the
   * network (the CLI): a small file is cheap to read or write this way, and the work is done while later
   * answers are still on their way. The thread pool costs more CPU per file, even for a miss, and its writes
   * would still be finishing after the last answer has arrived.
   */
  sync?: boolean;
}

export class ContentCache {
  /** Each directory an entry went to, made (or being made) once per process. */
  private readonly dirs = new Map<string, Promise<unknown>>();
  private readonly writing = new Set<Promise<unknown>>();
  readonly sync: boolean;

  constructor(
    readonly dir: string,
    opts: ContentCacheOptions = {},
  ) {
    this.sync = opts.sync === true;
  }

  /** A manifest of `domain/repo` by digest, with the media type its registry served it as. */
  async getManifest(domain: string, repo: string, digest: string): Promise<CachedManifest | undefined> {
    const file = await this.read('manifests', domain, repo, digest);
    if (!file) return undefined;
    // One line of media type, then the exact bytes.
    const newline = file.indexOf(10);
    if (newline < 0) return undefined;
    const bytes = file.subarray(newline + 1);
    return matches(bytes, digest) ? { bytes, mediaType: file.toString('utf8', 0, newline) } : undefined;
  }

  async getBlob(domain: string, repo: string, digest: string): Promise<Uint8Array | undefined> {
    const bytes = await this.read('blobs', domain, repo, digest);
    return bytes && matches(bytes, digest) ? bytes : undefined;
  }

  /** Stores verified bytes; the caller has checked them against `digest`. */
  async putManifest(domain: string, repo: string, digest: string, manifest: CachedManifest): Promise<void> {
    if (/[\r\n]/.test(manifest.mediaType)) return;
    const head = Buffer.from(`${manifest.mediaType}\n`, 'utf8');
    await this.write('manifests', domain, repo, digest, Buffer.concat([head, manifest.bytes]), manifest.bytes.byteLength);
  }

  async putBlob(domain: string, repo: string, digest: string, bytes: Uint8Array): Promise<void> {
    await this.write('blobs', domain, repo, digest, bytes, bytes.byteLength);
  }

  /**
   * Lets `writes` finish in the background: a read that needs them is served from the registry meanwhile.
   * A process that is about to exit awaits flush() first.
   */
  background(writes: Promise<unknown>): void {
    this.writing.add(writes);
    void writes.finally(() => this.writing.delete(writes));
  }

  /** Resolves once every write handed to background() has finished. */
  async flush(): Promise<void> {
    await Promise.all(this.writing);
  }

  private writeNow(path: string, data: Uint8Array): void {
    const dir = join(path, '..');
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.set(dir, Promise.resolve());
    }
    writeFileSync(path, data);
  }

  /** `path`'s directory, made once: concurrent writes to one directory wait for the same mkdir. */
  private dirOf(path: string): Promise<unknown> {
    const dir = join(path, '..');
    let made = this.dirs.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true });
      this.dirs.set(dir, made);
      // A failure is not remembered: the next write tries again (the disk may have room by then).
      made.catch(() => this.dirs.delete(dir));
    }
    return made;
  }

  private async read(kind: CacheKind, domain: string, repo: string, digest: string): Promise<Buffer | undefined> {
    const path = contentCachePath(this.dir, kind, domain, repo, digest);
    if (!path) return undefined;
    try {
      if (this.sync) return existsSync(path) ? readFileSync(path) : undefined;
      return await readFile(path);
    } catch {
      return undefined;
    }
  }

  private async write(kind: CacheKind, domain: string, repo: string, digest: string, data: Uint8Array, size: number): Promise<void> {
    const path = contentCachePath(this.dir, kind, domain, repo, digest);
    if (!path || size > MAX_CACHED_BYTES) return;
    try {
      if (this.sync) return this.writeNow(path, data);
      await this.dirOf(path);
      // Straight to its place, no temp file and rename: a reader checks every entry against its digest,
      // so a torn or concurrent write reads as missing and the next fetch writes it again.
      await writeFile(path, data);
    } catch {
      // A read-only or full disk only means the next run fetches again.
    }
  }
}

/** Only cacheable digests name entries (sha256, sha512: see contentCachePath). */
function matches(bytes: Uint8Array, digest: string): boolean {
  return digestOf(bytes, digest.slice(0, digest.indexOf(':'))) === digest;
}
