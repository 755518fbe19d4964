import { StudioError } from '../../../shared/errors';
import { type Credential, CredentialHelperError, credentialKey } from '../credentials';
import type { Core } from './create-core';
import type { LoginStore } from '../../../shared/model';

/** The registry a login/logout argument names: docker.io for none or Docker Hub's URL forms. */
export function loginDomain(server: string | undefined): string {
  if (server === undefined || server === '') return 'docker.io';
  let s = server.trim();
  s = s.replace(/^https?:\/\//, '');
  s = s.replace(/\/.*$/, '');
  if (s === 'index.docker.io' || s === 'registry-1.docker.io' || s === 'docker.io') return 'docker.io';
  if (s === '') throw new StudioError('BAD_INPUT', `invalid registry address: ${server}`);
  return s;
}

export type { LoginStore };

/**
 * Verifies the credentials against the registry, then stores them: the way docker does (`store`
 * 'docker', the default), or in the app's own keychain-backed store (`store` 'app', window only).
 */
export async function login(
  core: Core,
  server: string | undefined,
  username: string,
  password: string,
  signal?: AbortSignal,
  store: LoginStore = 'docker',
): Promise<string> {
  if (!username) throw new StudioError('BAD_INPUT', 'Username is required', { hint: 'Pass -u USERNAME.' });
  if (!password) throw new StudioError('BAD_INPUT', 'Password is required', { hint: 'Pass --password-stdin and the password on stdin.' });
  const domain = loginDomain(server);
  // Refuse before any network call: a verified login with nowhere to go would only confuse.
  const appLogins = store === 'app' ? requireAppLogins(core) : undefined;
  const client = await core.registry();
  let identityToken: string | undefined;
  try {
    identityToken = (await client.checkLogin(domain, { username, password }, { signal })).identityToken;
  } finally {
    await client.close();
  }
  // Like docker: with a refresh token the password is not stored (`auth` keeps only "user:").
  const cred = identityToken === undefined ? { username, password } : { username, identityToken };
  if (appLogins) await appLogins.store(domain, cred);
  else await storeDocker(core, domain, cred);
  return domain;
}

/** docker's store, or a clear way out when its helper cannot take the login (a locked keyring, no D-Bus). */
async function storeDocker(core: Core, domain: string, cred: Credential): Promise<void> {
  try {
    await core.credentials.store(domain, cred);
  } catch (e) {
    if (!(e instanceof CredentialHelperError) || e.failure === 'not-found') throw e;
    throw new StudioError('CREDENTIALS', `cannot save the login for ${domain}: ${e.message}`, {
      hint: `${e.hint ? `${e.hint} ` : ''}${helperAdvice(e.helper, core, domain)}`,
      cause: e,
    });
  }
}

/**
 * What to do about a credential helper that fails: fix it, or keep logins elsewhere. An empty
 * `credHelpers` entry pins one registry to config.json (docker's rule too); the app has its own keychain.
 */
export function helperAdvice(helper: string, core: Pick<Core, 'configDir' | 'appLogins'>, domain = '<registry>'): string {
  const unlock = helper === 'secretservice' ? 'start a desktop session with D-Bus, or unlock the keyring' : 'unlock or repair it';
  const file = `keep the login in config.json by adding "credHelpers": {"${credentialKey(domain)}": ""} to ${core.configDir}/config.json`;
  const app = core.appLogins ? ', or save it in the Manifest Studio keychain' : '';
  return `Either ${unlock}, ${file}${app}.`;
}

/**
 * Removes every login the app would use for the registry: the app's own (when this face has an app
 * store) and docker's (helper erase + `auths` entry, as `docker logout`; nothing stored is fine). Both,
 * because lookup falls through from one to the other: erasing only one could leave the app logged in.
 */
export async function logout(core: Core, server: string | undefined): Promise<string> {
  const domain = loginDomain(server);
  await core.appLogins?.erase(domain);
  await core.credentials.erase(domain);
  return domain;
}

function requireAppLogins(core: Core): NonNullable<Core['appLogins']> {
  if (core.appLogins) return core.appLogins;
  throw new StudioError('BAD_INPUT', 'the Manifest Studio keychain is only available in the desktop app', {
    hint: 'Save the login to docker config instead (shared with docker and the CLI).',
  });
}
