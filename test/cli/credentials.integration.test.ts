import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getHarness, linkDir, toolPath, type RegistryInfo } from '../harness';
import { basicAuthField, configPath, makeHelper, readConfigText, withHelperOnPath, writeConfig } from './credentials-util';
import { buildCli, docker, hasDocker, ours, sandbox, type RunResult, type Sandbox } from './run';

const h = getHarness();
const basic = h.registries.basic;
const token = h.registries.token;
const plain = h.registries.plain;
const image = (reg: RegistryInfo, ref = h.catalog.amd64.ref) => `${reg.host}/${ref}`;
const loginArgs = (host: string, user: string) => ['login', '-u', user, '--password-stdin', host];
/** Our login with the password on stdin (newline-terminated, as `echo pw | … --password-stdin`). */
const ourLogin = (box: Sandbox, host: string, user: string, password: string, globals: string[] = []) =>
  ours(box, [...globals, ...loginArgs(host, user)], `${password}\n`);
const dockerLogin = (box: Sandbox, host: string, user: string, password: string) =>
  docker(box, loginArgs(host, user), `${password}\n`);
const authsOf = (box: Sandbox) => (JSON.parse(readConfigText(box) ?? '{}') as { auths?: Record<string, unknown> }).auths;

/** Two fresh sandboxes, the same account logged in to `host` by us in one and by docker in the other. */
async function loggedInBoth(host: string, user: string, password: string): Promise<{ mine: Sandbox; theirs: Sandbox }> {
  const mine = sandbox();
  const theirs = sandbox();
  expect((await ourLogin(mine, host, user, password)).code).toBe(0);
  expect((await dockerLogin(theirs, host, user, password)).code).toBe(0);
  return { mine, theirs };
}

/** Asserts the "you need to log in" failure, which must not be docker's misleading "no such manifest". */
function expectLoginNeeded(r: RunResult, host: string): void {
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(/no such manifest/i);
  expect(r.stderr).toMatch(/log ?in/i);
  expect(r.stderr).toContain(host);
}

beforeAll(() => buildCli());

describe('login and logout over config.json auths (basic registry)', () => {
  it('rejects a wrong password clearly and stores nothing, also over an existing login', async () => {
    const box = sandbox();
    const bad = await ourLogin(box, basic.host, 'testuser', 'wrong');
    expect(bad.code).toBe(1);
    expect(bad.stdout).not.toContain('Login Succeeded');
    expect(bad.stderr).toMatch(/wrong username or password/i);
    expect(bad.stderr).toContain(basic.host);
    expect(existsSync(configPath(box))).toBe(false);

    expect((await ourLogin(box, basic.host, 'testuser', 'testpass')).code).toBe(0);
    const before = readConfigText(box);
    const badAgain = await ourLogin(box, basic.host, 'testuser', 'wrong');
    expect(badAgain.code).toBe(1);
    expect(readConfigText(box)).toBe(before);
  });

  it.skipIf(!hasDocker)('writes config.json byte for byte as docker login does', async () => {
    const mine = sandbox();
    const theirs = sandbox();
    const a = await ourLogin(mine, basic.host, 'testuser', 'testpass');
    const b = await dockerLogin(theirs, basic.host, 'testuser', 'testpass');
    expect(b.code, b.stderr).toBe(0);
    expect(a).toEqual({ code: 0, stdout: 'Login Succeeded\n', stderr: '' });
    expect(JSON.parse(readConfigText(mine) ?? '')).toEqual({ auths: { [basic.host]: { auth: basicAuthField('testuser', 'testpass') } } });
    expect(readConfigText(mine)).toBe(readConfigText(theirs));
    expect(statSync(configPath(mine)).mode & 0o777).toBe(statSync(configPath(theirs)).mode & 0o777);
  });

  it.skipIf(!hasDocker)('docker uses what we store and we use what docker stores', async () => {
    const ref = image(basic);
    const anonymous = await docker(sandbox(), ['manifest', 'inspect', '--insecure', ref]);
    expect(anonymous.code).not.toBe(0); // control: docker cannot read it without credentials

    const mine = sandbox();
    expect((await ourLogin(mine, basic.host, 'testuser', 'testpass')).code).toBe(0);
    const viaDocker = await docker(mine, ['manifest', 'inspect', '--insecure', ref]);
    expect(viaDocker.code, viaDocker.stderr).toBe(0);
    expect(JSON.parse(viaDocker.stdout).schemaVersion).toBe(2);

    const theirs = sandbox();
    expect((await dockerLogin(theirs, basic.host, 'testuser', 'testpass')).code).toBe(0);
    const viaUs = await ours(theirs, ['inspect', ref]);
    expect(viaUs.stderr).toBe('');
    expect(viaUs.code).toBe(0);
    expect(viaUs.stdout).toBe(viaDocker.stdout);
  });

  it.skipIf(!hasDocker)('logout removes the credentials as docker logout does; inspect then asks to log in', async () => {
    const { mine, theirs } = await loggedInBoth(basic.host, 'testuser', 'testpass');
    const out = await ours(mine, ['logout', basic.host]);
    expect(out).toEqual({ code: 0, stdout: `Removing login credentials for ${basic.host}\n`, stderr: '' });
    expect((await docker(theirs, ['logout', basic.host])).code).toBe(0);
    expect(authsOf(mine)).toEqual({});
    expect(readConfigText(mine)).toBe(readConfigText(theirs));
    expectLoginNeeded(await ours(mine, ['inspect', image(basic)]), basic.host);

    // A URL form names the same key, in the message and in the file.
    expect((await ourLogin(mine, `http://${basic.host}`, 'testuser', 'testpass')).code).toBe(0);
    expect(Object.keys(authsOf(mine) ?? {})).toEqual([basic.host]);
    const url = await ours(mine, ['logout', `http://${basic.host}/v2/`]);
    expect(url.stdout).toBe(`Removing login credentials for ${basic.host}\n`);
    expect(authsOf(mine)).toEqual({});
  });
});

