import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { DockerCredentials } from './docker-credentials';
import { makeSandbox } from './fake-helper.test-util';
import type { Sandbox } from './fake-helper.test-util';
import { CredentialHelperError } from './helper-protocol';
import { credentialKey, convertToHostname, resolveConfigDir } from './keys';

let box: Sandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

async function writeConfig(value: unknown): Promise<string> {
  await mkdir(box.configDir, { recursive: true });
  const path = join(box.configDir, 'config.json');
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, '\t'));
  return path;
}

function creds(extraEnv: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux'): DockerCredentials {
  return new DockerCredentials(box.configDir, { env: { ...box.env, ...extraEnv }, platform, helperTimeoutMs: 5000 });
}

async function rejection(p: Promise<unknown>): Promise<StudioError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StudioError);
  return e as StudioError;
}

describe('keys and config dir', () => {
  it('resolves --config, then DOCKER_CONFIG, then ~/.docker', () => {
    expect(resolveConfigDir({ flag: '/f', env: { DOCKER_CONFIG: '/e' }, home: '/h' })).toBe('/f');
    expect(resolveConfigDir({ env: { DOCKER_CONFIG: '/e' }, home: '/h' })).toBe('/e');
    expect(resolveConfigDir({ flag: '', env: { DOCKER_CONFIG: '' }, home: '/h' })).toBe('/h/.docker');
  });

  it('uses the Docker Hub URL key and host parts like docker', () => {
    expect(credentialKey('docker.io')).toBe('https://index.docker.io/v1/');
    expect(credentialKey('index.docker.io')).toBe('https://index.docker.io/v1/');
    expect(credentialKey('localhost:5000')).toBe('localhost:5000');
    expect(convertToHostname('https://ghcr.io/v2/')).toBe('ghcr.io');
    expect(convertToHostname('http://user@reg.example:443/x')).toBe('reg.example:443');
    expect(convertToHostname('reg.example:5000/path')).toBe('reg.example:5000');
  });
});

describe('get from config.json auths', { timeout: 30_000 }, () => {
  it('decodes auth, trims NULs around the password, keeps identity and registry tokens', async () => {
    await writeConfig({
      auths: {
        'localhost:5000': { auth: b64('alice:pw:with:colons\0\0') },
        'tok.example': { auth: b64('bob:'), identitytoken: 'refresh-1' },
        'bearer.example': { registrytoken: 'bearer-1' },
        'fields.example': { username: 'carol', password: 'pw2' },
      },
    });
    const c = creds();
    expect(await c.get('localhost:5000')).toEqual({ username: 'alice', password: 'pw:with:colons' });
    expect(await c.get('tok.example')).toEqual({ username: 'bob', identityToken: 'refresh-1' });
    expect(await c.get('bearer.example')).toEqual({ registryToken: 'bearer-1' });
    expect(await c.get('fields.example')).toEqual({ username: 'carol', password: 'pw2' });
    expect(await c.get('other.example')).toBeUndefined();
  });

  it('uses the Docker Hub key and host-matches URL-ish keys (but never for Docker Hub)', async () => {
    await writeConfig({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hubuser:hubpw') },
        'https://ghcr.io/v2/': { auth: b64('gh:ghpw') },
        'http://reg.example:5443': { auth: b64('r:rpw') },
      },
    });
    const c = creds();
    expect(await c.get('docker.io')).toEqual({ username: 'hubuser', password: 'hubpw' });
    expect(await c.get('index.docker.io')).toEqual({ username: 'hubuser', password: 'hubpw' });
    expect(await c.get('ghcr.io')).toEqual({ username: 'gh', password: 'ghpw' });
    expect(await c.get('reg.example:5443')).toEqual({ username: 'r', password: 'rpw' });
    expect(await c.get('reg.example')).toBeUndefined();

    await writeConfig({ auths: { 'index.docker.io': { auth: b64('hubuser:hubpw') } } });
    expect(await creds().get('docker.io')).toBeUndefined();
  });

  it('returns undefined without a config file', async () => {
    expect(await creds().get('docker.io')).toBeUndefined();
  });

  it('refuses a malformed config.json and names the file', async () => {
    const path = await writeConfig('{"auths": {');
    const e = await rejection(creds().get('docker.io'));
    expect(e.code).toBe('CREDENTIALS');
    expect(e.message).toContain(`Error parsing config file (${path})`);
    expect(e.hint).toContain('Fix or remove');

    await writeConfig({ auths: { 'ghcr.io': { auth: 'not base64!' } } });
    const bad = await rejection(creds().get('localhost:5000'));
    expect(bad.message).toBe(`Error parsing config file (${path}): auths["ghcr.io"].auth: illegal base64 data`);

    await writeConfig({ auths: { 'ghcr.io': { auth: b64('nocolon') } } });
    expect((await rejection(creds().get('ghcr.io'))).message).toContain('Invalid auth configuration file');

    await writeConfig({ credsStore: 42 });
    expect((await rejection(creds().get('ghcr.io'))).message).toContain('credsStore');
  });
});

