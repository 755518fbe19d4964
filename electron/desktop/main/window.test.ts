import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// No Electron binary on the build machines: the module is replaced by the few members these files touch.
vi.mock('electron', () => ({
  BrowserWindow: vi.fn(),
  screen: { getAllDisplays: vi.fn(() => []) },
  shell: { openExternal: vi.fn(async () => undefined) },
  Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
}));

const { createWindowOptions } = await import('./window');
const { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } = await import('./window-state');
const { buildMenuTemplate } = await import('./menu');

describe('createWindowOptions', () => {
  it('pins every security-relevant web preference', () => {
    const options = createWindowOptions({ preloadPath: '/app/out/preload/preload.js', state: DEFAULT_WINDOW_STATE });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(options.show).toBe(false);
  });

  it('uses remembered bounds, and no position when none was saved', () => {
    const placed = createWindowOptions({ preloadPath: 'p', state: { x: 10, y: 20, width: 900, height: 700 } });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
    const fresh = createWindowOptions({ preloadPath: 'p', state: { width: 900, height: 700 } });
    expect(fresh).not.toHaveProperty('x');
  });
});

describe('window state', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through the JSON file and falls back to defaults on damage', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ws-'));
    const file = join(dir, 'sub', 'window-state.json');
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    await saveWindowState(file, { x: 5, y: 6, width: 1000, height: 800, maximized: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ x: 5, y: 6, width: 1000, height: 800, maximized: true });
    expect(await loadWindowState(file)).toEqual({ x: 5, y: 6, width: 1000, height: 800, maximized: true });
    await writeFile(file, '{"width": 10, "height": "tall"}');
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(file, 'not json');
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('drops a position that no display shows any more', () => {
    const area = { x: 0, y: 0, width: 1920, height: 1080 };
    expect(fitToDisplays({ x: 100, y: 100, width: 800, height: 600 }, [area])).toEqual({ x: 100, y: 100, width: 800, height: 600 });
    expect(fitToDisplays({ x: 3000, y: 100, width: 800, height: 600 }, [area])).toEqual({ width: 800, height: 600 });
    expect(fitToDisplays({ x: 100, y: -500, width: 800, height: 600 }, [area])).toEqual({ width: 800, height: 600 });
  });
});

describe('buildMenuTemplate', () => {
  const labels = (t: ReturnType<typeof buildMenuTemplate>) => t.map((m) => m.label ?? m.role);

  it('has File, Edit, View, Window, Help on Linux and Windows', () => {
    expect(labels(buildMenuTemplate('linux', 'Manifest Studio'))).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
  });

  it('puts the app menu first on macOS', () => {
    expect(labels(buildMenuTemplate('darwin', 'Manifest Studio'))).toEqual(['Manifest Studio', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
  });

  it('leaves out dev tools when asked (packaged builds)', () => {
    const view = (devTools: boolean) => buildMenuTemplate('linux', 'M', devTools).find((m) => m.label === 'View');
    const roles = (devTools: boolean) => (view(devTools)?.submenu as Array<{ role?: string }>).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});
