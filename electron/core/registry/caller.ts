import { setMaxListeners } from 'node:events';
import { StudioError } from '../../../shared/errors';
import type { AuthResult, Authenticator } from './auth';
import { dump, readErrorText } from './body';
import { parseWwwAuthenticate } from './challenge';
import type { Endpoints, ProbeSend } from './endpoints';
import { responseError, transportError, type ErrorContext } from './errors';
import type { HttpRequest, HttpResponse, Method, Transport } from './transport';
import type { Credential, RepoRef } from './types';

export interface CallRequest {
  domain: string;
  method: Method;
  /** `/v2/...` relative to the registry endpoint, or an absolute URL (upload `Location`). */
  path: string;
  headers?: Record<string, string>;
  body?: () => Uint8Array | AsyncIterable<Uint8Array>;
  scopes: string[];
  signal?: AbortSignal | undefined;
  retry?: boolean;
  followRedirects?: boolean;
  /** Use this credential instead of the stored one (login check). */
  credential?: Credential;
  /** See RequestOptions.preconnect. */
  preconnect?: number;
}

export interface CallResponse extends HttpResponse {
  auth: AuthResult;
}

/** Authenticated requests to a registry: ping, credentials, one retry after a stale token. */
export class RegistryCaller {
  constructor(
    readonly transport: Transport,
    readonly endpoints: Endpoints,
    readonly auth: Authenticator,
    /** Why a registry got no credentials although some should have been sent (see RegistryClientOptions). */
    private readonly credentialProblem: (domain: string) => string | undefined = () => undefined,
  ) {}

  async call(req: CallRequest): Promise<CallResponse> {
    // One operation's signal is shared by many concurrent requests (12 children of a list, their
    // configs, blob mounts); each adds a listener, which is expected and not a leak.
    if (req.signal) setMaxListeners(0, req.signal);
    try {
      for (let attempt = 0; ; attempt++) {
        const found = await this.endpoints.discover(req.domain, req.signal, attempt === 0 ? await this.probeFor(req) : undefined);
        const ping = found.ping;
        if (found.res) {
          // Our request was the probe: answered without auth, it is the answer; a challenge means
          // authenticate and send it again, exactly as after a ping that was challenged.
          if (found.res.status !== 401 || ping.challenges.length === 0) {
            return { ...found.res, auth: await this.auth.authorize(req.domain, [], req.scopes, req.signal) };
          }
          await dump(found.res.body);
        }
        const auth = await this.auth.authorize(req.domain, ping.challenges, req.scopes, req.signal, req.credential);
        const base = new URL(`${ping.baseUrl}/`);
        const url = new URL(req.path, base);
        const headers = { ...req.headers };
        // Credentials only go to the registry's own host (an upload Location could point elsewhere).
        if (auth.header && url.host === base.host) headers['authorization'] = auth.header;
        await this.endpoints.prepareTls(url.toString(), url.host === base.host ? req.domain : undefined);
        const res = await this.transport.send(this.httpRequest(req, url.toString(), headers));
        if (res.status === 401 && attempt === 0 && this.shouldRetryAuth(req.domain, auth, ping.challenges.length, res)) {
          await dump(res.body);
          continue;
        }
        return { ...res, auth };
      }
    } catch (e) {
      throw transportError(e, req.path, req.signal);
    }
  }

  /**
   * Whether this request may stand in for the `/v2/` ping (see Endpoints.discover): a replayable read of
   * a registry path, by a caller with no credentials for it. With credentials we ping first as docker
   * does, so they go with the very first request to a registry that asks for them.
   */
  private async probeFor(req: CallRequest): Promise<ProbeSend | undefined> {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/v2/') || req.credential) return undefined;
    if (await this.auth.credentialFor(req.domain)) return undefined;
    return (baseUrl, opts) =>
      this.transport.send({
        ...this.httpRequest(req, `${baseUrl}${req.path}`, { ...req.headers }),
        signal: opts.signal,
        retryResets: opts.retryResets,
        preconnectTcp: opts.schemeInDoubt,
      });
  }

  private httpRequest(req: CallRequest, url: string, headers: Record<string, string>): HttpRequest {
    return {
      method: req.method,
      url,
      headers,
      ...(req.body ? { body: req.body } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.retry !== undefined ? { retry: req.retry } : {}),
      ...(req.followRedirects !== undefined ? { followRedirects: req.followRedirects } : {}),
      ...(req.preconnect ? { preconnect: req.preconnect } : {}),
    };
  }

  /** A cached token may have been revoked or expired early; a 200 ping may hide auth. Try once more. */
  private shouldRetryAuth(domain: string, auth: AuthResult, knownChallenges: number, res: HttpResponse): boolean {
    if (auth.tokenKey) {
      this.auth.dropToken(auth.tokenKey);
      return true;
    }
    const challenges = parseWwwAuthenticate(res.headers['www-authenticate']);
    if (knownChallenges === 0 && challenges.length > 0) {
      this.endpoints.updateChallenges(domain, challenges);
      return true;
    }
    return false;
  }

  /** Reads the error body and throws the mapped StudioError. */
  async fail(res: CallResponse, ctx: Omit<ErrorContext, 'authenticated' | 'username'>): Promise<never> {
    const body = await readErrorText(res.body);
    const problem = res.auth.authenticated ? undefined : this.credentialProblem(ctx.host);
    throw responseError(res.status, body, res.headers['www-authenticate'], {
      ...ctx,
      authenticated: res.auth.authenticated,
      ...(res.auth.username ? { username: res.auth.username } : {}),
      ...(problem ? { credentialProblem: problem } : {}),
    });
  }
}

/** `repository:<path>:pull` or `pull,push` (docs/docker-behavior.md §6.3). */
export function scope(path: string, action: 'pull' | 'push'): string {
  return `repository:${path}:${action === 'push' ? 'pull,push' : 'pull'}`;
}

/** URL path prefix for a repository. */
export function repoPath(repo: RepoRef): string {
  return `/v2/${repo.path}`;
}

export function subject(repo: RepoRef, ref?: string): string {
  if (!ref) return `${repo.domain}/${repo.path}`;
  return `${repo.domain}/${repo.path}${ref.includes(':') ? '@' : ':'}${ref}`;
}

/** Wraps errors thrown while reading a body (stall, reset, abort) into StudioErrors. */
export function bodyError(e: unknown, what: string, signal?: AbortSignal): StudioError {
  return transportError(e, what, signal);
}
