import { StudioError } from '../../../shared/errors';
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
  else await core.credentials.store(domain, cred);
  return domain;
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
