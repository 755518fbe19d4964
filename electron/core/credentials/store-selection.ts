import { StudioError } from '../../../shared/errors';
import { decodeConfig } from './config-file';
import type { DecodedAuthEntry, LoadedConfig } from './config-file';
import { convertToHostname } from './keys';
import { lookPath } from './look-path';

/** Where docker would look for one key's credentials (docs/docker-behavior.md §6.1). */
export type StoreSelection =
  | { kind: 'credHelpers'; helper: string; configuredBy: string }
  | { kind: 'credsStore'; helper: string; configuredBy: string; detected: boolean }
  | { kind: 'auths' };

/**
 * docker's `getConfiguredCredentialStore` plus the default-store detection done at config load:
 * `credHelpers[key]`, else `credsStore`, else — only when the file has no `auths` entries, no
 * `credsStore` and no `credHelpers` — the platform's default helper if it is on PATH, else `auths`.
 */
export async function selectStore(
  config: LoadedConfig,
  key: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<StoreSelection> {
  if (Object.hasOwn(config.credHelpers, key)) {
    const helper = config.credHelpers[key];
    // docker returns the mapped name even when empty, and an empty name means the plain file store.
    if (!helper) return { kind: 'auths' };
    return { kind: 'credHelpers', helper, configuredBy: `"credHelpers" for "${key}" in ${config.path}` };
  }
  return defaultStore(config, env, platform);
}

/** The store for keys without a `credHelpers` entry: `credsStore`, the detected default, or `auths`. */
export async function defaultStore(
  config: LoadedConfig,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<Exclude<StoreSelection, { kind: 'credHelpers' }>> {
  if (config.credsStore) {
    return { kind: 'credsStore', helper: config.credsStore, configuredBy: `"credsStore" in ${config.path}`, detected: false };
  }
  if (config.auths.size > 0 || Object.keys(config.credHelpers).length > 0) return { kind: 'auths' };
  const fallback = await defaultHelper(env, platform);
  if (fallback === undefined) return { kind: 'auths' };
  return {
    kind: 'credsStore',
    helper: fallback,
    configuredBy: `docker's default for this platform (docker-credential-${fallback} is on PATH and ${config.path} names no store)`,
    detected: true,
  };
}

/**
 * The platform default helper (docker's `DetectDefaultStore`): osxkeychain, wincred, or on Linux `pass`
 * when a `pass` binary is on PATH else `secretservice`; only if `docker-credential-<name>` is on PATH.
 */
export async function defaultHelper(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | undefined> {
  let name: string | undefined;
  if (platform === 'darwin') name = 'osxkeychain';
  else if (platform === 'win32') name = 'wincred';
  else if (platform === 'linux') name = (await lookPath('pass', env, platform)) ? 'pass' : 'secretservice';
  if (name === undefined) return undefined;
  return (await lookPath(`docker-credential-${name}`, env, platform)) ? name : undefined;
}

/**
 * docker's file-store lookup: the exact key, else the first key whose host part equals it
 * (`https://ghcr.io/v2/` for `ghcr.io`). Docker Hub's URL key never equals a host, so it only ever
 * matches exactly — as in docker. docker's map order is random; we take file order.
 */
export function findAuth(auths: Map<string, DecodedAuthEntry>, key: string): DecodedAuthEntry | undefined {
  const exact = auths.get(key);
  if (exact) return exact;
  for (const [k, entry] of auths) if (convertToHostname(k) === key) return entry;
  return undefined;
}

/**
 * `DOCKER_AUTH_CONFIG` (docker ≥ 28.3, docs/docker-behavior.md §11): JSON `{"auths":{…}}` whose entries
 * take precedence over config.json and helpers, exact key only, falling back to them for other keys.
 * docker ignores a value it cannot parse; we report it, because a CI secret with a typo would otherwise
 * mean an anonymous pull and a confusing "unauthorized" much later.
 */
export function envAuths(env: NodeJS.ProcessEnv): Map<string, DecodedAuthEntry> | undefined {
  const value = env['DOCKER_AUTH_CONFIG'];
  if (!value) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (e) {
    throw envError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`, e);
  }
  try {
    return decodeConfig('DOCKER_AUTH_CONFIG', json, 'DOCKER_AUTH_CONFIG').auths;
  } catch (e) {
    if (e instanceof StudioError) throw envError(e.message.replace(/^Error parsing DOCKER_AUTH_CONFIG: /, ''), e);
    throw e;
  }
}

function envError(detail: string, cause: unknown): StudioError {
  return new StudioError('CREDENTIALS', `Error parsing DOCKER_AUTH_CONFIG: ${detail}`, {
    hint: 'Set DOCKER_AUTH_CONFIG to JSON like {"auths":{"registry.example.com":{"auth":"<base64 user:password>"}}}, or unset it.',
    cause,
  });
}
