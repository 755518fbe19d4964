import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { APP_INDEX_URL } from './app-protocol';
import { fitToDisplays, loadWindowState, saveWindowState, type WindowState } from './window-state';

export interface WindowOptionsInput {
  preloadPath: string;
  state: WindowState;
  title?: string;
}

/**
 * The one place web preferences are set (Electron checklist items 2–4, 20). Pure, so a unit test pins
 * every security-relevant value.
 */
export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { state } = input;
  return {
    ...(state.x === undefined || state.y === undefined ? {} : { x: state.x, y: state.y }),
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 500,
    title: input.title ?? 'Manifest Studio',
    // Shown on `ready-to-show`, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

export interface OpenWindowInput {
  preloadPath: string;
  stateFile: string;
  onCreated: (win: BrowserWindow) => void;
}

/** Creates the main window at its remembered bounds, loads the app and remembers bounds on close. */
export async function openMainWindow(input: OpenWindowInput): Promise<BrowserWindow> {
  const saved = await loadWindowState(input.stateFile);
  const state = fitToDisplays(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow(createWindowOptions({ preloadPath: input.preloadPath, state }));
  input.onCreated(win);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    void saveWindowState(input.stateFile, { ...b, maximized: win.isMaximized() }).catch(() => undefined);
  });
  await win.loadURL(APP_INDEX_URL);
  return win;
}
