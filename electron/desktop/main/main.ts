import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session, type WebContents } from 'electron';
import {
  createDispatch,
  createEventHub,
  createHandlers,
  ipcSenderPolicy,
  Operations,
  registerIpc,
  sendToWindows,
} from '../ipc';
import { createAppService } from '../service';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { watchRendererForReload } from './dev-reload';
import { installMenu } from './menu';
import { createAppLoginStore } from './safe-storage-box';
import { applySecurityRestrictions } from './security';
import { openMainWindow } from './window';

/**
 * The Electron entry: hardening first, then services, IPC and the window. Bundled to out/main/main.js;
 * the preload sits in out/preload/, the renderer in out/renderer/.
 */

app.setName('Manifest Studio');
// Chromium's profile must not land in ~/.config/manifest-studio, where the CLI and the app share
// registries.json; e2e runs point it at a temp dir so they never touch the user's profile.
app.setPath('userData', process.env.MANIFEST_STUDIO_USER_DATA ?? join(app.getPath('appData'), 'Manifest Studio'));

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const trustedIds = new Set<number>();
const events = createEventHub((e) => console.error('[events] listener failed:', e));
events.subscribe((event, payload) => sendToWindows(trustedContents, event, payload));
const operations = new Operations(events);
let mainWindow: BrowserWindow | undefined;

function* trustedContents(): Iterable<WebContents> {
  for (const win of BrowserWindow.getAllWindows()) {
    if (trustedIds.has(win.webContents.id)) yield win.webContents;
  }
}

async function showWindow(): Promise<void> {
  mainWindow = await openMainWindow({
    preloadPath: join(__dirname, '..', 'preload', 'preload.js'),
    stateFile: join(app.getPath('userData'), 'window-state.json'),
    onCreated: (win) => {
      const id = win.webContents.id;
      trustedIds.add(id);
      win.on('closed', () => {
        trustedIds.delete(id);
        if (mainWindow === win) mainWindow = undefined;
      });
    },
  });
}

function wireIpc(): void {
  // The window, unlike the CLI and the loopback host, also offers the app's own keychain-backed logins.
  const service = createAppService({ env: process.env, appLogins: createAppLoginStore() });
  const appInfo = { name: app.getName(), version: app.getVersion(), face: 'desktop' as const, platform: process.platform };
  const handlers = createHandlers(service, events, { appInfo, operations });
  const dispatch = createDispatch(handlers, {
    isTrusted: ipcSenderPolicy({ trustedIds: () => trustedIds, origin: APP_ORIGIN }),
    validateOutput: !app.isPackaged,
  });
  registerIpc(ipcMain, dispatch);
}

async function onReady(): Promise<void> {
  applySecurityRestrictions(app, session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(__dirname, '..', 'renderer')));
  installMenu(process.platform, app.getName(), !app.isPackaged);
  wireIpc();
  await showWindow();
  if (!app.isPackaged && process.env.MANIFEST_STUDIO_DEV_RELOAD === '1') {
    watchRendererForReload(join(__dirname, '..', 'renderer'), () => {
      for (const contents of trustedContents()) contents.reloadIgnoringCache();
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the drafts and the window; it gets focus through `second-instance`.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return void showWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void showWindow();
  });
  // No push may outlive the app: abort every running one so requests end cleanly.
  app.on('before-quit', () => operations.cancelAll());
  app.whenReady().then(onReady, (e: unknown) => {
    console.error('[main] startup failed:', e);
    app.exit(1);
  });
}
