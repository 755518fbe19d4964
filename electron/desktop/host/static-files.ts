import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path onto a file inside `root`, or `undefined` when it would leave it. Decoding happens
 * once, here; `..` segments, encoded slashes and backslashes and NUL bytes are refused outright instead
 * of being normalised into something that looks harmless.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (/%2f|%5c/i.test(urlPath)) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const base = resolve(root);
  const full = resolve(base, rel);
  return full.startsWith(base + sep) ? full : undefined;
}

/** Reads a regular file; `undefined` for anything else (missing, a directory). */
export async function readStaticFile(path: string): Promise<Buffer | undefined> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}
