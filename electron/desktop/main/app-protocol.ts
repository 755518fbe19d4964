import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, contentTypeOf, readStaticFile, resolveStaticPath } from '../host';

/** The UI is served from `app://studio/…` (Electron checklist item 18: not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for `protocol.registerSchemesAsPrivileged` (before `ready`): a standard, secure origin. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * The `protocol.handle` handler: files of the built renderer under `rootDir`, each with the CSP header;
 * another host, a path that would leave `rootDir`, or a missing file are refused. Plain web `Request` and
 * `Response`, so it is tested in Node without Electron.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad URL');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    // The raw path, before URL parsing normalised `..` away, so traversal attempts are seen and refused.
    const rawPath = rawPathOf(request.url);
    const path = resolveStaticPath(rootDir, rawPath);
    if (path === undefined) return plain(403, 'Forbidden');
    const body = await readStaticFile(path);
    if (body === undefined) return plain(404, 'Not found');
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'content-type': contentTypeOf(path),
      },
    });
  };
}

/** `app://studio/a/b?x#y` → `/a/b`, without WHATWG normalisation of dot segments. */
function rawPathOf(url: string): string {
  const afterScheme = url.slice(url.indexOf('//') + 2);
  const slash = afterScheme.indexOf('/');
  if (slash < 0) return '/';
  return afterScheme.slice(slash).split(/[?#]/, 1)[0] ?? '/';
}
