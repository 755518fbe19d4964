import { describe, expect, it, vi } from 'vitest';
import { browserOpener, chooseFace, downloadError, fetchElectron, findElectron, onPath, openInBrowser, type ElectronState } from '../../scripts/start.mjs';

// `npm start`'s decisions (scripts/start.mjs): is the binary there, fetch it, which browser opener.

const missingModule = (): never => {
  throw Object.assign(new Error("Cannot find module 'electron/install.js'"), { code: 'MODULE_NOT_FOUND' });
};

describe('findElectron', () => {
  const resolve = (id: string): string => `/app/node_modules/${id}`;

  it('gives the binary when electron points at a file that is there', () => {
    expect(findElectron({ resolve, load: () => '/app/node_modules/electron/dist/electron', exists: () => true })).toEqual({
      binary: '/app/node_modules/electron/dist/electron',
    });
  });

  it('gives the install script when the binary was never downloaded (electron throws) or is gone', () => {
    const neverDownloaded = (): never => {
      throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
    };
    const installScript = '/app/node_modules/electron/install.js';
    expect(findElectron({ resolve, load: neverDownloaded, exists: () => true })).toEqual({ installScript });
    expect(findElectron({ resolve, load: () => '/app/node_modules/electron/dist/electron', exists: () => false })).toEqual({ installScript });
  });

  it('says the package itself is missing (npm drops an optional dependency whose install failed)', () => {
    const load = vi.fn(() => '/x');
    expect(findElectron({ resolve: missingModule, load, exists: () => true })).toEqual({ noPackage: true });
    expect(load).not.toHaveBeenCalled();
  });
});

describe('fetchElectron', () => {
  const script = '/app/node_modules/electron/install.js';

  it('runs install.js once, with the timeout, and reports success', async () => {
    const run = vi.fn(async () => ({ code: 0, timedOut: false, output: '' }));
    await expect(fetchElectron(script, { env: {}, timeoutMs: 60_000, run })).resolves.toEqual({ ok: true });
    expect(run).toHaveBeenCalledExactlyOnceWith(script, 60_000);
  });

  it('says why the download failed, from the error install.js printed', async () => {
    const output = [
      'RequestError: getaddrinfo ENOTFOUND github.com',
      '    at ClientRequest.<anonymous> (/app/node_modules/got/dist/source/core/index.js:970:111)',
    ].join('\n');
    const run = async () => ({ code: 1, timedOut: false, output });
    await expect(fetchElectron(script, { env: {}, timeoutMs: 60_000, run })).resolves.toEqual({
      ok: false,
      why: 'could not be downloaded (getaddrinfo ENOTFOUND github.com)',
    });
  });

  it('gives up after the timeout', async () => {
    const run = async () => ({ code: null, timedOut: true, output: '' });
    await expect(fetchElectron(script, { env: {}, timeoutMs: 60_000, run })).resolves.toEqual({
      ok: false,
      why: 'could not be downloaded (gave up after 60 s)',
    });
  });

  it('does not try when ELECTRON_SKIP_BINARY_DOWNLOAD is set (install.js would exit 0 having done nothing)', async () => {
    const run = vi.fn(async () => ({ code: 0, timedOut: false, output: '' }));
    await expect(fetchElectron(script, { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeoutMs: 1, run })).resolves.toEqual({
      ok: false,
      why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    });
    expect(run).not.toHaveBeenCalled();
  });
});

describe('downloadError', () => {
  it('takes the first error line, without its class name', () => {
    const output = '(node:1) Warning: something\nHTTPError: Response code 404 (Not Found) for http://127.0.0.1:9/x.zip\n    at …';
    expect(downloadError(output, 1)).toBe('Response code 404 (Not Found) for http://127.0.0.1:9/x.zip');
    expect(downloadError('Error: Generated checksum for "x.zip" did not match\n', 1)).toBe('Generated checksum for "x.zip" did not match');
  });

  it('falls back to the first line, then to the exit code', () => {
    expect(downloadError('\n  something odd happened\n', 1)).toBe('something odd happened');
    expect(downloadError('', 7)).toBe('install.js exited with code 7');
  });
});