describe('get through helpers', { timeout: 60_000 }, () => {
  it('asks the credsStore helper with the key on stdin; <token> means identity token; registrytoken survives', async () => {
    const h = await box.helper('test');
    await h.seed({
      'localhost:5000': { Username: 'alice', Secret: 'pw' },
      'https://index.docker.io/v1/': { Username: '<token>', Secret: 'refresh-9' },
    });
    await writeConfig({
      credsStore: 'test',
      auths: { 'localhost:5000': { auth: b64('stale:stale'), registrytoken: 'rt-1' }, 'only-rt.example': { registrytoken: 'rt-2' } },
    });
    const c = creds();
    // The helper's answer replaces user/password from the file; the registry token stays.
    expect(await c.get('localhost:5000')).toEqual({ username: 'alice', password: 'pw', registryToken: 'rt-1' });
    expect(await c.get('docker.io')).toEqual({ identityToken: 'refresh-9' });
    // "Not found" blanks the file's user/password but not its registry token.
    expect(await c.get('only-rt.example')).toEqual({ registryToken: 'rt-2' });
    expect(await c.get('none.example')).toBeUndefined();
    expect((await h.calls()).map((x) => x.input)).toEqual([
      'localhost:5000',
      'https://index.docker.io/v1/',
      'only-rt.example',
      'none.example',
    ]);
  });

  it('prefers credHelpers over credsStore over auths', async () => {
    const per = await box.helper('per');
    const def = await box.helper('def');
    await per.seed({ 'a.example': { Username: 'from-per', Secret: '1' } });
    await def.seed({ 'a.example': { Username: 'from-def', Secret: '2' }, 'b.example': { Username: 'def-b', Secret: '3' } });
    await writeConfig({
      credHelpers: { 'a.example': 'per' },
      credsStore: 'def',
      auths: { 'a.example': { auth: b64('from-file:4') }, 'b.example': { auth: b64('file-b:5') } },
    });
    const c = creds();
    expect(await c.get('a.example')).toEqual({ username: 'from-per', password: '1' });
    expect(await c.get('b.example')).toEqual({ username: 'def-b', password: '3' });
    expect((await def.calls()).map((x) => x.input)).toEqual(['b.example']);

    await writeConfig({ credHelpers: { 'a.example': 'per' }, auths: { 'b.example': { auth: b64('file-b:5') } } });
    expect(await creds().get('b.example')).toEqual({ username: 'file-b', password: '5' });
    // An empty credHelpers entry pins that key to the file store, even with a credsStore (as in docker).
    await writeConfig({ credHelpers: { 'b.example': '' }, credsStore: 'def', auths: { 'b.example': { auth: b64('file-b:5') } } });
    expect(await creds().get('b.example')).toEqual({ username: 'file-b', password: '5' });
    expect((await def.calls()).map((x) => x.input)).toEqual(['b.example']);
  });

  it('reports helper failures instead of falling back to anonymous', async () => {
    await box.helper('crashy', 'crash');
    const path = await writeConfig({ credHelpers: { 'ghcr.io': 'crashy' }, auths: { 'ghcr.io': { auth: b64('u:p') } } });
    const e = await rejection(creds().get('ghcr.io'));
    expect(e).toBeInstanceOf(CredentialHelperError);
    expect(e.message).toBe('error getting credentials - err: exit status 3, out: `boom: keychain exploded`');
    expect(e.hint).toContain(`docker-credential-crashy (configured by "credHelpers" for "ghcr.io" in ${path})`);

    await box.helper('stuck', 'hang');
    await writeConfig({ credsStore: 'stuck' });
    const slow = new DockerCredentials(box.configDir, { env: box.env, platform: 'linux', helperTimeoutMs: 300 });
    const t = await rejection(slow.get('ghcr.io'));
    expect((t as CredentialHelperError).failure).toBe('timeout');

    await writeConfig({ credsStore: 'desktop' });
    const missing = await rejection(creds().get('ghcr.io'));
    expect(missing.message).toContain('"docker-credential-desktop": executable file not found in $PATH');
    expect(missing.hint).toContain('"credsStore" in');
  });

  it('lookup: a failing helper means no credentials, and says which helper and why', async () => {
    await box.helper('crashy', 'crash');
    await writeConfig({ credHelpers: { 'ghcr.io': 'crashy' } });
    const found = await creds().lookup('ghcr.io');
    expect(found.credential).toBeUndefined();
    expect(found.unavailable).toBeInstanceOf(CredentialHelperError);
    expect(found.unavailable?.helper).toBe('crashy');
    expect(await creds().lookup('other.example')).toEqual({});
  });

  it('list: a failing helper costs its own rows, reported to onProblem, not the whole listing', async () => {
    await box.helper('crashy', 'crash');
    const ok = await box.helper('fine');
    await ok.seed({ 'quay.io': { Username: 'q', Secret: 's' } });
    await writeConfig({ credsStore: 'crashy', credHelpers: { 'quay.io': 'fine' } });
    const problems: string[] = [];
    const rows = await creds().list({ onProblem: (e) => problems.push(e.helper) });
    expect(rows).toEqual([{ registry: 'quay.io', username: 'q', source: 'credHelpers', helper: 'fine' }]);
    expect(problems).toEqual(['crashy']);
    // Without onProblem the failure is the caller's, as before.
    await expect(creds().list()).rejects.toBeInstanceOf(CredentialHelperError);
  });

  it('detects the platform default helper only when config.json names no store and has no auths', async () => {
    const ss = await box.helper('secretservice');
    await ss.seed({ 'ghcr.io': { Username: 'ss-user', Secret: 'x' } });
    expect(await creds().get('ghcr.io')).toEqual({ username: 'ss-user', password: 'x' });
    // `pass` on PATH switches Linux to docker-credential-pass, which is not installed here → nothing.
    await box.tool('pass');
    expect(await creds().get('ghcr.io')).toBeUndefined();
    const pass = await box.helper('pass');
    await pass.seed({ 'ghcr.io': { Username: 'pass-user', Secret: 'y' } });
    expect(await creds().get('ghcr.io')).toEqual({ username: 'pass-user', password: 'y' });
    // Other platforms use their own default.
    const osx = await box.helper('osxkeychain');
    await osx.seed({ 'ghcr.io': { Username: 'mac', Secret: 'z' } });
    expect(await creds({}, 'darwin').get('ghcr.io')).toEqual({ username: 'mac', password: 'z' });
    // Any auths entry (even empty, as docker login leaves behind) switches detection off.
    await writeConfig({ auths: { 'other.example': {} } });
    expect(await creds().get('ghcr.io')).toBeUndefined();
  });
});

