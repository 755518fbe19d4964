import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, win32, posix } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../../shared/errors';

/** Transport settings for one registry host (`host[:port]`), see docs/ARCHITECTURE.md. */
export const HostSettingsSchema = z.strictObject({
  insecure: z.boolean().optional(),
  plainHttp: z.boolean().optional(),
  caFile: z.string().min(1).optional(),
  clientCertFile: z.string().min(1).optional(),
  clientKeyFile: z.string().min(1).optional(),
});

export const RegistrySettingsSchema = z.strictObject({
  registries: z.record(z.string().min(1), HostSettingsSchema).default({}),
});

export type HostSettings = z.infer<typeof HostSettingsSchema>;
export type RegistrySettings = z.infer<typeof RegistrySettingsSchema>;

export const EMPTY_SETTINGS: RegistrySettings = { registries: {} };

/**
 * Where the settings file lives: `$MANIFEST_STUDIO_SETTINGS`, else the per-platform config dir.
 * `env`, `platform` and `home` are parameters so the CLI, the app and tests agree without globals.
 */
export function settingsPath(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  home: string,
): string {
  const explicit = env['MANIFEST_STUDIO_SETTINGS'];
  if (explicit) return explicit;
  if (platform === 'win32') {
    const appData = env['APPDATA'] || win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, 'manifest-studio', 'registries.json');
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', 'manifest-studio', 'registries.json');
  }
  const xdg = env['XDG_CONFIG_HOME'] || posix.join(home, '.config');
  return posix.join(xdg, 'manifest-studio', 'registries.json');
}

/** Reads and validates the settings file; a missing file is empty settings, a bad one is SETTINGS_INVALID. */
export async function loadRegistrySettings(path: string): Promise<RegistrySettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (isNotFound(e)) return { registries: {} };
    throw new StudioError('SETTINGS_INVALID', `cannot read registry settings file ${path}: ${errText(e)}`, {
      hint: 'Check the file permissions, or point MANIFEST_STUDIO_SETTINGS at another file.',
      cause: e,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalid(path, `not valid JSON (${errText(e)})`, e);
  }
  const parsed = RegistrySettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    throw invalid(path, issues, parsed.error);
  }
  return parsed.data;
}

/** Writes the settings atomically (temp file in the same directory, then rename). */
export async function saveRegistrySettings(path: string, settings: RegistrySettings): Promise<void> {
  const valid = RegistrySettingsSchema.parse(settings);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.registries-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, JSON.stringify(valid, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The settings for one `host[:port]` (exact key, as docker's normalised domain); empty when absent. */
export function hostSettings(settings: RegistrySettings, host: string): HostSettings {
  return settings.registries[host] ?? {};
}

function invalid(path: string, detail: string, cause: unknown): StudioError {
  return new StudioError('SETTINGS_INVALID', `registry settings file ${path} is invalid: ${detail}`, {
    hint: 'Fix or remove the file; its shape is { "registries": { "<host[:port]>": { "insecure", "plainHttp", "caFile", "clientCertFile", "clientKeyFile" } } }.',
    cause,
  });
}

export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR');
}

export function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
