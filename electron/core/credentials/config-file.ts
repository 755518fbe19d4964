import { randomBytes } from 'node:crypto';
import { chmod, chown, lstat, mkdir, readFile, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import { decodeAuth } from './auth-field';

/**
 * One `auths` entry as docker reads it (`types.AuthConfig`). Loose: fields we do not know survive a
 * rewrite of the entry's neighbours because we never re-serialise entries we did not change.
 */
export const AuthEntrySchema = z.looseObject({
  auth: z.string().nullish(),
  username: z.string().nullish(),
  password: z.string().nullish(),
  email: z.string().nullish(),
  serveraddress: z.string().nullish(),
  identitytoken: z.string().nullish(),
  registrytoken: z.string().nullish(),
});

/** The parts of config.json this module reads; every other key is carried through untouched. */
export const ConfigFileSchema = z.looseObject({
  auths: z.record(z.string(), AuthEntrySchema).nullish(),
  credsStore: z.string().nullish(),
  credHelpers: z.record(z.string(), z.string()).nullish(),
});

/** An `auths` entry after docker's load step (`auth` decoded into username/password). */
export interface DecodedAuthEntry {
  username?: string;
  password?: string;
  identityToken?: string;
  registryToken?: string;
}

export interface LoadedConfig {
  /** Absolute path of config.json (it may not exist yet). */
  path: string;
  /** The whole file as parsed JSON, so a write can carry every unknown key through. */
  raw: Record<string, unknown>;
  /** Decoded `auths`, in file order (docker iterates a Go map: order there is random). */
  auths: Map<string, DecodedAuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

export function configFilePath(configDir: string): string {
  return join(configDir, 'config.json');
}

/**
 * Reads config.json. A missing or empty file is an empty config (as in docker). A malformed one is a
 * CREDENTIALS error naming the file: docker prints a warning and carries on with whatever it decoded
 * so far, which turns a typo into a silent anonymous pull or, worse, a later `login` that rewrites the
 * file from the half-read state and drops the user's other entries. We refuse to guess instead.
 */
export async function loadConfig(configDir: string): Promise<LoadedConfig> {
  const path = resolve(configFilePath(configDir));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { path, raw: {}, auths: new Map(), credHelpers: {} };
    throw malformed(path, `cannot read the file: ${errText(e)}`, e);
  }
  if (text.trim() === '') return { path, raw: {}, auths: new Map(), credHelpers: {} };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw malformed(path, `not valid JSON (${errText(e)})`, e);
  }
  return decodeConfig(path, json);
}

/** Validates parsed config JSON and decodes its `auths` (shared with DOCKER_AUTH_CONFIG). */
export function decodeConfig(path: string, json: unknown, source = `config file (${path})`): LoadedConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw malformed(path, 'the top level is not a JSON object', undefined, source);
  }
  const parsed = ConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw malformed(path, issues, parsed.error, source);
  }
  const auths = new Map<string, DecodedAuthEntry>();
  for (const [key, entry] of Object.entries(parsed.data.auths ?? {})) {
    let username = entry.username || undefined;
    let password = entry.password || undefined;
    if (entry.auth) {
      const decoded = decodeAuth(entry.auth);
      if (typeof decoded === 'string') throw malformed(path, `auths["${key}"].auth: ${decoded}`, undefined, source);
      ({ username, password } = decoded);
    }
    auths.set(key, {
      username,
      password,
      identityToken: entry.identitytoken || undefined,
      registryToken: entry.registrytoken || undefined,
    });
  }
  const credsStore = parsed.data.credsStore || undefined;
  return {
    path,
    raw: json as Record<string, unknown>,
    auths,
    ...(credsStore ? { credsStore } : {}),
    credHelpers: parsed.data.credHelpers ?? {},
  };
}

/**
 * Returns `raw` with `auths[key]` replaced (or deleted when `entry` is undefined). Every other key
 * keeps its place and value; `auths` keys are sorted bytewise because docker writes Go maps sorted,
 * so a file docker wrote stays in docker's order.
 */
export function withAuthEntry(
  raw: Record<string, unknown>,
  key: string,
  entry: Record<string, string> | undefined,
): Record<string, unknown> {
  const current = raw['auths'];
  const auths: Record<string, unknown> =
    typeof current === 'object' && current !== null && !Array.isArray(current) ? { ...current } : {};
  if (entry === undefined) delete auths[key];
  else auths[key] = entry;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(auths).sort(bytewise)) sorted[k] = auths[k];
  // docker always writes `auths` (no omitempty) and puts it first; keep an existing position.
  return 'auths' in raw ? { ...raw, auths: sorted } : { auths: sorted, ...raw };
}

/**
 * Serialises like docker's `json.MarshalIndent(cfg, "", "\t")`: tab indent, no trailing newline,
 * Go's HTML-safe escapes. Numbers in unknown keys go through JS doubles (integers beyond 2^53 would
 * lose precision; docker drops unknown keys entirely, so this is still the gentler of the two).
 */
export function serializeConfig(raw: Record<string, unknown>): string {
  return goEscape(JSON.stringify(raw, null, '\t'));
}

/** Go's encoding/json escapes `<`, `>`, `&`, U+2028 and U+2029; they only ever occur inside strings. */
export function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Atomic write as docker's `ConfigFile.Save`: temp file next to the real target (symlinks followed,
 * dangling ones too), mode and owner copied from the existing file, 0600 for a new one, then rename.
 */
export async function saveConfig(path: string, raw: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const target = await symlinkTarget(path);
  const existing = await stat(target).catch(() => undefined);
  const mode = existing ? existing.mode & 0o777 : 0o600;
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, serializeConfig(raw), { mode, flag: 'wx' });
    await chmod(tmp, mode); // writeFile's mode is filtered by the umask; docker copies the exact bits
    if (existing) await chown(tmp, existing.uid, existing.gid).catch(() => undefined);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new StudioError('CREDENTIALS', `cannot write ${target}: ${errText(e)}`, {
      hint: 'Check that the docker config directory is writable (see --config / DOCKER_CONFIG).',
      cause: e,
    });
  }
}

async function symlinkTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isSymbolicLink()) return path;
    return resolve(dirname(path), await readlink(path)); // dangling symlink: write where it points
  }
}

function malformed(path: string, detail: string, cause?: unknown, source = `config file (${path})`): StudioError {
  return new StudioError('CREDENTIALS', `Error parsing ${source}: ${detail}`, {
    hint:
      'Fix or remove the file. Manifest Studio does not guess credentials from a damaged config ' +
      '(docker would warn and carry on, usually anonymously).',
    cause,
  });
}

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

export function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
