import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({ shell: { openExternal } }));

const { applySecurityRestrictions, denyPermissions, isAllowedExternal, isAppUrl, restrictWebContents } = await import('./security');

type Listener = (...args: unknown[]) => void;

/** A webContents that records its listeners so the test can fire them. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
    on: (name: string, fn: Listener) => void listeners.set(name, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => void (openHandler = fn),
    fire(name: string, url?: string) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler?.({ url }),
    listeners,
  };
}

type RequestHandler = (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
type CheckHandler = (...a: unknown[]) => boolean;

/** A session that keeps the handlers installed on it. */
function fakeSession() {
  const s: {
    request?: RequestHandler;
    check?: CheckHandler;
    device?: CheckHandler;
    setPermissionRequestHandler(fn: RequestHandler): void;
    setPermissionCheckHandler(fn: CheckHandler): void;
    setDevicePermissionHandler(fn: CheckHandler): void;
  } = {
    setPermissionRequestHandler: (fn) => void (s.request = fn),
    setPermissionCheckHandler: (fn) => void (s.check = fn),
    setDevicePermissionHandler: (fn) => void (s.device = fn),
  };
  return s;
}

describe('restrictWebContents', () => {
  it('blocks navigation and redirects away from app://studio, allows the app itself', () => {
    const wc = fakeContents();
    restrictWebContents(wc as never);
    expect(wc.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.fire('will-navigate', 'app://studio.evil/index.html')).toBe(true);
    expect(wc.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(wc.fire('will-navigate', 'app://studio/index.html')).toBe(false);
  });

  it('prevents every webview from attaching', () => {
    const wc = fakeContents();
    restrictWebContents(wc as never);
    expect(wc.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; only allow-listed https links go to the real browser', () => {
    const wc = fakeContents();
    restrictWebContents(wc as never);
    openExternal.mockClear();
    expect(wc.open('https://docs.docker.com/reference/cli/docker/manifest/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.docker.com/reference/cli/docker/manifest/');
    for (const url of ['https://evil.example/', 'http://github.com/', 'file:///bin/sh', 'https://user:pw@github.com/', 'javascript:alert(1)']) {
      expect(wc.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('permissions', () => {
  it('denies requests, checks and devices', () => {
    const s = fakeSession();
    denyPermissions(s as never);
    const cb = vi.fn();
    s.request?.({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(s.check?.({}, 'notifications')).toBe(false);
    expect(s.device?.({})).toBe(false);
  });

  it('applies to every webContents the app creates', () => {
    const s = fakeSession();
    let created: Listener | undefined;
    const app = { on: (name: string, fn: Listener) => name === 'web-contents-created' && (created = fn) };
    applySecurityRestrictions(app as never, s as never);
    const wc = fakeContents();
    created?.({}, wc);
    expect([...wc.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(s.request).toBeDefined();
  });
});

describe('URL predicates', () => {
  it('recognise the app origin and the external allow-list', () => {
    expect(isAppUrl('app://studio/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAllowedExternal('https://github.com/x')).toBe(true);
    expect(isAllowedExternal('not a url')).toBe(false);
  });
});
