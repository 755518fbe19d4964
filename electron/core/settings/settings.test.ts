import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCertsDir, loadCertsDir } from './certs-dir';
import { hostSettings, loadRegistrySettings, saveRegistrySettings, settingsPath } from './settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ms-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settingsPath', () => {
  it('prefers MANIFEST_STUDIO_SETTINGS', () => {
    expect(settingsPath({ MANIFEST_STUDIO_SETTINGS: '/x/y.json' }, 'linux', '/home/u')).toBe('/x/y.json');
  });
  it('uses XDG on Linux, with ~/.config when unset', () => {
    expect(settingsPath({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/manifest-studio/registries.json');
    expect(settingsPath({}, 'linux', '/home/u')).toBe('/home/u/.config/manifest-studio/registries.json');
  });
  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(settingsPath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/manifest-studio/registries.json');
    expect(settingsPath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\manifest-studio\\registries.json',
    );
  });
});

describe('load and save', () => {
  it('a missing file is empty settings', async () => {
    expect(await loadRegistrySettings(join(dir, 'nope', 'registries.json'))).toEqual({ registries: {} });
  });

  it('round-trips atomically and leaves no temp files', async () => {
    const path = join(dir, 'sub', 'registries.json');
    const settings = { registries: { '127.0.0.1:5443': { caFile: '/ca.pem' }, 'reg:80': { plainHttp: true, insecure: true } } };
    await saveRegistrySettings(path, settings);
    expect(await loadRegistrySettings(path)).toEqual(settings);
    expect(await readdir(join(dir, 'sub'))).toEqual(['registries.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(settings);
    expect(hostSettings(settings, '127.0.0.1:5443')).toEqual({ caFile: '/ca.pem' });
    expect(hostSettings(settings, 'other')).toEqual({});
  });

  it('malformed JSON or shape is SETTINGS_INVALID naming the file', async () => {
    const path = join(dir, 'registries.json');
    await writeFile(path, '{ nope');
    await expect(loadRegistrySettings(path)).rejects.toMatchObject({ code: 'SETTINGS_INVALID', message: expect.stringContaining(path) });
    await writeFile(path, JSON.stringify({ registries: { h: { insecure: 'yes' } } }));
    const err = await loadRegistrySettings(path).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SETTINGS_INVALID' });
    expect((err as Error).message).toContain('registries.h.insecure');
    await writeFile(path, JSON.stringify({ registries: { h: { caFlie: '/x' } } }));
    await expect(loadRegistrySettings(path)).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
  });
});

describe('docker certs.d', () => {
  it('defaults like docker', () => {
    expect(defaultCertsDir({}, 'linux', '/home/u')).toBe('/etc/docker/certs.d');
    expect(defaultCertsDir({ ROOTLESSKIT_STATE_DIR: '/r' }, 'linux', '/home/u')).toBe('/home/u/.config/docker/certs.d');
  });

  it('reads *.crt as CAs and *.cert/*.key pairs; missing dir is empty', async () => {
    expect(await loadCertsDir(dir, 'nohost:5000')).toEqual({ ca: [], clientCerts: [] });
    const h = join(dir, 'reg.example:5000');
    await mkdir(h);
    await writeFile(join(h, 'ca.crt'), 'CA');
    await writeFile(join(h, 'client.cert'), 'CERT');
    await writeFile(join(h, 'client.key'), 'KEY');
    expect(await loadCertsDir(dir, 'reg.example:5000', 'linux')).toEqual({ ca: ['CA'], clientCerts: [{ cert: 'CERT', key: 'KEY' }] });
  });

  it('an unpaired cert or key is an error, as in docker', async () => {
    const h = join(dir, 'h');
    await mkdir(h);
    await writeFile(join(h, 'client.cert'), 'CERT');
    await expect(loadCertsDir(dir, 'h')).rejects.toMatchObject({ message: expect.stringContaining('missing key client.key') });
    await rm(join(h, 'client.cert'));
    await writeFile(join(h, 'other.key'), 'KEY');
    await expect(loadCertsDir(dir, 'h')).rejects.toMatchObject({ message: expect.stringContaining('missing client certificate other.cert') });
  });

  it('drops the colon from the folder name on Windows', async () => {
    await mkdir(join(dir, 'reg5000'));
    await writeFile(join(dir, 'reg5000', 'a.crt'), 'CA');
    expect((await loadCertsDir(dir, 'reg:5000', 'win32')).ca).toEqual(['CA']);
  });
});
