import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The user's home as the CLI and the app see it: `$HOME`, `%USERPROFILE%`, else the OS's answer. */
export function homeFrom(env: NodeJS.ProcessEnv): string {
  return env.HOME ?? env.USERPROFILE ?? homedir();
}

/**
 * The user's cache directory for this program: `$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches`
 * on macOS, `%LOCALAPPDATA%` on Windows, under `manifest-studio`.
 */
export function userCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return win32.join(env['LOCALAPPDATA'] || win32.join(home, 'AppData', 'Local'), 'manifest-studio', 'cache');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'manifest-studio');
  return posix.join(env['XDG_CACHE_HOME'] || posix.join(home, '.cache'), 'manifest-studio');
}