describe('DOCKER_AUTH_CONFIG', { timeout: 30_000 }, () => {
  it('takes precedence over helpers and config.json, exact key only, falling back for others', async () => {
    const per = await box.helper('per');
    await per.seed({ 'ghcr.io': { Username: 'helper', Secret: 'h' } });
    await writeConfig({ credHelpers: { 'ghcr.io': 'per' }, auths: { 'quay.io': { auth: b64('file:f') } } });
    const env = {
      DOCKER_AUTH_CONFIG: JSON.stringify({
        auths: { 'ghcr.io': { auth: b64('env:e') }, 'https://index.docker.io/v1/': { identitytoken: 'env-tok' } },
      }),
    };
    const c = creds(env);
    expect(await c.get('ghcr.io')).toEqual({ username: 'env', password: 'e' });
    expect(await c.get('docker.io')).toEqual({ identityToken: 'env-tok' });
    expect(await c.get('quay.io')).toEqual({ username: 'file', password: 'f' });
    expect(await per.calls()).toEqual([]);
  });

  it('reports a malformed value instead of ignoring it', async () => {
    const e = await rejection(creds({ DOCKER_AUTH_CONFIG: '{"auths":' }).get('ghcr.io'));
    expect(e.code).toBe('CREDENTIALS');
    expect(e.message).toMatch(/^Error parsing DOCKER_AUTH_CONFIG: not valid JSON/);
    const bad = await rejection(creds({ DOCKER_AUTH_CONFIG: '{"auths":{"x":{"auth":"%%"}}}' }).get('ghcr.io'));
    expect(bad.message).toBe('Error parsing DOCKER_AUTH_CONFIG: auths["x"].auth: illegal base64 data');
    expect(bad.hint).toContain('DOCKER_AUTH_CONFIG');
  });

  it('is never written: store goes to config.json', async () => {
    await creds({ DOCKER_AUTH_CONFIG: JSON.stringify({ auths: {} }) }).store('ghcr.io', { username: 'u', password: 'p' });
    const text = await readFile(join(box.configDir, 'config.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ auths: { 'ghcr.io': { auth: b64('u:p') } } });
  });
});
