import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppLoginStore, type SecretBox } from '../../electron/core/credentials';
import { createAppService } from '../../electron/desktop/service';
import { getHarness } from '../harness';

/**
 * The app's own keychain-backed logins against the real basic-auth registry (every request needs a
 * login there, so a successful inspect proves which credentials were sent).
 */
const h = getHarness();
const { basic, tls } = h.registries;
const { catalog } = h;
const user = basic.username!;
const password = basic.password!;
const privateImage = `${basic.host}/${catalog.amd64.ref}`;

/** Reversible, visibly not plaintext; stands in for Electron's safeStorage. */
const xorBox = (available = true): SecretBox => ({
  isAvailable: () => available,
  encrypt: (plain) => Buffer.from(`XOR1${Buffer.from(Buffer.from(plain).map((b) => b ^ 0x33)).toString('hex')}`),
  decrypt: (data) => {
    const text = Buffer.from(data).toString();
    if (!text.startsWith('XOR1')) throw new Error('not sealed by this box');
    return Buffer.from(Buffer.from(text.slice(4), 'hex').map((b) => b ^ 0x33)).toString();
  },
});

/** One user: a docker config dir with an unrelated login, the app's logins file, and two faces. */
function sandbox(dockerAuths: Record<string, { auth: string }> = { 'other.example': { auth: b64('someone:else') } }) {
  const dir = mkdtempSync(join(tmpdir(), 'ms-app-logins-'));
  const settingsFile = join(dir, 'registries.json');
  writeFileSync(settingsFile, JSON.stringify({ registries: { [tls.host]: { caFile: tls.caFile } } }));
  const env = { HOME: dir, DOCKER_CONFIG: join(dir, 'docker'), MANIFEST_STUDIO_SETTINGS: settingsFile, MANIFEST_STUDIO_CERTS_DIR: join(dir, 'certs.d') };
  mkdirSync(env.DOCKER_CONFIG);
  const configFile = join(env.DOCKER_CONFIG, 'config.json');
  writeFileSync(configFile, JSON.stringify({ auths: dockerAuths }, null, '\t'), { mode: 0o600 });
  const loginsFile = join(dir, 'user-data', 'logins.json');
  return {
    configFile,
    loginsFile,
    configBefore: readFileSync(configFile, 'utf8'),
    /** The window: app logins + docker's store. */
    window: (box: SecretBox = xorBox()) => createAppService({ env, appLogins: new AppLoginStore(loginsFile, box) }),
    /** The loopback host (and, through the same core, the CLI): docker's store only. */
    host: createAppService({ env }),
  };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const digestOf = async (service: ReturnType<typeof createAppService>, ref: string) => {
  const r = await service.inspect(ref);
  return r.kind === 'image' ? r.image.descriptor.digest : r.list.descriptor.digest;
};

describe("the app's own logins", () => {
  it('login to the app keychain: private inspect works through it, docker config.json stays byte-identical, logout erases it', async () => {
    const box = sandbox();
    const window = box.window();
    await expect(window.inspect(privateImage)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await expect(window.login(basic.host, user, 'wrong-password', { store: 'app' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(existsSync(box.loginsFile)).toBe(false);

    const dto = await window.login(basic.host, user, password, { store: 'app' });
    expect(dto).toEqual({ registry: basic.host, username: user, source: 'app' });
    expect(await digestOf(window, privateImage)).toBe(catalog.amd64.digest);
    expect(await window.testConnection(basic.host)).toMatchObject({ ok: true, authScheme: 'basic' });

    expect(readFileSync(box.configFile, 'utf8')).toBe(box.configBefore);
    const saved = readFileSync(box.loginsFile, 'utf8');
    expect(saved).toContain(user);
    expect(saved).not.toContain(password);
    expect(saved).not.toContain(b64(`${user}:${password}`));

    const { logins } = await window.listLogins();
    expect(logins).toEqual([
      { registry: basic.host, username: user, source: 'app' },
      { registry: 'other.example', username: 'someone', source: 'auths' },
    ]);
    expect(JSON.stringify(logins)).not.toContain(password);

    // The login is the window's alone: the host/CLI face over the same docker config cannot use it.
    await expect(box.host.inspect(privateImage)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await box.host.listLogins()).logins).toEqual([{ registry: 'other.example', username: 'someone', source: 'auths' }]);

    await window.logout(basic.host);
    expect((await window.listLogins()).logins).toEqual([{ registry: 'other.example', username: 'someone', source: 'auths' }]);
    expect(JSON.parse(readFileSync(box.loginsFile, 'utf8'))).toEqual({ version: 1, logins: {} });
    await expect(window.inspect(privateImage)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(readFileSync(box.configFile, 'utf8')).toBe(box.configBefore);
  });

  it("the app login wins over a stale docker login; logout removes both", async () => {
    const box = sandbox({ [basic.host]: { auth: b64(`${user}:stale-password`) } });
    const window = box.window();
    await expect(window.inspect(privateImage)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await window.login(basic.host, user, password, { store: 'app' });
    expect(await digestOf(window, privateImage)).toBe(catalog.amd64.digest);
    await expect(box.host.inspect(privateImage)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await window.listLogins()).logins.map((l) => l.source)).toEqual(['app', 'auths']);

    await window.logout(basic.host);
    expect(await window.listLogins()).toEqual({ logins: [], problems: [] });
    expect(JSON.parse(readFileSync(box.configFile, 'utf8'))).toEqual({ auths: {} });
  });

  it('without an OS keychain the app store refuses with a hint, and docker config storage still works', async () => {
    const box = sandbox();
    const window = box.window(xorBox(false));
    const err = await window.login(basic.host, user, password, { store: 'app' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CREDENTIALS', message: expect.stringMatching(/OS keychain is not available/) });
    expect((err as { hint?: string }).hint).toMatch(/docker config/);
    expect(existsSync(box.loginsFile)).toBe(false);
    expect(readFileSync(box.configFile, 'utf8')).toBe(box.configBefore);

    expect(await window.login(basic.host, user, password)).toEqual({ registry: basic.host, username: user, source: 'auths' });
    expect(await digestOf(window, privateImage)).toBe(catalog.amd64.digest);
    expect(readFileSync(box.configFile, 'utf8')).toContain(basic.host);
  });

  it('the loopback host (no app store) refuses store "app" before contacting the registry', async () => {
    const box = sandbox();
    await expect(box.host.login(basic.host, user, password, { store: 'app' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(readFileSync(box.configFile, 'utf8')).toBe(box.configBefore);
  });
});
