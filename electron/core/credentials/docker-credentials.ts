import { StudioError } from '../../../shared/errors';
import { encodeAuth } from './auth-field';
import { loadConfig, saveConfig, withAuthEntry } from './config-file';
import type { DecodedAuthEntry } from './config-file';
import { helperErase, helperGet, helperStore } from './helper-client';
import { CredentialHelperError, type RunHelperOptions } from './helper-protocol';
import { DOCKER_HUB_KEY, credentialKey } from './keys';
import { listCredentials } from './list-credentials';
import type { CredentialListing } from './list-credentials';
import { defaultStore, envAuths, findAuth, selectStore } from './store-selection';
import type { StoreSelection } from './store-selection';

/** Credentials for one registry. `registryToken` is a ready bearer token; `identityToken` an OAuth refresh token. */
export interface Credential {
  username?: string;
  password?: string;
  identityToken?: string;
  registryToken?: string;
}

export interface DockerCredentialsOptions {
  /** Environment for PATH lookups, helper processes and DOCKER_AUTH_CONFIG (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  helperTimeoutMs?: number;
}

/** What a lookup found: the credential, or why a helper could give none (the request then goes anonymous). */
export interface CredentialLookup {
  credential?: Credential;
  /** The helper that should have answered failed (not installed, crashed, timed out, locked keychain, no D-Bus). */
  unavailable?: CredentialHelperError;
}

export interface EraseResult {
  /** DOCKER_AUTH_CONFIG still holds credentials for this registry; they cannot be erased from here. */
  envStillProvides: boolean;
}

/**
 * docker's credential stores over one config directory (docs/docker-behavior.md §6, §11). Reads behave
 * as docker 28.3+ (DOCKER_AUTH_CONFIG > credHelpers > credsStore > auths) except that failures are
 * reported instead of swallowed: a helper that crashes or hangs is a CREDENTIALS error naming the
 * helper, not a quiet anonymous request. Writes behave as `docker login` / `docker logout`.
 */
export class DockerCredentials {
  readonly configDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly platform: NodeJS.Platform;
  private readonly helperTimeoutMs: number | undefined;
  /** Serialises read-modify-write of config.json within this process. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(configDir: string, opts: DockerCredentialsOptions = {}) {
    this.configDir = configDir;
    this.env = opts.env ?? process.env;
    this.platform = opts.platform ?? process.platform;
    this.helperTimeoutMs = opts.helperTimeoutMs;
  }

  /**
   * As `get`, but a helper that fails means "no credentials from this helper", as in docker: the caller
   * goes on anonymously and can say why if the registry then asks for credentials.
   */
  async lookup(domain: string, opts: { signal?: AbortSignal } = {}): Promise<CredentialLookup> {
    try {
      const credential = await this.get(domain, opts);
      return credential ? { credential } : {};
    } catch (e) {
      if (e instanceof CredentialHelperError) return { unavailable: e };
      throw e;
    }
  }

  /** The credentials docker would use for `domain` (a normalised registry domain), or undefined. */
  async get(domain: string, opts: { signal?: AbortSignal } = {}): Promise<Credential | undefined> {
    const key = credentialKey(domain);
    const fromEnv = envAuths(this.env);
    if (fromEnv?.has(key)) return toCredential(fromEnv.get(key));
    const config = await loadConfig(this.configDir);
    const selection = await selectStore(config, key, this.env, this.platform);
    const fileEntry = findAuth(config.auths, key);
    if (selection.kind === 'auths') return toCredential(fileEntry);
    // As docker's nativeStore.Get: the helper's answer replaces user/password/identity token, also when
    // it has none; a `registrytoken` from config.json survives.
    const fromHelper = await helperGet(selection.helper, key, this.helperOptions(selection, opts.signal));
    return toCredential({ ...fromHelper, registryToken: fileEntry?.registryToken });
  }

