import { chmod, lstat, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { DockerCredentials } from './docker-credentials';
import { makeSandbox } from './fake-helper.test-util';
import type { Sandbox } from './fake-helper.test-util';

let box: Sandbox;
let configPath: string;
beforeEach(async () => {
  box = await makeSandbox();
  configPath = join(box.configDir, 'config.json');
});
afterEach(async () => {
  await box.cleanup();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const creds = (env: NodeJS.ProcessEnv = {}) =>
  new DockerCredentials(box.configDir, { env: { ...box.env, ...env }, platform: 'linux', helperTimeoutMs: 5000 });
const readConfig = async () => readFile(configPath, 'utf8');

async function writeConfig(text: string, mode = 0o600): Promise<void> {
  await mkdir(box.configDir, { recursive: true });
  await writeFile(configPath, text);
  await chmod(configPath, mode);
}

describe('store into config.json', { timeout: 30_000 }, () => {
  it('creates config.json 0600 in docker format (tabs, auth base64, no trailing newline)', async () => {
    await creds().store('docker.io', { username: 'hub', password: 'pw' });
    await creds().store('localhost:5000', { username: 'bob', identityToken: 'refresh' });
    await creds().store('bearer.example', { registryToken: 'bt' });
    expect(await readConfig()).toBe(
      '{\n\t"auths": {\n' +
        `\t\t"bearer.example": {\n\t\t\t"registrytoken": "bt"\n\t\t},\n` +
        `\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "${b64('hub:pw')}"\n\t\t},\n` +
        `\t\t"localhost:5000": {\n\t\t\t"auth": "${b64('bob:')}",\n\t\t\t"identitytoken": "refresh"\n\t\t}\n` +
        '\t}\n}',
    );
    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
    expect(await creds().get('docker.io')).toEqual({ username: 'hub', password: 'pw' });
    expect(await creds().get('localhost:5000')).toEqual({ username: 'bob', identityToken: 'refresh' });
    expect(await readdir(box.configDir)).toEqual(['config.json']); // no temp files left behind
  });

  it('round-trips unknown fields, key order and untouched entries; keeps an existing mode', async () => {
    const original = {
      psFormat: 'table {{.ID}}\t<b>&',
      auths: { 'z.example': { auth: b64('z:z'), email: 'z@example.com', futureField: { nested: [1, 2] } } },
      proxies: { default: { httpProxy: 'http://p:3128' } },
      currentContext: 'rootless',
      somethingNew: [true, null, 1.5],
    };
    await writeConfig(JSON.stringify(original, null, 2), 0o644);
    await creds().store('a.example', { username: 'a', password: 'b' });
    const text = await readConfig();
    const written: unknown = JSON.parse(text);
    expect(written).toEqual({
      ...original,
      auths: { 'a.example': { auth: b64('a:b') }, ...original.auths },
    });
    expect(Object.keys(written as object)).toEqual(['psFormat', 'auths', 'proxies', 'currentContext', 'somethingNew']);
    expect(text).toContain('"psFormat": "table {{.ID}}\\t\\u003cb\\u003e\\u0026"'); // Go's HTML-safe escapes
    expect((await stat(configPath)).mode & 0o777).toBe(0o644);

    await creds().erase('a.example');
    expect(JSON.parse(await readConfig())).toEqual(original);
  });

  it('writes through a symlinked config.json', async () => {
    const real = join(box.root, 'real-config.json');
    await writeFile(real, '{"auths":{}}');
    await mkdir(box.configDir, { recursive: true });
    await symlink(real, configPath);
    await creds().store('ghcr.io', { username: 'u', password: 'p' });
    expect((await lstat(configPath)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(real, 'utf8'))).toEqual({ auths: { 'ghcr.io': { auth: b64('u:p') } } });
  });

  it('never rewrites a malformed config.json', async () => {
    await writeConfig('{"auths": {"x": {"auth": "%%"}}, "keep": 1}');
    const e: unknown = await creds().store('ghcr.io', { username: 'u', password: 'p' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(StudioError);
    expect((e as StudioError).code).toBe('CREDENTIALS');
    expect(await readConfig()).toBe('{"auths": {"x": {"auth": "%%"}}, "keep": 1}');
  });

  it('serialises concurrent stores so none is lost', async () => {
    const c = creds();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => c.store(`${n}.example`, { username: n, password: n })));
    expect(Object.keys((JSON.parse(await readConfig()) as { auths: object }).auths)).toEqual([
      'a.example', 'b.example', 'c.example', 'd.example', 'e.example',
    ]);
  });

  it('refuses to store nothing', async () => {
    await expect(creds().store('ghcr.io', {})).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('store and erase through helpers', { timeout: 60_000 }, () => {
  it('stores into the configured helper and leaves docker login’s empty auths entry', async () => {
    const h = await box.helper('test');
    await writeConfig(JSON.stringify({ credsStore: 'test', auths: { 'ghcr.io': { auth: b64('old:old') } } }));
    await creds().store('ghcr.io', { username: 'alice', password: 'pw', registryToken: 'rt' });
    await creds().store('docker.io', { username: 'bob', identityToken: 'refresh' });
    expect((await h.calls()).map((c) => c.input)).toEqual([
      '{"ServerURL":"ghcr.io","Username":"alice","Secret":"pw"}\n',
      '{"ServerURL":"https://index.docker.io/v1/","Username":"\\u003ctoken\\u003e","Secret":"refresh"}\n',
    ]);
    expect(await h.keychain()).toEqual({
      'ghcr.io': { Username: 'alice', Secret: 'pw' },
      'https://index.docker.io/v1/': { Username: '<token>', Secret: 'refresh' },
    });
    expect(JSON.parse(await readConfig())).toEqual({
      credsStore: 'test',
      auths: { 'ghcr.io': { registrytoken: 'rt' }, 'https://index.docker.io/v1/': {} },
    });
    expect(await creds().get('ghcr.io')).toEqual({ username: 'alice', password: 'pw', registryToken: 'rt' });
    expect(await creds().get('docker.io')).toEqual({ identityToken: 'refresh' });
  });

  it('writes a detected default helper into credsStore, as docker login does', async () => {
    const ss = await box.helper('secretservice');
    await creds().store('ghcr.io', { username: 'u', password: 'p' });
    expect(JSON.parse(await readConfig())).toEqual({ auths: { 'ghcr.io': {} }, credsStore: 'secretservice' });
    expect(await ss.keychain()).toEqual({ 'ghcr.io': { Username: 'u', Secret: 'p' } });
    expect(await creds().get('ghcr.io')).toEqual({ username: 'u', password: 'p' });
  });

  it('erases from the helper and from auths, including legacy URL forms', async () => {
    const h = await box.helper('per');
    await h.seed({ 'ghcr.io': { Username: 'u', Secret: 'p' } });
    await writeConfig(
      JSON.stringify({
        credHelpers: { 'ghcr.io': 'per' },
        auths: { 'ghcr.io': {}, 'https://ghcr.io': { auth: b64('l:l') }, 'quay.io': { auth: b64('q:q') } },
      }),
    );
    expect(await creds().erase('ghcr.io')).toEqual({ envStillProvides: false });
    expect(await h.keychain()).toEqual({});
    expect((await h.calls()).map((c) => [c.verb, c.input])).toEqual([['erase', 'ghcr.io']]);
    expect(JSON.parse(await readConfig())).toEqual({ credHelpers: { 'ghcr.io': 'per' }, auths: { 'quay.io': { auth: b64('q:q') } } });
    // Nothing stored any more: erasing again is not an error.
    await creds().erase('ghcr.io');
    await creds().erase('quay.io');
    expect(JSON.parse(await readConfig())).toEqual({ credHelpers: { 'ghcr.io': 'per' }, auths: {} });
    const env = { DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { 'quay.io': { auth: b64('e:e') } } }) };
    expect(await creds(env).erase('quay.io')).toEqual({ envStillProvides: true });
  });

  it('surfaces a failing helper on store and leaves config.json alone', async () => {
    await box.helper('crashy', 'crash');
    await writeConfig('{"credsStore":"crashy"}');
    await expect(creds().store('ghcr.io', { username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'CREDENTIALS',
      message: 'error storing credentials - err: exit status 3, out: `boom: keychain exploded`',
    });
    expect(await readConfig()).toBe('{"credsStore":"crashy"}');
  });
});

describe('list', { timeout: 60_000 }, () => {
  it('reports every source with usernames and never a secret', async () => {
    const def = await box.helper('def');
    const per = await box.helper('per');
    const nolist = await box.helper('nolist', 'no-list');
    await def.seed({ 'a.example': { Username: 'def-a', Secret: 'SECRET1' }, 'b.example': { Username: '<token>', Secret: 'SECRET2' } });
    await per.seed({ 'a.example': { Username: 'per-a', Secret: 'SECRET3' }, 'not-mine.example': { Username: 'x', Secret: 'SECRET4' } });
    await nolist.seed({ 'gcr.io': { Username: 'oauth2accesstoken', Secret: 'SECRET5' } });
    await writeConfig(
      JSON.stringify({
        credsStore: 'def',
        credHelpers: { 'a.example': 'per', 'gcr.io': 'nolist', 'missing.example': 'per' },
        auths: { 'a.example': {}, 'rt.example': { registrytoken: 'SECRET6' } },
      }),
    );
    const env = { DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { 'env.example': { auth: b64('envuser:SECRET7') } } }) };
    const rows = await creds(env).list();
    expect(rows).toEqual([
      { registry: 'a.example', username: 'per-a', source: 'credHelpers', helper: 'per' },
      { registry: 'b.example', source: 'credsStore', helper: 'def' },
      { registry: 'env.example', username: 'envuser', source: 'env' },
      { registry: 'gcr.io', username: 'oauth2accesstoken', source: 'credHelpers', helper: 'nolist' },
      { registry: 'rt.example', source: 'auths' },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/SECRET/);
    expect((await nolist.calls()).map((c) => [c.verb, c.input])).toEqual([['list', 'unused'], ['get', 'gcr.io']]);
  });

  it('lists plain auths entries and skips empty ones', async () => {
    await writeConfig(JSON.stringify({ auths: { 'q.example': { auth: b64('q:pw') }, 'empty.example': {}, 't.example': { identitytoken: 'x' } } }));
    expect(await creds().list()).toEqual([
      { registry: 'q.example', username: 'q', source: 'auths' },
      { registry: 't.example', source: 'auths' },
    ]);
  });

  it('fails loudly when a helper cannot list', async () => {
    await box.helper('crashy', 'crash');
    await writeConfig('{"credsStore":"crashy"}');
    await expect(creds().list()).rejects.toMatchObject({ code: 'CREDENTIALS' });
  });
});
