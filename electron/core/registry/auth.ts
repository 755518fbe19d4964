import { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import { parseJsonAs } from '../../../shared/json';
import { readErrorText } from './body';
import type { Challenge } from './challenge';
import type { Endpoints } from './endpoints';
import type { Transport } from './transport';
import type { Credential } from './types';

/** The Authorization to send, and facts for error messages. */
export interface AuthResult {
  header?: string;
  /** Whether credentials (or a token obtained with them) are attached. */
  authenticated: boolean;
  username?: string;
  scheme: 'none' | 'basic' | 'bearer';
  /** Cache key of a bearer token, to drop it when the registry rejects it. */
  tokenKey?: string;
}

const TokenResponse = z.object({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  issued_at: z.string().optional(),
});

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Minimum token lifetime (docker treats shorter `expires_in` as 60 s, docs/docker-behavior.md §6.3). */
const MIN_EXPIRES_S = 60;
/** Refresh a little early so a token does not expire in flight. */
const EXPIRY_MARGIN_MS = 5_000;

/** Basic and bearer auth for registries, with a token cache per registry + scope set. */
export class Authenticator {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly creds = new Map<string, Promise<Credential | undefined>>();

  constructor(
    private readonly transport: Transport,
    private readonly endpoints: Endpoints,
    private readonly credentials: (domain: string) => Promise<Credential | undefined>,
  ) {}

  /** Credentials are looked up once per domain per client (helpers can be slow). */
  credentialFor(domain: string): Promise<Credential | undefined> {
    let p = this.creds.get(domain);
    if (!p) {
      p = this.credentials(domain);
      p.catch(() => this.creds.delete(domain));
      this.creds.set(domain, p);
    }
    return p;
  }

  /** Forgets cached credentials and tokens for a domain (after login/logout). */
  forget(domain: string): void {
    this.creds.delete(domain);
    for (const k of this.tokens.keys()) if (k.startsWith(`${domain}|`)) this.tokens.delete(k);
  }

  dropToken(key: string): void {
    this.tokens.delete(key);
  }

  /**
   * The Authorization header for `scopes` on `domain`, from the ping's challenges. `credential`
   * overrides the stored one and bypasses the token cache (used by login checks).
   */
  async authorize(
    domain: string,
    challenges: Challenge[],
    scopes: string[],
    signal: AbortSignal | undefined,
    credential?: Credential,
  ): Promise<AuthResult> {
    const cred = credential ?? (await this.credentialFor(domain));
    const username = cred?.username;
    const base = username ? { username } : {};
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      if (cred?.registryToken) return { ...base, header: `Bearer ${cred.registryToken}`, authenticated: true, scheme: 'bearer' };
      const key = `${domain}|${username ?? ''}|${[...new Set(scopes)].sort().join(' ')}`;
      const cached = credential ? undefined : this.tokens.get(key);
      if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
        return { ...base, header: `Bearer ${cached.token}`, authenticated: hasSecret(cred), scheme: 'bearer', tokenKey: key };
      }
      const fresh = await this.fetchToken(domain, bearer, scopes, cred, signal);
      if (!credential) this.tokens.set(key, fresh);
      return { ...base, header: `Bearer ${fresh.token}`, authenticated: hasSecret(cred), scheme: 'bearer', tokenKey: key };
    }
    if (basic) {
      if (cred?.username !== undefined && cred.password !== undefined) {
        const b64 = Buffer.from(`${cred.username}:${cred.password}`).toString('base64');
        return { ...base, header: `Basic ${b64}`, authenticated: true, scheme: 'basic' };
      }
      return { authenticated: false, scheme: 'basic' };
    }
    return { authenticated: false, scheme: 'none' };
  }

  private async fetchToken(
    domain: string,
    challenge: Challenge,
    scopes: string[],
    cred: Credential | undefined,
    signal: AbortSignal | undefined,
  ): Promise<CachedToken> {
    const realm = challenge.params['realm'];
    if (!realm || !/^https?:\/\//i.test(realm)) {
      throw new StudioError('REGISTRY_ERROR', `registry ${domain} sent a bearer challenge without a usable realm`);
    }
    const service = challenge.params['service'];
    const url = new URL(realm);
    const headers: Record<string, string> = {};
    let body: Uint8Array | undefined;
    if (cred?.identityToken) {
      // OAuth2 refresh-token grant, as docker does with an identity token (docs/docker-behavior.md §6.3).
      const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: 'registry-client', refresh_token: cred.identityToken });
      if (service) form.set('service', service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      body = new TextEncoder().encode(form.toString());
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      if (cred?.username !== undefined && cred.password !== undefined) {
        url.searchParams.set('account', cred.username);
        headers['authorization'] = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
      }
      for (const s of scopes) url.searchParams.append('scope', s);
      if (service) url.searchParams.set('service', service);
    }
    await this.endpoints.prepareTls(url.toString());
    const res = await this.transport.send({
      method: body ? 'POST' : 'GET',
      url: url.toString(),
      headers,
      ...(body ? { body: () => body } : {}),
      ...(signal ? { signal } : {}),
    });
    const text = await readErrorText(res.body, 1024 * 1024);
    if (res.status < 200 || res.status >= 300) throw tokenError(domain, res.status, text, cred);
    return parseToken(domain, text);
  }
}

function hasSecret(cred: Credential | undefined): boolean {
  return Boolean(cred && ((cred.username !== undefined && cred.password !== undefined) || cred.identityToken || cred.registryToken));
}

function parseToken(domain: string, text: string): CachedToken {
  const answer = parseJsonAs(TokenResponse, text);
  // `access_token` wins over `token` when both are present (observed, docs/docker-behavior.md §6.3).
  const token = answer?.access_token || answer?.token;
  if (!answer || !token) {
    throw new StudioError('REGISTRY_ERROR', `token server for ${domain} returned no token`);
  }
  const expiresIn = Math.max(answer.expires_in ?? MIN_EXPIRES_S, MIN_EXPIRES_S);
  const issued = answer.issued_at ? Date.parse(answer.issued_at) : NaN;
  const start = Number.isNaN(issued) ? Date.now() : Math.min(issued, Date.now());
  return { token, expiresAt: start + expiresIn * 1000 };
}

function tokenError(domain: string, status: number, body: string, cred: Credential | undefined): StudioError {
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  const detail = `token server answered HTTP ${status}${text ? `: ${text}` : ''}`;
  const login = `manifest-studio login ${domain}`;
  if (status === 401 || status === 403) {
    return hasSecret(cred)
      ? new StudioError('UNAUTHORIZED', `credentials for ${domain}${cred?.username ? ` (user ${cred.username})` : ''} were rejected: wrong username or password? (${detail})`, {
          hint: `Log in again with \`${login}\`.`,
        })
      : new StudioError('UNAUTHORIZED', `authentication required for ${domain} (${detail})`, { hint: `Log in with \`${login}\`.` });
  }
  return new StudioError('REGISTRY_ERROR', `could not get a token for ${domain} (${detail})`);
}
