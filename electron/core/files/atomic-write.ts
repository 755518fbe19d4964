import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Prefix of our temp files, so a listing of their directory can skip them. */
export const TEMP_PREFIX = '.manifest-studio-';

/**
 * Writes `bytes` to `target` via a temp file in `tempDir` (same filesystem), fsync, then rename: a
 * crash leaves the old file or the new one, never half of one. `tempDir` must not be a draft
 * directory, because docker parses every file there (docs/docker-behavior.md §3.2).
 */
export async function writeFileAtomic(tempDir: string, target: string, bytes: Uint8Array, mode = 0o644): Promise<void> {
  const temp = join(tempDir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDir(join(target, '..'));
}

/** Makes the rename durable; not possible on every platform (Windows), so best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the directory entry is a bonus, not a requirement.
  }
}
