import { StudioError } from '../../shared/errors';
import type { Core } from './core';

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

/** Verifies the credentials against the registry, then stores them the way docker does. */
export async function login(core: Core, server: string | undefined, username: string, password: string, signal?: AbortSignal): Promise<string> {
  if (!username) throw new StudioError('BAD_INPUT', 'Username is required', { hint: 'Pass -u USERNAME.' });
  if (!password) throw new StudioError('BAD_INPUT', 'Password is required', { hint: 'Pass --password-stdin and the password on stdin.' });
  const domain = loginDomain(server);
  const client = await core.registry();
  let identityToken: string | undefined;
  try {
    identityToken = (await client.checkLogin(domain, { username, password }, { signal })).identityToken;
  } finally {
    await client.close();
  }
  // Like docker: with a refresh token the password is not stored (`auth` keeps only "user:").
  await core.credentials.store(domain, identityToken === undefined ? { username, password } : { username, identityToken });
  return domain;
}

export async function logout(core: Core, server: string | undefined): Promise<string> {
  const domain = loginDomain(server);
  await core.credentials.erase(domain);
  return domain;
}
