import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/ipc';

/**
 * Loads the real entry point against a fake `electron`, then plays the app's start-up: this is what
 * proves main.ts wires hardening, protocol, IPC and the window in the right order.
 */
const order: string[] = [];
const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
const appListeners = new Map<string, (...a: unknown[]) => void>();
let resolveReady: () => void = () => undefined;
const windows: FakeWindow[] = [];
const dir = await mkdtemp(join(tmpdir(), 'main-'));
process.env.MANIFEST_STUDIO_USER_DATA = join(dir, 'user-data');
process.env.DOCKER_CONFIG = join(dir, 'docker');
process.env.MANIFEST_STUDIO_SETTINGS = join(dir, 'registries.json');

class FakeWindow {
  readonly webContents = { id: 41, isDestroyed: () => false, send: vi.fn() };
  readonly options: unknown;
  constructor(options: unknown) {
    this.options = options;
    windows.push(this);
  }
  on() {}
  once() {}
  maximize() {}
  async loadURL(url: string) {
    order.push(`loadURL ${url}`);
  }
  static getAllWindows = () => windows;
}

vi.mock('electron', () => ({
  app: {
    setName: vi.fn(),
    setPath: vi.fn((name: string, p: string) => order.push(`setPath ${name} ${p}`)),
    getPath: vi.fn(() => dir),
    getName: () => 'Manifest Studio',
    getVersion: () => '9.9.9',
    isPackaged: false,
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => true),
    on: vi.fn((name: string, fn: (...a: unknown[]) => void) => appListeners.set(name, fn)),
    whenReady: () => new Promise<void>((r) => (resolveReady = r)),
    quit: vi.fn(),
    exit: vi.fn(),
  },
  BrowserWindow: FakeWindow,
  ipcMain: {
    handle: vi.fn((c: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(c, fn)),
    removeHandler: vi.fn(),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemes')),
    handle: vi.fn((scheme: string) => order.push(`protocol.handle ${scheme}`)),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(() => order.push('permissions')),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  shell: { openExternal: vi.fn() },
  Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn(() => order.push('menu')) },
}));

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('electron/desktop/main/main.ts start-up', () => {
  it('hardens before ready, then serves app://, registers every channel and opens the window', async () => {
    await import('./main');
    expect(order.slice(0, 3)).toEqual([`setPath userData ${join(dir, 'user-data')}`, 'enableSandbox', 'registerSchemes']);
    resolveReady();
    for (let i = 0; i < 50 && windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(order).toContain('permissions');
    expect(order).toContain('protocol.handle app');
    expect(order.indexOf('permissions')).toBeLessThan(order.indexOf('loadURL app://studio/index.html'));
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(appListeners.has('web-contents-created')).toBe(true);
    expect(appListeners.has('before-quit')).toBe(true);
    expect(windows).toHaveLength(1);
    expect(windows[0]?.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, preload: expect.stringMatching(/preload[\\/]preload\.js$/) } });
  });

  it('answers the window it opened and refuses any other sender, through the real services', async () => {
    const call = handlers.get('app.info');
    const mainFrame = { url: 'app://studio/index.html' };
    const trusted = { sender: { id: 41, mainFrame }, senderFrame: mainFrame };
    await expect(call?.(trusted, {})).resolves.toEqual({
      ok: true,
      value: { name: 'Manifest Studio', version: '9.9.9', face: 'desktop', platform: process.platform },
    });
    await expect(handlers.get('drafts.list')?.(trusted, {})).resolves.toEqual({ ok: true, value: [] });
    const stranger = { sender: { id: 99, mainFrame }, senderFrame: mainFrame };
    await expect(call?.(stranger, {})).resolves.toMatchObject({ ok: false, error: { code: 'DENIED' } });
  });
});