describe('token registry: what each account may do', () => {
  const listName = () => `${token.host}/test/cred-push-${randomBytes(4).toString('hex')}:v1`;
  const parts = [image(token, h.catalog.amd64.ref), image(token, h.catalog.arm64.ref)];

  it('admin logs in, inspects, creates and pushes a list to a new repository', async () => {
    const rejected = sandbox();
    const bad = await ourLogin(rejected, token.host, 'admin', 'wrong');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/wrong username or password/i);
    expect(readConfigText(rejected)).toBeUndefined();

    const box = sandbox();
    expectLoginNeeded(await ours(box, ['inspect', parts[0] as string]), token.host);
    expect((await ourLogin(box, token.host, 'admin', 'adminpass')).stdout).toBe('Login Succeeded\n');
    expect((await ours(box, ['inspect', parts[0] as string])).code).toBe(0);
    const name = listName();
    const created = await ours(box, ['create', name, ...parts]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const pushed = await ours(box, ['push', name]);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    expect(pushed.stdout.trim().split('\n').at(-1)).toMatch(/^sha256:[0-9a-f]{64}$/);

    const back = await ours(box, ['inspect', name]);
    expect(back.code).toBe(0);
    const list = JSON.parse(back.stdout) as { manifests: { digest: string; platform: { architecture: string } }[] };
    expect(list.manifests.map((m) => [m.digest, m.platform.architecture])).toEqual([
      [h.catalog.amd64.digest, 'amd64'],
      [h.catalog.arm64.digest, 'arm64'],
    ]);
    if (hasDocker) {
      const viaDocker = await docker(box, ['manifest', 'inspect', '--insecure', name]);
      expect(viaDocker.code, viaDocker.stderr).toBe(0);
      expect(viaDocker.stdout).toBe(back.stdout);
    }
  });

  it.skipIf(!hasDocker)('stores the refresh token as docker login does, never the password', async () => {
    const { mine, theirs } = await loggedInBoth(token.host, 'admin', 'adminpass');
    type Entry = { auth?: string; identitytoken?: string };
    const ourEntry = authsOf(mine)?.[token.host] as Entry;
    const theirEntry = authsOf(theirs)?.[token.host] as Entry;
    // Same shape as docker's: "user:" without the password, plus the refresh token (random per login).
    expect(Object.keys(ourEntry).sort()).toEqual(Object.keys(theirEntry).sort());
    expect(ourEntry.auth).toBe(theirEntry.auth);
    expect(Buffer.from(ourEntry.auth ?? '', 'base64').toString()).toBe('admin:');
    expect(ourEntry.identitytoken).toMatch(/.{16,}/);
    expect(readConfigText(mine)).not.toContain('adminpass');
    // The stored refresh token is what authenticates from now on, for us and for docker.
    expect((await ours(mine, ['inspect', parts[0] as string])).code).toBe(0);
    const viaDocker = await docker(mine, ['manifest', 'inspect', '--insecure', parts[0] as string]);
    expect(viaDocker.code, viaDocker.stderr).toBe(0);
  });

  it('reader can inspect but is told it may not push (and nothing lands)', async () => {
    const box = sandbox();
    expect((await ourLogin(box, token.host, 'reader', 'readerpass')).code).toBe(0);
    const seen = await ours(box, ['inspect', parts[1] as string]);
    expect(seen.code).toBe(0);
    expect(JSON.parse(seen.stdout).config.digest).toBe(h.catalog.arm64.config.digest);
    const name = listName();
    expect((await ours(box, ['create', name, ...parts])).code).toBe(0);
    const push = await ours(box, ['push', name]);
    expect(push.code).toBe(1);
    expect(push.stdout).toBe('');
    expect(push.stderr).toMatch(/not allowed|denied/i);
    expect(push.stderr).not.toMatch(/no such manifest/i);
    expect(push.stderr).toContain('reader');

    const admin = sandbox();
    expect((await ourLogin(admin, token.host, 'admin', 'adminpass')).code).toBe(0);
    const absent = await ours(admin, ['inspect', name]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toMatch(/no such manifest|manifest unknown/i);
  });
});

describe('credential helpers (docker-credential-testhelper on PATH)', () => {
  const seeded = (box: Sandbox, secret = 'testpass') => {
    const helper = makeHelper('testhelper');
    helper.seed({ [basic.host]: { Username: 'testuser', Secret: secret } });
    withHelperOnPath(box, helper);
    return helper;
  };

  it('credHelpers: inspect asks the helper `get` with the host on stdin and uses its answer', async () => {
    const box = sandbox();
    writeConfig(box, { credHelpers: { [basic.host]: 'testhelper' } });
    const helper = seeded(box);
    const r = await ours(box, ['inspect', image(basic)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config.digest).toBe(h.catalog.amd64.config.digest);
    expect(helper.calls()).toEqual([{ verb: 'get', input: basic.host }]);

    // The helper's secret is what reaches the registry: a wrong one is rejected.
    const wrong = sandbox();
    writeConfig(wrong, { credHelpers: { [basic.host]: 'testhelper' } });
    const wrongHelper = seeded(wrong, 'not-the-password');
    const denied = await ours(wrong, ['inspect', image(basic)]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/rejected/i);
    expect(denied.stderr).toContain('user testuser');
    expect(wrongHelper.calls().map((c) => c.verb)).toContain('get');
  });

  it.skipIf(!hasDocker)('asks the helper for the same key docker asks for', async () => {
    const box = sandbox();
    writeConfig(box, { credHelpers: { [basic.host]: 'testhelper' } });
    const helper = seeded(box);
    expect((await docker(box, ['manifest', 'inspect', '--insecure', image(basic)])).code).toBe(0);
    const byDocker = helper.calls();
    expect(byDocker.length).toBeGreaterThan(0);
    expect((await ours(box, ['inspect', image(basic)])).code).toBe(0);
    const byUs = helper.calls().slice(byDocker.length);
    expect(byUs.length).toBeGreaterThan(0);
    // docker asks more than once per command; every question, theirs and ours, must be the same bytes.
    expect(new Set([...byDocker, ...byUs].map((c) => JSON.stringify(c)))).toEqual(new Set([JSON.stringify({ verb: 'get', input: basic.host })]));
  });

  it.each([
    ['credHelpers', { credHelpers: { [basic.host]: 'testhelper' } }],
    ['credsStore', { credsStore: 'testhelper' }],
  ])('%s: login stores through the helper, logout erases; config.json as docker leaves it', async (_kind, config) => {
    const mine = sandbox();
    const theirs = sandbox();
    writeConfig(mine, config);
    writeConfig(theirs, config);
    const myHelper = makeHelper('testhelper');
    const theirHelper = makeHelper('testhelper');
    withHelperOnPath(mine, myHelper);
    withHelperOnPath(theirs, theirHelper);

    expect((await ourLogin(mine, basic.host, 'testuser', 'wrong')).code).toBe(1);
    expect(myHelper.calls().filter((c) => c.verb === 'store')).toEqual([]); // verified before storing

    expect((await ourLogin(mine, basic.host, 'testuser', 'testpass')).stdout).toBe('Login Succeeded\n');
    const [stored] = myHelper.calls().filter((c) => c.verb === 'store');
    expect(JSON.parse(stored?.input ?? '{}')).toEqual({ ServerURL: basic.host, Username: 'testuser', Secret: 'testpass' });
    expect(myHelper.keychain()).toEqual({ [basic.host]: { Username: 'testuser', Secret: 'testpass' } });
    expect(readConfigText(mine)).not.toContain('testpass');
    const inspect = await ours(mine, ['inspect', image(basic)]);
    expect(inspect.code).toBe(0);
    expect(myHelper.calls().at(-1)).toEqual({ verb: 'get', input: basic.host });
    if (hasDocker) {
      expect((await dockerLogin(theirs, basic.host, 'testuser', 'testpass')).code).toBe(0);
      expect(stored?.input).toBe(theirHelper.calls().find((c) => c.verb === 'store')?.input);
      expect(readConfigText(mine)).toBe(readConfigText(theirs));
    }

    const out = await ours(mine, ['logout', basic.host]);
    expect(out).toEqual({ code: 0, stdout: `Removing login credentials for ${basic.host}\n`, stderr: '' });
    expect(myHelper.calls().at(-1)).toEqual({ verb: 'erase', input: basic.host });
    expect(myHelper.keychain()).toEqual({});
    if (hasDocker) {
      expect((await docker(theirs, ['logout', basic.host])).code).toBe(0);
      expect(readConfigText(mine)).toBe(readConfigText(theirs));
    }
    expectLoginNeeded(await ours(mine, ['inspect', image(basic)]), basic.host);
  });

  it('a helper that fails gives no credentials: reads go on anonymously with one warning, and login stores nothing', async () => {
    for (const config of [{ credsStore: 'testhelper' }, { credHelpers: { [basic.host]: 'testhelper', [plain.host]: 'testhelper' } }]) {
      const box = sandbox();
      writeConfig(box, config);
      const helper = makeHelper('testhelper', 'broken');
      withHelperOnPath(box, helper);
      const before = readConfigText(box);
      // A registry that needs no credentials answers as it would anyway, as docker's would.
      const open = await ours(box, ['inspect', image(plain)]);
      expect(open.code, open.stderr).toBe(0);
      expect(JSON.parse(open.stdout).config.digest).toBe(h.catalog.amd64.config.digest);
      expect(open.stderr).toBe('warning: going on without credentials from docker-credential-testhelper: error getting credentials - err: exit status 3, out: `boom: keychain exploded`\n');
      // One that does says credentials are needed, and why none were sent.
      const closed = await ours(box, ['inspect', image(basic)]);
      expect(closed.code).toBe(1);
      expect(closed.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toHaveLength(1);
      expect(closed.stderr).toContain(`authentication required for ${basic.host}`);
      expect(closed.stderr).toMatch(/hint: No credentials were sent: docker-credential-testhelper could not give them \(.*keychain exploded.*\)/);
      expect(closed.stderr).not.toMatch(/no such manifest/i);
      const login = await ourLogin(box, basic.host, 'testuser', 'testpass');
      expect(login.code).toBe(1);
      expect(login.stdout).toBe('');
      expect(login.stderr).toContain('docker-credential-testhelper');
      expect(readConfigText(box)).toBe(before);
      expect(helper.calls().map((c) => c.verb)).toEqual(['get', 'get', 'store']);
    }
  });

  it("login through docker's default helper that cannot store says why and how to keep the login elsewhere", async () => {
    const box = sandbox();
    // No config.json: a helper named like the platform default is picked, as docker picks it.
    const helper = makeHelper('secretservice', 'broken');
    withHelperOnPath(box, helper);
    const login = await ourLogin(box, basic.host, 'testuser', 'testpass');
    expect(login.code).toBe(1);
    expect(login.stderr).toContain(`cannot save the login for ${basic.host}`);
    expect(login.stderr).toContain(`"credHelpers": {"${basic.host}": ""}`);
    expect(readConfigText(box)).toBeUndefined();
    // The way out it names works: pinned to config.json, the login is stored there and used.
    writeConfig(box, { credHelpers: { [basic.host]: '' } });
    expect((await ourLogin(box, basic.host, 'testuser', 'testpass')).code).toBe(0);
    expect((await ours(box, ['inspect', image(basic)])).code).toBe(0);
  });

  const secretservice = spawnSync('sh', ['-c', 'command -v docker-credential-secretservice'], { encoding: 'utf8' }).stdout.trim();
  it.skipIf(!secretservice)("Debian's secretservice helper without a D-Bus session does not block an anonymous read", async () => {
    const box = sandbox();
    // No config.json at all: docker's rule picks secretservice as the default store, as on a fresh machine.
    box.env.PATH = `${linkDir(secretservice, 'docker-credential-secretservice')}:${toolPath()}`;
    const r = await ours(box, ['inspect', image(plain)], undefined, { DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: going on without credentials from docker-credential-secretservice: [^\n]+\n$/);
  });
});

describe('which config dir', () => {
  it('--config DIR wins over DOCKER_CONFIG, in both flag forms', async () => {
    const box = sandbox();
    const other = join(box.dir, 'other');
    const viaFlag: Sandbox = { ...box, dockerConfig: other };
    expect((await ourLogin(box, basic.host, 'testuser', 'testpass', ['--config', other])).code).toBe(0);
    expect(Object.keys(authsOf(viaFlag) ?? {})).toEqual([basic.host]);
    expect(existsSync(configPath(box))).toBe(false);
    expect((await ours(box, ['--config', other, 'inspect', image(basic)])).code).toBe(0);
    expectLoginNeeded(await ours(box, ['inspect', image(basic)]), basic.host);
    if (hasDocker) {
      const viaDocker = await docker(box, ['--config', other, 'manifest', 'inspect', '--insecure', image(basic)]);
      expect(viaDocker.code, viaDocker.stderr).toBe(0);
    }
    expect((await ours(box, [`--config=${other}`, 'logout', basic.host])).code).toBe(0);
    expect(authsOf(viaFlag)).toEqual({});
    expectLoginNeeded(await ours(box, ['--config', other, 'inspect', image(basic)]), basic.host);
  });

  it('DOCKER_CONFIG selects the dir; without it, ~/.docker', async () => {
    const box = sandbox();
    expect((await ourLogin(box, basic.host, 'testuser', 'testpass')).code).toBe(0);
    expect(Object.keys(authsOf(box) ?? {})).toEqual([basic.host]);
    const homeDocker = join(box.dir, '.docker');
    expect(existsSync(homeDocker)).toBe(false);

    const env = { ...box.env };
    delete env.DOCKER_CONFIG;
    const home: Sandbox = { ...box, dockerConfig: homeDocker, env };
    expectLoginNeeded(await ours(home, ['inspect', image(basic)]), basic.host);
    expect((await ourLogin(home, basic.host, 'testuser', 'testpass')).code).toBe(0);
    expect(Object.keys(authsOf(home) ?? {})).toEqual([basic.host]);
    expect((await ours(home, ['inspect', image(basic)])).code).toBe(0);
  });
});
