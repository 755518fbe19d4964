import { z } from 'zod';
import { goEscape } from './config-file';
import { CredentialHelperError, gerund, runHelper } from './helper-protocol';
import type { HelperVerb, RunHelperOptions } from './helper-protocol';

/** Username a helper stores when the secret is an identity (refresh) token (docs/docker-behavior.md §6.2). */
export const TOKEN_USERNAME = '<token>';

/** What a helper holds for one server: a password, or an identity token (`Username: "<token>"`). */
export interface HelperCredential {
  username?: string;
  password?: string;
  identityToken?: string;
}

const ListSchema = z.record(z.string(), z.string());

/** `get`: stdin is the server key without a newline. "Not found" is `undefined`, every other failure throws. */
export async function helperGet(
  name: string,
  serverUrl: string,
  opts: RunHelperOptions = {},
): Promise<HelperCredential | undefined> {
  let stdout: string;
  try {
    stdout = await runHelper(name, 'get', serverUrl, opts);
  } catch (e) {
    if (e instanceof CredentialHelperError && e.failure === 'not-found') return undefined;
    throw e;
  }
  const json = parseOutput(name, 'get', stdout, opts);
  // Go decodes struct fields case-insensitively; so do we.
  const username = stringField(json, 'Username');
  const secret = stringField(json, 'Secret');
  if (username === TOKEN_USERNAME) return secret ? { identityToken: secret } : undefined;
  const cred: HelperCredential = {};
  if (username) cred.username = username;
  if (secret) cred.password = secret;
  return cred.username || cred.password ? cred : undefined;
}

/** `store`: stdin is Go's `json.Encoder` output of `{ServerURL,Username,Secret}` (HTML-escaped, newline). */
export async function helperStore(
  name: string,
  serverUrl: string,
  cred: HelperCredential,
  opts: RunHelperOptions = {},
): Promise<void> {
  const body = cred.identityToken
    ? { ServerURL: serverUrl, Username: TOKEN_USERNAME, Secret: cred.identityToken }
    : { ServerURL: serverUrl, Username: cred.username ?? '', Secret: cred.password ?? '' };
  await runHelper(name, 'store', `${goEscape(JSON.stringify(body))}\n`, opts);
}

/** `erase`: stdin is the server key. Nothing stored counts as erased (what `docker logout` reports too). */
export async function helperErase(name: string, serverUrl: string, opts: RunHelperOptions = {}): Promise<void> {
  try {
    await runHelper(name, 'erase', serverUrl, opts);
  } catch (e) {
    if (e instanceof CredentialHelperError && e.failure === 'not-found') return;
    throw e;
  }
}

/** `list`: stdin is `unused`; stdout maps server URL → username. Secrets are never asked for. */
export async function helperList(name: string, opts: RunHelperOptions = {}): Promise<Record<string, string>> {
  const stdout = await runHelper(name, 'list', 'unused', opts);
  const parsed = ListSchema.safeParse(parseOutput(name, 'list', stdout, opts));
  if (!parsed.success) throw badOutput(name, 'list', 'stdout is not a JSON object of strings', opts);
  return parsed.data;
}

function parseOutput(name: string, verb: HelperVerb, stdout: string, opts: RunHelperOptions): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw badOutput(name, verb, 'stdout is not JSON', opts);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw badOutput(name, verb, 'stdout is not a JSON object', opts);
  }
  return json as Record<string, unknown>;
}

function stringField(json: Record<string, unknown>, field: string): string | undefined {
  const key = Object.keys(json).find((k) => k.toLowerCase() === field.toLowerCase());
  const value = key === undefined ? undefined : json[key];
  return typeof value === 'string' ? value : undefined;
}

function badOutput(name: string, verb: HelperVerb, detail: string, opts: RunHelperOptions): CredentialHelperError {
  const where = opts.configuredBy ? ` (configured by ${opts.configuredBy})` : '';
  return new CredentialHelperError(
    {
      helper: name,
      verb,
      failure: 'bad-output',
      hint: `docker-credential-${name}${where}: the helper answered ${verb} with output that is not the credential-helper protocol; check its version.`,
    },
    `${gerund(verb)} credentials - err: ${detail}`,
  );
}
