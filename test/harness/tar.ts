import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** One entry of a layer tarball. Directories end with '/'. */
export interface TarEntry {
  path: string;
  content?: Buffer | string;
  mode?: number;
}

/** 2024-01-01T00:00:00Z: a fixed mtime so the layer bytes never depend on when the run happens. */
export const FIXED_MTIME = 1_704_067_200;

function octal(value: number, width: number): string {
  // ustar numeric fields: zero-padded octal, terminated by NUL (width includes the NUL).
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(path: string, size: number, mode: number, isDir: boolean): Buffer {
  const block = Buffer.alloc(512, 0);
  if (Buffer.byteLength(path) > 99) throw new Error(`tar path too long for the harness writer: ${path}`);
  block.write(path, 0, 'utf8');
  block.write(octal(mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid
  block.write(octal(0, 8), 116, 'ascii'); // gid
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(FIXED_MTIME, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii'); // checksum is computed with this field as spaces
  block.write(isDir ? '5' : '0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write('root', 265, 'ascii');
  block.write('root', 297, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return block;
}

/**
 * Writes a ustar archive by hand: entries sorted by name, mtime fixed, owner root:root (0:0),
 * so identical input always yields identical bytes (like `tar --sort=name --mtime=... --owner=0`).
 */
export function writeTar(entries: TarEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    const isDir = entry.path.endsWith('/');
    const body = isDir ? Buffer.alloc(0) : Buffer.from(entry.content ?? '');
    parts.push(header(entry.path, body.length, entry.mode ?? (isDir ? 0o755 : 0o644), isDir));
    parts.push(body);
    const pad = (512 - (body.length % 512)) % 512;
    if (pad > 0) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0)); // end-of-archive: two zero blocks
  return Buffer.concat(parts);
}

/**
 * gzip with node:zlib, normalised: zlib already writes mtime 0 and no file name (`gzip -n`); the OS
 * byte varies by platform, so it is forced to 255 ("unknown", what Go's gzip writes). With a fixed
 * level the output is stable for a given zlib build.
 */
export function gzipDeterministic(data: Buffer, level = 9): Buffer {
  const out = gzipSync(data, { level });
  out[9] = 0xff;
  return out;
}

/** `sha256:<hex>` of exact bytes. */
export function sha256Digest(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
