/**
 * The `auth` field of an `auths` entry: base64(`user:password`), as docker's `encodeAuth`/`decodeAuth`
 * (cli/config/configfile/file.go).
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes like Go's `base64.StdEncoding` (padding required, CR/LF ignored) and splits at the first
 * `:`. NULs around the password are trimmed (`strings.Trim(password, "\x00")`: some old tools padded
 * the field). Returns docker's error text as a string on failure.
 */
export function decodeAuth(auth: string): { username: string; password: string | undefined } | string {
  const compact = auth.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return 'illegal base64 data';
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = colon < 0 ? '' : decoded.slice(0, colon);
  if (colon < 0 || username === '') return 'Invalid auth configuration file';
  const password = decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '');
  return { username, password: password === '' ? undefined : password };
}

/** docker's `encodeAuth`: empty when there is neither a username nor a password. */
export function encodeAuth(username: string | undefined, password: string | undefined): string {
  if (!username && !password) return '';
  return Buffer.from(`${username ?? ''}:${password ?? ''}`, 'utf8').toString('base64');
}
