import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';

/** Reads an environment variable; Windows variable names are case-insensitive (`Path` vs `PATH`). */
export function envValue(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/**
 * Go's `exec.LookPath` over the given environment's PATH: the first executable regular file named
 * `name` (on Windows, `name` plus each PATHEXT extension). Empty PATH entries are skipped: Go refuses
 * "." lookups too (ErrDot), and a credential helper picked up from the working directory would be a
 * way to steal secrets.
 */
export async function lookPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const isWin = platform === 'win32';
  const path = isWin ? win32 : posix;
  const dirs = (envValue(env, 'PATH', platform) ?? '').split(isWin ? ';' : ':').filter((d) => d !== '');
  const exts = isWin
    ? (envValue(env, 'PATHEXT', platform) || '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')
    : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext.toLowerCase());
      if (await isExecutableFile(candidate, isWin)) return candidate;
    }
  }
  return undefined;
}

async function isExecutableFile(file: string, isWin: boolean): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    if (!isWin) await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
