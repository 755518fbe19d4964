import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const configPath = join(__dirname, 'electron-builder.config.cjs');

/** Loads the config fresh, so an env switch read at load time takes effect. */
function loadConfig(): Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  mac: { target: string[] };
  win: { target: string[] };
} {
  delete require.cache[require.resolve(configPath)];
  return require(configPath);
}

afterEach(() => {
  delete process.env.MANIFEST_STUDIO_E2E_BUILD;
});

describe('electron-builder config', () => {
  it('passes electron-builder’s own schema validation (and that validation can fail)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util/out/DebugLogger.js');
    const config = loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: 1 }, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  }, 60_000); // app-builder-lib is large; loading it takes seconds on a busy machine

  it('builds AppImage + deb, dmg and nsis', () => {
    const config = loadConfig();
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Manifest Studio');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs only the built output, without source maps, the Node-only bundles or node_modules', () => {
    const { files } = loadConfig();
    expect(files).toEqual(['package.json', 'out/**/*', '!out/**/*.map', '!out/cli/**', '!out/host/**', '!node_modules{,/**/*}']);
    expect(files.some((f) => /electron\/|renderer\/|\.ts$/.test(f))).toBe(false);
  });

  it('names the Electron version npm installed (electron is optional, so electron-builder cannot always find it)', async () => {
    const lock = JSON.parse(await readFile(join(__dirname, '..', 'package-lock.json'), 'utf8'));
    expect(loadConfig().electronVersion).toBe(lock.packages['node_modules/electron'].version);
    expect(loadConfig().electronVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('sets the hardening fuses for releases', () => {
    expect(loadConfig().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps only the inspect fuse on for an e2e build (Playwright needs it)', () => {
    process.env.MANIFEST_STUDIO_E2E_BUILD = '1';
    const fuses = loadConfig().electronFuses;
    expect(fuses.enableNodeCliInspectArguments).toBe(true);
    expect(fuses.runAsNode).toBe(false);
    expect(fuses.onlyLoadAppFromAsar).toBe(true);
  });

  it('has a 512×512 PNG icon next to its SVG source', async () => {
    const png = await readFile(join(__dirname, loadConfig().linux.icon.replace(/^build\//, '')));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(await readFile(join(__dirname, 'icon.svg'), 'utf8')).toContain('<svg');
  });
});
