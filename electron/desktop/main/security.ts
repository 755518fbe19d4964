import { shell, type App, type Session, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/** https sites the app's own links may open in the user's browser; every other URL is dropped. */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'docs.docker.com',
  'github.com',
  'specs.opencontainers.org',
  'distribution.github.io',
]);

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/** True when `url` is a page of the app itself (the one place navigation may go). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Hardens one webContents (Electron checklist 13, 14, 15, and the webview part of 12): no navigation
 * away from the app, no new windows (allow-listed https links go to the real browser instead), no
 * `<webview>` attachment.
 */
export function restrictWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Checklist item 5: the app needs no camera, microphone, notifications, HID, serial, or anything else. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applies the restrictions to every webContents the app will ever create, and to the default session. */
export function applySecurityRestrictions(app: App, session: Session): void {
  app.on('web-contents-created', (_event, contents) => restrictWebContents(contents));
  denyPermissions(session);
}
