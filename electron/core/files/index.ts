/**
 * Public face of `core/files`: where the user's files live on each platform, and writing them so that a
 * crash leaves the old file or the new one. Light on purpose: the launcher loads it before the CLI.
 */
export { TEMP_PREFIX, writeFileAtomic } from './atomic-write';
export { homeFrom, userCacheDir } from './user-dirs';
