import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwtPart, getHarness, harnessAgent, libtrustKeyId, readTokenStats, signRegistryToken, type RegistryInfo } from './index';

const harness = getHarness();
const { plain, tls, basic, token } = harness.registries;
const agents: Agent[] = [];

function agentFor(reg: RegistryInfo): Agent {
  const agent = harnessAgent(reg);
  agents.push(agent);
  return agent;
}

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
});

async function get(reg: RegistryInfo, path: string, headers: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET') {
  const res = await request(`${reg.url}${path}`, { method, headers, dispatcher: agentFor(reg) });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

function basicAuth(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

async function fetchToken(reg: RegistryInfo, scopes: string[], creds?: [string, string]) {
  const url = new URL(reg.tokenRealm ?? '');
  url.searchParams.set('service', reg.tokenService ?? '');
  for (const s of scopes) url.searchParams.append('scope', s);
  const res = await request(url, { headers: creds ? { authorization: basicAuth(...creds) } : {} });
  return { status: res.statusCode, body: await res.body.json() as Record<string, unknown> };
}

describe('plain and TLS registries', () => {
  it('plain answers /v2/ with 200 over http', async () => {
    expect(plain.url).toBe(`http://${plain.host}`);
    expect((await get(plain, '/v2/')).status).toBe(200);
  });

  it('tls answers over https when the harness CA is trusted', async () => {
    expect(tls.url).toBe(`https://${tls.host}`);
    const res = await get(tls, '/v2/test/multi/tags/list');
    expect(res.status).toBe(200);
    // Other test files may add tags to the shared registry; the seeded one must be there.
    const list = JSON.parse(res.text) as { name: string; tags: string[] };
    expect(list.name).toBe('test/multi');
    expect(list.tags).toContain('latest');
  });

  it('tls rejects a client that trusts only an unrelated CA', async () => {
    const wrong = new Agent({ connect: { ca: readFileSync(tls.otherCaFile ?? '', 'utf8') } });
    agents.push(wrong);
    await expect(request(`${tls.url}/v2/`, { dispatcher: wrong })).rejects.toMatchObject({
      code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER_CERT/),
    });
  });

  it('tls serves a certificate valid for localhost too', async () => {
    const res = await request(`https://localhost:${tls.host.split(':')[1]}/v2/`, { dispatcher: agentFor(tls) });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
  });
});

describe('basic-auth registry', () => {
  it('asks for Basic credentials without them', async () => {
    const res = await get(basic, '/v2/');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('rejects a wrong password and accepts testuser/testpass', async () => {
    expect((await get(basic, '/v2/', { authorization: basicAuth('testuser', 'wrong') })).status).toBe(401);
    expect(basic.username).toBe('testuser');
    const ok = await get(basic, '/v2/test/amd64/tags/list', { authorization: basicAuth(basic.username ?? '', basic.password ?? '') });
    expect(ok.status).toBe(200);
  });
});

describe('token-auth registry', () => {
  const challenge = /^Bearer realm="([^"]+)",service="([^"]+)"/;

  it('challenges with the token server realm and service', async () => {
    const res = await get(token, '/v2/');
    expect(res.status).toBe(401);
    const m = challenge.exec(String(res.headers['www-authenticate']));
    expect(m?.[1]).toBe(token.tokenRealm);
    expect(m?.[2]).toBe(token.tokenService);
  });

  it('lets admin pull with a token and shows scope details in the challenge', async () => {
    const res = await get(token, '/v2/test/multi/manifests/latest');
    expect(String(res.headers['www-authenticate'])).toContain('scope="repository:test/multi:pull"');
    const tok = await fetchToken(token, ['repository:test/multi:pull'], ['admin', 'adminpass']);
    expect(tok.status).toBe(200);
    expect(tok.body.token).toBe(tok.body.access_token);
    expect(tok.body.expires_in).toBe(300);
    const ok = await get(token, '/v2/test/multi/tags/list', { authorization: `Bearer ${String(tok.body.token)}` });
    expect(ok.status).toBe(200);
  });

  it('gives anonymous callers a token that opens nothing (401, like private Hub repos)', async () => {
    const tok = await fetchToken(token, ['repository:test/multi:pull']);
    expect(tok.status).toBe(200);
    expect(decodeJwtPart(String(tok.body.token), 1)).toMatchObject({ access: [] });
    expect((await get(token, '/v2/test/multi/tags/list', { authorization: `Bearer ${String(tok.body.token)}` })).status).toBe(401);
  });

  it('answers wrong credentials with 401 at the token server', async () => {
    expect((await fetchToken(token, ['repository:test/multi:pull'], ['admin', 'nope'])).status).toBe(401);
  });

  it('lets the reader pull but not push (401 unauthorized, not 403)', async () => {
    const tok = await fetchToken(token, ['repository:test/amd64:pull,push'], ['reader', 'readerpass']);
    const auth = { authorization: `Bearer ${String(tok.body.token)}` };
    expect(decodeJwtPart(String(tok.body.token), 1)).toMatchObject({ access: [{ type: 'repository', name: 'test/amd64', actions: ['pull'] }] });
    expect((await get(token, '/v2/test/amd64/tags/list', auth)).status).toBe(200);
    const push = await get(token, '/v2/test/amd64/blobs/uploads/', auth, 'POST');
    expect(push.status).toBe(401);
    expect(push.text).toContain('UNAUTHORIZED');
  });

  it('handles repeated scope params and signs with x5c, a libtrust kid and a string aud', async () => {
    const tok = await fetchToken(token, ['repository:test/amd64:pull', 'repository:test/arm:pull,push'], ['admin', 'adminpass']);
    const header = decodeJwtPart(String(tok.body.token), 0) as { alg: string; kid: string; x5c: string[] };
    const claims = decodeJwtPart(String(tok.body.token), 1) as Record<string, unknown>;
    expect(header.alg).toBe('RS256');
    expect(header.kid).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
    expect(header.x5c).toHaveLength(1);
    expect(claims).toMatchObject({ aud: token.tokenService, sub: 'admin', access: [
      { type: 'repository', name: 'test/amd64', actions: ['pull'] },
      { type: 'repository', name: 'test/arm', actions: ['pull', 'push'] },
    ] });
  });

  it('accepts a token that names its key only by libtrust kid (proves the kid computation)', async () => {
    const pki = join(harness.tmpDir, 'pki');
    const signer = { keyPem: readFileSync(join(pki, 'token.key'), 'utf8'), certPem: readFileSync(join(pki, 'token.pem'), 'utf8') };
    const kidOnly = signRegistryToken(signer, {
      issuer: 'manifest-studio-test-token-issuer', service: token.tokenService ?? '', subject: 'admin',
      access: [{ type: 'repository', name: 'test/amd64', actions: ['pull'] }], expiresInSeconds: 60, keyRef: 'kid',
    });
    expect(decodeJwtPart(kidOnly, 0)).toEqual({ typ: 'JWT', alg: 'RS256', kid: libtrustKeyId(signer.certPem) });
    expect((await get(token, '/v2/test/amd64/tags/list', { authorization: `Bearer ${kidOnly}` })).status).toBe(200);
  });

  it('supports the OAuth2 POST flow with refresh tokens', async () => {
    const form = (fields: Record<string, string>) => request(token.tokenRealm ?? '', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
    });
    const first = await form({ grant_type: 'password', username: 'admin', password: 'adminpass', service: token.tokenService ?? '',
      client_id: 'harness-test', access_type: 'offline', scope: 'repository:test/win:pull repository:test/arm:pull' });
    const body = await first.body.json() as Record<string, unknown>;
    expect(first.statusCode).toBe(200);
    expect(typeof body.refresh_token).toBe('string');
    expect((decodeJwtPart(String(body.access_token), 1) as { access: unknown[] }).access).toHaveLength(2);
    const refreshed = await form({ grant_type: 'refresh_token', refresh_token: String(body.refresh_token), service: token.tokenService ?? '',
      client_id: 'harness-test', scope: 'repository:test/win:pull' });
    const again = await refreshed.body.json() as Record<string, unknown>;
    expect(refreshed.statusCode).toBe(200);
    expect(again.refresh_token).toBeUndefined();
    expect((await get(token, '/v2/test/win/tags/list', { authorization: `Bearer ${String(again.access_token)}` })).status).toBe(200);
    const bad = await form({ grant_type: 'password', username: 'admin', password: 'x', service: token.tokenService ?? '', client_id: 'c' });
    await bad.body.dump();
    expect(bad.statusCode).toBe(401);
  });

  it('counts token requests so tests can check caching', async () => {
    const before = await readTokenStats(token);
    await fetchToken(token, ['repository:test/multi:pull'], ['reader', 'readerpass']);
    await fetchToken(token, ['repository:test/multi:pull'], ['reader', 'wrong']);
    const after = await readTokenStats(token);
    expect(after.total - before.total).toBe(2);
    expect(after.get - before.get).toBe(2);
    expect(after.rejected - before.rejected).toBe(1);
  });
});