describe('chooseFace', () => {
  const states = (...list: ElectronState[]): (() => ElectronState) => {
    let i = 0;
    return () => list[Math.min(i++, list.length - 1)] as ElectronState;
  };
  const installScript = '/app/node_modules/electron/install.js';

  it('opens the window when the binary is there, without fetching', async () => {
    const fetch = vi.fn(async () => ({ ok: true as const }));
    await expect(chooseFace({ probe: states({ binary: '/e' }), fetch })).resolves.toEqual({ electron: '/e' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fetches once when the binary is missing, then opens the window', async () => {
    const fetch = vi.fn(async () => ({ ok: true as const }));
    await expect(chooseFace({ probe: states({ installScript }, { binary: '/e' }), fetch })).resolves.toEqual({ electron: '/e' });
    expect(fetch).toHaveBeenCalledExactlyOnceWith(installScript);
  });

  it('says why the browser when the fetch fails', async () => {
    const fetch = async () => ({ ok: false as const, why: 'could not be downloaded (getaddrinfo ENOTFOUND github.com)' });
    await expect(chooseFace({ probe: states({ installScript }), fetch })).resolves.toEqual({
      why: 'The Electron binary is not installed and could not be downloaded (getaddrinfo ENOTFOUND github.com)',
    });
  });

  it('says why the browser when the fetch "worked" but left no binary', async () => {
    const fetch = async () => ({ ok: true as const });
    await expect(chooseFace({ probe: states({ installScript }), fetch })).resolves.toEqual({
      why: 'The Electron binary is not installed and was not found after its download',
    });
  });

  it('cannot fetch without the package (its install.js is gone too)', async () => {
    const fetch = vi.fn(async () => ({ ok: true as const }));
    await expect(chooseFace({ probe: states({ noPackage: true }), fetch })).resolves.toEqual({ why: 'The electron package is not installed' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('browserOpener', () => {
  const url = 'http://127.0.0.1:4000/?token=abc_-1';

  it('uses xdg-open on Linux and the BSDs, open on macOS, start (in cmd) on Windows', () => {
    const has = (): boolean => true;
    expect(browserOpener('linux', url, has)).toEqual({ name: 'xdg-open', command: 'xdg-open', args: [url], available: true });
    expect(browserOpener('freebsd', url, has)).toMatchObject({ command: 'xdg-open' });
    expect(browserOpener('darwin', url, has)).toEqual({ name: 'open', command: 'open', args: [url], available: true });
    expect(browserOpener('win32', url, has)).toEqual({ name: 'start', command: 'cmd', args: ['/d', '/c', 'start', '""', url], available: true });
  });

  it('says when the command is not here', () => {
    const asked: string[] = [];
    const opener = browserOpener('linux', url, (command) => (asked.push(command), false));
    expect(opener.available).toBe(false);
    expect(asked).toEqual(['xdg-open']);
  });
});

describe('onPath', () => {
  it('looks in every PATH directory (POSIX)', () => {
    const files = new Set(['/usr/local/bin/node', '/usr/bin/xdg-open']);
    const deps = { env: { PATH: '/usr/local/bin::/usr/bin' }, platform: 'linux' as const, isExecutable: (p: string) => files.has(p) };
    expect(onPath('xdg-open', deps)).toBe(true);
    expect(onPath('open', deps)).toBe(false);
    expect(onPath('xdg-open', { ...deps, env: {} })).toBe(false);
  });

  it('tries PATHEXT on Windows', () => {
    const files = new Set(['C:\\Windows\\System32\\cmd.exe']);
    const deps = { platform: 'win32' as const, isExecutable: (p: string) => files.has(p) };
    expect(onPath('cmd', { ...deps, env: { PATH: 'C:\\Tools;C:\\Windows\\System32', PATHEXT: '.COM;.exe' } })).toBe(true);
    expect(onPath('cmd', { ...deps, env: { PATH: 'C:\\Windows\\System32', PATHEXT: '.COM;.BAT' } })).toBe(false);
    const upper = { platform: 'win32' as const, isExecutable: (p: string) => p === 'C:\\Windows\\System32\\cmd.EXE' };
    expect(onPath('cmd', { ...upper, env: { PATH: 'C:\\Windows\\System32' } })).toBe(true); // PATHEXT unset: the usual list
  });
});

describe('openInBrowser', () => {
  const node = (code: string): { command: string; args: string[] } => ({ command: process.execPath, args: ['-e', code] });

  it('is done when the opener exits 0, or is still running after the settle time', async () => {
    await expect(openInBrowser(node('process.exit(0)'), 10_000)).resolves.toBeUndefined();
    await expect(openInBrowser(node('setTimeout(() => {}, 2000)'), 200)).resolves.toBeUndefined();
  });

  it('says why when the opener fails or cannot start', async () => {
    await expect(openInBrowser(node('process.exit(3)'), 10_000)).resolves.toBe('exit code 3');
    await expect(openInBrowser({ command: 'no-such-opener-here', args: [] }, 10_000)).resolves.toMatch(/ENOENT/);
  });
});
