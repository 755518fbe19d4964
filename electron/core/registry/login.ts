import { StudioError } from '../../../shared/errors';
import { z } from 'zod';
import { parseJsonAs } from '../../../shared/json';
import { dump, readErrorText } from './body';
import type { Challenge } from './challenge';
import type { RegistryCaller } from './caller';
import type { Credential, LoginResult, RequestOptions } from './types';

/**
 * Verifies a credential the way `docker login` does: ping `/v2/`, follow the challenge (fetching a
 * token with the credential for bearer auth), then GET `/v2/` with it. A rejection is UNAUTHORIZED
 * with a message that says the username or password is wrong.
 */
export async function checkLogin(
  caller: RegistryCaller,
  domain: string,
  credential: Credential,
  opts: RequestOptions = {},
): Promise<LoginResult> {
  const ping = await caller.endpoints.pingV2(domain, opts.signal);
  const schemes = ping.challenges.map((c) => c.scheme);
  const auth: LoginResult['auth'] = schemes.includes('bearer') ? 'bearer' : schemes.includes('basic') ? 'basic' : 'none';
  if (auth === 'none') return { auth };
  if (auth === 'basic' && (credential.username === undefined || credential.password === undefined)) {
    throw new StudioError('BAD_INPUT', `registry ${domain} uses basic auth: a username and password are needed`);
  }
  const res = await caller.call({ domain, method: 'GET', path: '/v2/', scopes: [], credential, signal: opts.signal, retry: false });
  if (res.status === 401 || res.status === 403) {
    await dump(res.body);
    throw new StudioError(
      'UNAUTHORIZED',
      `login to ${domain} failed: wrong username or password${credential.username ? ` for ${credential.username}` : ''} (HTTP ${res.status})`,
      { hint: `Check the credentials and run \`manifest-studio login ${domain}\` again.` },
    );
  }
  if (res.status < 200 || res.status >= 300) return caller.fail(res, { host: domain, kind: 'ping' });
  await dump(res.body);
  caller.auth.forget(domain);
  const bearer = ping.challenges.find((c) => c.scheme === 'bearer');
  const identityToken = bearer && credential.password !== undefined ? await refreshToken(caller, domain, bearer, credential, opts.signal) : undefined;
  return identityToken === undefined ? { auth } : { auth, identityToken };
}

const RefreshResponse = z.object({ refresh_token: z.string().min(1) });

/**
 * Asks the token server for a refresh token, as `docker login` does (`offline_token=true`,
 * `client_id=docker`), so the password need not be stored. Token servers that do not issue one
 * (many don't) simply answer without it; then the caller stores the password as docker would.
 */
async function refreshToken(
  caller: RegistryCaller,
  domain: string,
  challenge: Challenge,
  credential: Credential,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const realm = challenge.params['realm'];
  if (!realm || !/^https?:\/\//i.test(realm) || credential.username === undefined) return undefined;
  const url = new URL(realm);
  url.searchParams.set('account', credential.username);
  url.searchParams.set('client_id', 'docker');
  url.searchParams.set('offline_token', 'true');
  const service = challenge.params['service'];
  if (service) url.searchParams.set('service', service);
  await caller.endpoints.prepareTls(url.toString());
  const basic = Buffer.from(`${credential.username}:${credential.password ?? ''}`).toString('base64');
  const res = await caller.transport.send({
    method: 'GET',
    url: url.toString(),
    headers: { authorization: `Basic ${basic}` },
    retry: false,
    ...(signal ? { signal } : {}),
  });
  const text = await readErrorText(res.body, 1024 * 1024);
  if (res.status < 200 || res.status >= 300) return undefined;
  return parseJsonAs(RefreshResponse, text)?.refresh_token;
}
