import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppLoginStore, type SecretBox } from './app-logins';

const MAGIC = Buffer.from('FAKEBOX1');

/**
 * A reversible stand-in for the OS keychain: XOR with a key byte behind a magic prefix. Visibly not
 * plaintext, and a box with another key refuses what this one sealed (like a reset keychain).
 */
function fakeBox(opts: { available?: boolean; key?: number } = {}): SecretBox & { sealed: number } {
  const key = opts.key ?? 0x5a;
  const box = {
    sealed: 0,
    isAvailable: () => opts.available ?? true,
    encrypt(plain: string) {
      box.sealed++;
      return Buffer.concat([MAGIC, Buffer.from([key]), Buffer.from(plain, 'utf8').map((b) => b ^ key)]);
    },
    decrypt(data: Uint8Array) {
      const buf = Buffer.from(data);
      if (!buf.subarray(0, MAGIC.length).equals(MAGIC) || buf[MAGIC.length] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(buf.subarray(MAGIC.length + 1).map((b) => b ^ key)).toString('utf8');
    },
  };
  return box;
}

const PASSWORD = 'hunter2-S3cret!';
const dirs: string[] = [];
async function tempFile(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'app-logins-'));
  dirs.push(dir);
  return { dir, file: join(dir, 'nested', 'logins.json') };
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('AppLoginStore', () => {
  it('round-trips a login with the secret sealed: the file never holds the password, in clear or base64', async () => {
    const { file } = await tempFile();
    const box = fakeBox();
    const store = new AppLoginStore(file, box);
    await store.store('registry.example:5000', { username: 'alice', password: PASSWORD });
    expect(box.sealed).toBe(1);
    expect(await store.get('registry.example:5000')).toEqual({ username: 'alice', password: PASSWORD });
    expect(await store.get('other.example')).toBeUndefined();
    expect(await store.list()).toEqual([{ registry: 'registry.example:5000', username: 'alice' }]);

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(text).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString('base64'));
    const json = JSON.parse(text) as { version: number; logins: Record<string, { username: string; secret: string }> };
    expect(json.version).toBe(1);
    expect(Object.keys(json.logins['registry.example:5000']!).sort()).toEqual(['secret', 'username']);
    // The stored value is what the box made, not some other encoding of the password.
    expect(box.decrypt(Buffer.from(json.logins['registry.example:5000']!.secret, 'base64'))).toBe(JSON.stringify({ password: PASSWORD }));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps an identity token instead of a password, and names Docker Hub one way', async () => {
    const { file } = await tempFile();
    const store = new AppLoginStore(file, fakeBox());
    await store.store('index.docker.io', { username: 'bob', identityToken: 'refresh-token-xyz' });
    expect(await store.get('docker.io')).toEqual({ username: 'bob', identityToken: 'refresh-token-xyz' });
    expect(await store.list()).toEqual([{ registry: 'docker.io', username: 'bob' }]);
    expect(await readFile(file, 'utf8')).not.toContain('refresh-token-xyz');
  });

  it('replaces, erases, and leaves no temp file behind; concurrent stores all land', async () => {
    const { file, dir } = await tempFile();
    const store = new AppLoginStore(file, fakeBox());
    await Promise.all(['a.example', 'b.example', 'c.example'].map((r, i) => store.store(r, { username: `u${i}`, password: `p${i}` })));
    await store.store('b.example', { username: 'carol', password: 'new' });
    expect(await store.list()).toEqual([
      { registry: 'a.example', username: 'u0' },
      { registry: 'b.example', username: 'carol' },
      { registry: 'c.example', username: 'u2' },
    ]);
    expect(await store.get('b.example')).toEqual({ username: 'carol', password: 'new' });
    expect(await store.erase('b.example')).toBe(true);
    expect(await store.erase('b.example')).toBe(false);
    expect(await store.get('b.example')).toBeUndefined();
    expect((await store.list()).map((l) => l.registry)).toEqual(['a.example', 'c.example']);
    expect(await readdir(join(dir, 'nested'))).toEqual(['logins.json']);
  });

  it('refuses empty credentials', async () => {
    const { file } = await tempFile();
    const store = new AppLoginStore(file, fakeBox());
    await expect(store.store('r.example', { username: 'alice', password: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.store('r.example', { username: '', password: 'x' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  describe('without an OS keychain', () => {
    for (const [name, box] of [
      ['an unavailable box', fakeBox({ available: false })],
      ['no box at all', undefined],
    ] as const) {
      it(`${name}: storing says why and points at docker config; nothing is written`, async () => {
        const { file } = await tempFile();
        const store = new AppLoginStore(file, box);
        const err = await store.store('r.example', { username: 'alice', password: PASSWORD }).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'CREDENTIALS', message: expect.stringMatching(/OS keychain is not available/) });
        expect((err as { hint: string }).hint).toMatch(/Linux/);
        expect((err as { hint: string }).hint).toMatch(/docker config/);
        await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
        // Nothing saved here: lookups go on to docker's store, listing and logout still work.
        expect(await store.get('r.example')).toBeUndefined();
        expect(await store.list()).toEqual([]);
        expect(await store.erase('r.example')).toBe(false);
      });
    }

    it('a login saved earlier cannot be read, but is listed and can be erased', async () => {
      const { file } = await tempFile();
      await new AppLoginStore(file, fakeBox()).store('r.example', { username: 'alice', password: PASSWORD });
      const store = new AppLoginStore(file, fakeBox({ available: false }));
      await expect(store.get('r.example')).rejects.toMatchObject({ code: 'CREDENTIALS', message: expect.stringMatching(/OS keychain is not available/) });
      expect(await store.list()).toEqual([{ registry: 'r.example', username: 'alice' }]);
      expect(await store.erase('r.example')).toBe(true);
      expect(await store.list()).toEqual([]);
    });
  });

  it('a secret sealed by another keychain is a CREDENTIALS error telling to log in again', async () => {
    const { file } = await tempFile();
    await new AppLoginStore(file, fakeBox({ key: 1 })).store('r.example', { username: 'alice', password: PASSWORD });
    const err = await new AppLoginStore(file, fakeBox({ key: 2 })).get('r.example').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CREDENTIALS', message: expect.stringContaining(file) });
    expect((err as { hint: string }).hint).toMatch(/log in again/i);
  });

  describe('a corrupt file', () => {
    const cases: [string, string][] = [
      ['not JSON', '{"version":1,"logins":{'],
      ['a plaintext password field', JSON.stringify({ version: 1, logins: { 'r.example': { username: 'a', secret: 'eA==', password: 'x' } } })],
      ['an unknown version', JSON.stringify({ version: 2, logins: {} })],
      ['a list at the top', '[]'],
    ];
    for (const [name, text] of cases) {
      it(`${name}: every call names the file and the file is never rewritten`, async () => {
        const { file } = await tempFile();
        await new AppLoginStore(file, fakeBox()).store('seed.example', { username: 's', password: 's' });
        await writeFile(file, text);
        const store = new AppLoginStore(file, fakeBox());
        const calls = [
          () => store.get('r.example'),
          () => store.list(),
          () => store.store('r.example', { username: 'alice', password: PASSWORD }),
          () => store.erase('r.example'),
        ];
        for (const call of calls) {
          await expect(call()).rejects.toMatchObject({
            code: 'CREDENTIALS',
            message: expect.stringContaining(`Manifest Studio logins file (${file})`),
          });
        }
        expect(await readFile(file, 'utf8')).toBe(text);
      });
    }
  });
});
