import { StudioError } from '../../shared/errors';
import { dump } from './body';
import type { RegistryCore } from './core';
import type { Credential, LoginResult, RequestOptions } from './types';

/**
 * Verifies a credential the way `docker login` does: ping `/v2/`, follow the challenge (fetching a
 * token with the credential for bearer auth), then GET `/v2/` with it. A rejection is UNAUTHORIZED
 * with a message that says the username or password is wrong.
 */
export async function checkLogin(
  core: RegistryCore,
  domain: string,
  credential: Credential,
  opts: RequestOptions = {},
): Promise<LoginResult> {
  const ping = await core.endpoints.pingV2(domain, opts.signal);
  const schemes = ping.challenges.map((c) => c.scheme);
  const auth: LoginResult['auth'] = schemes.includes('bearer') ? 'bearer' : schemes.includes('basic') ? 'basic' : 'none';
  if (auth === 'none') return { auth };
  if (auth === 'basic' && (credential.username === undefined || credential.password === undefined)) {
    throw new StudioError('BAD_INPUT', `registry ${domain} uses basic auth: a username and password are needed`);
  }
  const res = await core.call({ domain, method: 'GET', path: '/v2/', scopes: [], credential, signal: opts.signal, retry: false });
  if (res.status === 401 || res.status === 403) {
    await dump(res.body);
    throw new StudioError(
      'UNAUTHORIZED',
      `login to ${domain} failed: wrong username or password${credential.username ? ` for ${credential.username}` : ''} (HTTP ${res.status})`,
      { hint: `Check the credentials and run \`manifest-studio login ${domain}\` again.` },
    );
  }
  if (res.status < 200 || res.status >= 300) return core.fail(res, { host: domain, kind: 'ping' });
  await dump(res.body);
  core.auth.forget(domain);
  return { auth };
}
