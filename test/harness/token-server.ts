import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRegistryToken, type AccessEntry, type TokenSigner } from './jwt';

/** A user of the token server and the repository actions it may be granted. */
export interface TokenUser {
  password: string;
  actions: string[];
}

/** The accounts every token-mode registry knows. */
export const TOKEN_USERS: Record<string, TokenUser> = {
  admin: { password: 'adminpass', actions: ['pull', 'push', 'delete', '*'] },
  reader: { password: 'readerpass', actions: ['pull'] },
};

export interface TokenServerOptions {
  service: string;
  issuer: string;
  signer: TokenSigner;
  users?: Record<string, TokenUser>;
  /** Lifetime of issued tokens; short values let tests exercise expiry. Default 300 s. */
  expiresInSeconds?: number;
  /**
   * Repository actions granted to a request without credentials, e.g. `['pull']` for Docker Hub's shape
   * (anonymous pulls of public repositories). Default none: an anonymous token opens nothing.
   */
  anonymousActions?: string[];
}

/** Request counters, also served as JSON on GET /stats so test workers in other processes can read them. */
export interface TokenServerStats {
  total: number;
  get: number;
  post: number;
  /** Requests that ended with a 4xx answer (bad credentials, bad grant). */
  rejected: number;
  /** Every scope string requested, in order (helps assert which scopes a client asks for). */
  scopes: string[];
}

export interface RunningTokenServer {
  /** The realm to put in the registry config: http://127.0.0.1:PORT/token */
  realm: string;
  statsUrl: string;
  service: string;
  issuer: string;
  stats(): TokenServerStats;
  resetStats(): void;
  stop(): Promise<void>;
}

interface Grant {
  subject: string;
  allowed: string[];
}

type Reply = { status: number; body: unknown };

function emptyStats(): TokenServerStats {
  return { total: 0, get: 0, post: 0, rejected: 0, scopes: [] };
}

/** Splits `repository:NAME:ACTIONS`; NAME may hold ':' (host:port), so type is up to the first ':' and actions after the last. */
function parseScope(scope: string): AccessEntry | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const actions = scope.slice(last + 1).split(',').filter((a) => a.length > 0);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

function grantAccess(grant: Grant | undefined, scopes: string[]): AccessEntry[] {
  if (!grant) return []; // anonymous: a valid token that opens nothing, like Docker Hub's private repos
  const out: AccessEntry[] = [];
  for (const scope of scopes) {
    const parsed = parseScope(scope);
    if (!parsed) continue;
    const actions = parsed.type === 'repository'
      ? parsed.actions.filter((a) => grant.allowed.includes(a))
      : parsed.actions.filter(() => grant.allowed.includes('*'));
    if (actions.length > 0) out.push({ ...parsed, actions });
  }
  return out;
}

function parseBasic(header: string | undefined): { user: string; pass: string } | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

function splitScopes(values: string[]): string[] {
  // GET repeats `scope`; the OAuth2 form joins several with spaces.
  return values.flatMap((v) => v.split(' ')).filter((s) => s.length > 0);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the token server on 127.0.0.1 with a free port. */
export async function startTokenServer(options: TokenServerOptions): Promise<RunningTokenServer> {
  const users = options.users ?? TOKEN_USERS;
  const expiresIn = options.expiresInSeconds ?? 300;
  const refreshTokens = new Map<string, string>();
  let stats = emptyStats();

  // Subject '' like the token an anonymous client gets today; only what it opens differs.
  const anonymous: Grant | undefined = options.anonymousActions?.length ? { subject: '', allowed: options.anonymousActions } : undefined;

  const userGrant = (user: string, pass: string): Grant | undefined => {
    const known = users[user];
    return known && known.password === pass ? { subject: user, allowed: known.actions } : undefined;
  };

  const issue = (grant: Grant | undefined, scopes: string[], offline: boolean): Reply => {
    stats.scopes.push(...scopes);
    const token = signRegistryToken(options.signer, {
      issuer: options.issuer, service: options.service, subject: grant?.subject ?? '',
      access: grantAccess(grant, scopes), expiresInSeconds: expiresIn,
    });
    const body: Record<string, unknown> = {
      token, access_token: token, expires_in: expiresIn, issued_at: new Date().toISOString(),
    };
    if (offline && grant && grant !== anonymous) {
      const refresh = randomBytes(24).toString('hex');
      refreshTokens.set(refresh, grant.subject);
      body.refresh_token = refresh;
    }
    return { status: 200, body };
  };

  const handleGet = (req: IncomingMessage, url: URL): Reply => {
    const service = url.searchParams.get('service');
    if (service !== null && service !== options.service) return { status: 400, body: { errors: [{ code: 'DENIED', message: `unknown service ${service}` }] } };
    const creds = parseBasic(req.headers.authorization);
    let grant = anonymous;
    if (creds) {
      grant = userGrant(creds.user, creds.pass);
      if (!grant) return { status: 401, body: { details: 'incorrect username or password' } };
    }
    return issue(grant, splitScopes(url.searchParams.getAll('scope')), url.searchParams.get('offline_token') === 'true');
  };

  const handlePost = (form: URLSearchParams): Reply => {
    const service = form.get('service');
    if (service !== null && service !== options.service) return { status: 400, body: { error: 'invalid_request', error_description: 'unknown service' } };
    const grantType = form.get('grant_type');
    let grant: Grant | undefined;
    if (grantType === 'password') {
      grant = userGrant(form.get('username') ?? '', form.get('password') ?? '');
      if (!grant) return { status: 401, body: { error: 'invalid_grant', error_description: 'incorrect username or password' } };
    } else if (grantType === 'refresh_token') {
      const subject = refreshTokens.get(form.get('refresh_token') ?? '');
      const known = subject === undefined ? undefined : users[subject];
      if (subject === undefined || !known) return { status: 401, body: { error: 'invalid_grant', error_description: 'unknown refresh token' } };
      grant = { subject, allowed: known.actions };
    } else {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    return issue(grant, splitScopes(form.getAll('scope')), form.get('access_type') === 'offline');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let reply: Reply;
    if (url.pathname === '/stats') {
      if (req.method === 'POST') stats = emptyStats();
      reply = { status: 200, body: stats };
    } else if (url.pathname === '/token' && (req.method === 'GET' || req.method === 'POST')) {
      stats.total += 1;
      if (req.method === 'GET') {
        stats.get += 1;
        reply = handleGet(req, url);
      } else {
        stats.post += 1;
        reply = handlePost(new URLSearchParams(await readBody(req)));
      }
      if (reply.status >= 400) stats.rejected += 1;
    } else {
      reply = { status: 404, body: { error: 'not found' } };
    }
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    realm: `${base}/token`,
    statsUrl: `${base}/stats`,
    service: options.service,
    issuer: options.issuer,
    stats: () => structuredClone(stats),
    resetStats: () => { stats = emptyStats(); },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
