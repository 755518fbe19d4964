import type { DecodedAuthEntry, LoadedConfig } from './config-file';
import { TOKEN_USERNAME, helperGet, helperList } from './helper-client';
import { CredentialHelperError } from './helper-protocol';
import type { RunHelperOptions } from './helper-protocol';

export type CredentialSource = 'auths' | 'credsStore' | 'credHelpers' | 'env';

/** One registry with stored credentials, as the UI may show it: never a secret. */
export interface CredentialListing {
  registry: string;
  /** Absent for identity-token logins (`<token>`) and token-only entries. */
  username?: string;
  source: CredentialSource;
  helper?: string;
}

export interface ListInput {
  config: LoadedConfig;
  /** The `credsStore` helper (configured or detected), if any. */
  defaultHelper: { helper: string; configuredBy: string } | undefined;
  env: Map<string, DecodedAuthEntry> | undefined;
  helperOptions: (configuredBy: string) => RunHelperOptions;
  /** Told about a helper that failed; its registries are left out and the listing goes on. Absent: throw. */
  onProblem?: (e: CredentialHelperError) => void;
}

/**
 * docker's `GetAllCredentials` precedence, one row per registry: the default store (credsStore helper
 * or `auths`), overridden by `credHelpers` keys, overridden by DOCKER_AUTH_CONFIG — the same source
 * `get` would use. Entries with nothing in them (docker login leaves `{}` behind when a helper holds
 * the secret) are not listed as logins.
 */
export async function listCredentials(input: ListInput): Promise<CredentialListing[]> {
  const rows = new Map<string, CredentialListing>();
  const { config, defaultHelper } = input;
  // A helper that fails costs its own rows, not the whole listing.
  const tolerant = async <T>(work: () => Promise<T>, none: T): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof CredentialHelperError) || !input.onProblem) throw e;
      input.onProblem(e);
      return none;
    }
  };
  if (defaultHelper) {
    const listed = await tolerant(() => helperList(defaultHelper.helper, input.helperOptions(defaultHelper.configuredBy)), {});
    for (const [registry, user] of Object.entries(listed)) {
      rows.set(registry, row(registry, user, 'credsStore', defaultHelper.helper));
    }
    // A registrytoken in config.json survives next to a helper (docker's nativeStore.Get).
    for (const [registry, entry] of config.auths) {
      if (entry.registryToken && !rows.has(registry)) rows.set(registry, row(registry, undefined, 'auths'));
    }
  } else {
    for (const [registry, entry] of config.auths) {
      if (hasAny(entry)) rows.set(registry, row(registry, entry.username, 'auths'));
    }
  }
  for (const [helper, keys] of groupByHelper(config.credHelpers)) {
    const configuredBy = `"credHelpers" in ${config.path}`;
    for (const listing of await tolerant(() => listHelperKeys(helper, keys, input.helperOptions(configuredBy)), [])) {
      rows.set(listing.registry, listing);
    }
  }
  for (const [registry, entry] of input.env ?? []) {
    if (hasAny(entry)) rows.set(registry, row(registry, entry.username, 'env'));
  }
  return [...rows.values()].sort((a, b) => Buffer.compare(Buffer.from(a.registry), Buffer.from(b.registry)));
}

/**
 * Usernames for the keys one `credHelpers` helper serves. `list` first; some helpers do not implement
 * it (gcloud's says "unimplemented"), so a failed `list` falls back to `get` per key, keeping only the
 * username.
 */
async function listHelperKeys(helper: string, keys: string[], opts: RunHelperOptions): Promise<CredentialListing[]> {
  let listed: Record<string, string> | undefined;
  try {
    listed = await helperList(helper, opts);
  } catch (e) {
    const recoverable = e instanceof CredentialHelperError && (e.failure === 'failed' || e.failure === 'bad-output');
    if (!recoverable) throw e;
  }
  const out: CredentialListing[] = [];
  for (const key of keys) {
    if (listed) {
      if (Object.hasOwn(listed, key)) out.push(row(key, listed[key], 'credHelpers', helper));
      continue;
    }
    const cred = await helperGet(helper, key, opts);
    if (cred) out.push(row(key, cred.username, 'credHelpers', helper));
  }
  return out;
}

function groupByHelper(credHelpers: Record<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, helper] of Object.entries(credHelpers)) {
    if (!helper) continue;
    groups.set(helper, [...(groups.get(helper) ?? []), key]);
  }
  return groups;
}

function row(registry: string, username: string | undefined, source: CredentialSource, helper?: string): CredentialListing {
  const listing: CredentialListing = { registry, source };
  if (username && username !== TOKEN_USERNAME) listing.username = username;
  if (helper) listing.helper = helper;
  return listing;
}

function hasAny(entry: DecodedAuthEntry): boolean {
  return Boolean(entry.username || entry.password || entry.identityToken || entry.registryToken);
}