  /**
   * Saves credentials as `docker login` does: into the configured (or detected default) helper, with
   * an empty `auths` entry left in config.json (plus `registrytoken` if given), or else into
   * `auths[key]` as `auth` = base64(user:password) and `identitytoken`/`registrytoken`.
   */
  async store(domain: string, cred: Credential, opts: { signal?: AbortSignal } = {}): Promise<void> {
    if (!cred.username && !cred.password && !cred.identityToken && !cred.registryToken) {
      throw new StudioError('BAD_INPUT', 'no credentials to store', { hint: 'Give a username and password, or a token.' });
    }
    await this.exclusive(async () => {
      const key = credentialKey(domain);
      const config = await loadConfig(this.configDir);
      const selection = await selectStore(config, key, this.env, this.platform);
      const entry: Record<string, string> = {};
      if (selection.kind === 'auths') {
        const auth = encodeAuth(cred.username, cred.password);
        if (auth) entry['auth'] = auth;
        if (cred.identityToken) entry['identitytoken'] = cred.identityToken;
      } else if (cred.username || cred.password || cred.identityToken) {
        await helperStore(selection.helper, key, cred, this.helperOptions(selection, opts.signal));
      }
      if (cred.registryToken) entry['registrytoken'] = cred.registryToken;
      let raw = withAuthEntry(config.raw, key, entry);
      // docker writes a detected default store into the file at login; without it the new (empty)
      // auths entry would switch detection off and the next lookup would miss the helper.
      if (selection.kind === 'credsStore' && selection.detected) raw = { ...raw, credsStore: selection.helper };
      await saveConfig(config.path, raw);
    });
  }

  /**
   * Removes credentials as `docker logout` does: helper `erase` when a helper is configured, then the
   * `auths` entry — for registries other than Docker Hub also its legacy `http://` and `https://` forms.
   */
  async erase(domain: string, opts: { signal?: AbortSignal } = {}): Promise<EraseResult> {
    const key = credentialKey(domain);
    await this.exclusive(async () => {
      const config = await loadConfig(this.configDir);
      const selection = await selectStore(config, key, this.env, this.platform);
      if (selection.kind !== 'auths') await helperErase(selection.helper, key, this.helperOptions(selection, opts.signal));
      const forms = key === DOCKER_HUB_KEY ? [key] : [key, `http://${key}`, `https://${key}`];
      const present = forms.filter((k) => config.auths.has(k));
      if (present.length === 0) return;
      const raw = present.reduce((acc, k) => withAuthEntry(acc, k, undefined), config.raw);
      await saveConfig(config.path, raw);
    });
    return { envStillProvides: envAuths(this.env)?.has(key) ?? false };
  }

  /**
   * Every registry with credentials, the username and where it comes from; never a secret. With
   * `onProblem`, a helper that fails is reported there and the listing goes on without its rows.
   */
  async list(opts: { signal?: AbortSignal; onProblem?: (e: CredentialHelperError) => void } = {}): Promise<CredentialListing[]> {
    const config = await loadConfig(this.configDir);
    const fallback = await defaultStore(config, this.env, this.platform);
    return listCredentials({
      config,
      defaultHelper: fallback.kind === 'credsStore' ? fallback : undefined,
      env: envAuths(this.env),
      helperOptions: (configuredBy) => this.runOptions(configuredBy, opts.signal),
      ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
    });
  }

  private helperOptions(selection: Exclude<StoreSelection, { kind: 'auths' }>, signal?: AbortSignal): RunHelperOptions {
    return this.runOptions(selection.configuredBy, signal);
  }

  private runOptions(configuredBy: string, signal?: AbortSignal): RunHelperOptions {
    const opts: RunHelperOptions = { env: this.env, platform: this.platform, configuredBy };
    if (this.helperTimeoutMs !== undefined) opts.timeoutMs = this.helperTimeoutMs;
    if (signal) opts.signal = signal;
    return opts;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writes.then(fn, fn);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

/** Drops empty fields; no field at all means "no credentials". */
function toCredential(entry: DecodedAuthEntry | undefined): Credential | undefined {
  if (!entry) return undefined;
  const cred: Credential = {};
  if (entry.username) cred.username = entry.username;
  if (entry.password) cred.password = entry.password;
  if (entry.identityToken) cred.identityToken = entry.identityToken;
  if (entry.registryToken) cred.registryToken = entry.registryToken;
  return Object.keys(cred).length > 0 ? cred : undefined;
}
