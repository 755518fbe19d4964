import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import { writeFileAtomic } from '../files';
import { errText, errnoCode } from './config-file';
import type { Credential } from './docker-credentials';

/**
 * Encrypts secrets with a key the OS keeps (macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux).
 * The Electron main process supplies one over `safeStorage`; the core never imports `electron`.
 */
export interface SecretBox {
  /** False when there is no OS keychain to hold the key (e.g. Linux without a keyring). */
  isAvailable(): boolean;
  encrypt(plain: string): Uint8Array;
  /** Throws when the data was not made by this box (another user, a reset keychain). */
  decrypt(data: Uint8Array): string;
}

/** One of the app's own logins as the UI may see it: never a secret. */
export interface AppLoginListing {
  registry: string;
  username: string;
}

/** What `store` accepts: a username plus a password, or the identity token a registry returned instead. */
export interface AppLoginInput {
  username: string;
  password?: string;
  identityToken?: string;
}

const EntrySchema = z.strictObject({
  username: z.string().min(1),
  /** base64 of `box.encrypt(JSON.stringify(secret))`; never the secret itself. */
  secret: z.string().min(1),
});
const FileSchema = z.strictObject({
  version: z.literal(1),
  logins: z.record(z.string().min(1), EntrySchema),
});
type LoginsFile = z.infer<typeof FileSchema>;

/** The decrypted payload: exactly one of the two, so a password never rides along with a token. */
const SecretSchema = z.union([z.strictObject({ password: z.string().min(1) }), z.strictObject({ identityToken: z.string().min(1) })]);

/**
 * The app's own logins, kept apart from docker's config.json: a JSON file (0600, atomic rename) with
 * the username in clear and the secret encrypted by the OS keychain (`SecretBox`). Listing and erasing
 * work without the keychain; storing and reading a secret need it. A file we cannot parse is an error
 * naming it and is never written over, as with config.json.
 */
export class AppLoginStore {
  readonly file: string;
  private readonly box: SecretBox | undefined;
  /** Serialises read-modify-write of the file within this process. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(file: string, box: SecretBox | undefined) {
    this.file = resolve(file);
    this.box = box;
  }

  /** The stored credential for `domain`, or undefined when the app has no login for it. */
  async get(domain: string): Promise<Credential | undefined> {
    const entry = (await this.load()).logins[keyOf(domain)];
    if (!entry) return undefined;
    const box = this.requireBox(`read the saved login for ${domain}`);
    let secret: z.infer<typeof SecretSchema>;
    try {
      secret = SecretSchema.parse(JSON.parse(box.decrypt(Buffer.from(entry.secret, 'base64'))));
    } catch (e) {
      throw new StudioError('CREDENTIALS', `cannot decrypt the saved login for ${domain} in ${this.file}: ${errText(e)}`, {
        hint: 'The OS keychain no longer holds the key it was saved with (another user, or a reset keychain). Log out and log in again.',
        cause: e,
      });
    }
    return { username: entry.username, ...secret };
  }

  /** Saves (or replaces) the login for `domain`; the secret is encrypted before it reaches the disk. */
  async store(domain: string, cred: AppLoginInput): Promise<void> {
    const secret = cred.identityToken ? { identityToken: cred.identityToken } : { password: cred.password ?? '' };
    const parsed = SecretSchema.safeParse(secret);
    if (!cred.username || !parsed.success) {
      throw new StudioError('BAD_INPUT', 'no credentials to store', { hint: 'Give a username and password.' });
    }
    const box = this.requireBox(`save the login for ${domain}`);
    const sealed = Buffer.from(box.encrypt(JSON.stringify(parsed.data))).toString('base64');
    await this.exclusive(async () => {
      const file = await this.load();
      await this.save({ ...file, logins: { ...file.logins, [keyOf(domain)]: { username: cred.username, secret: sealed } } });
    });
  }

  /** Removes the login for `domain`; true when there was one. Needs no keychain. */
  async erase(domain: string): Promise<boolean> {
    return this.exclusive(async () => {
      const file = await this.load();
      const key = keyOf(domain);
      if (!(key in file.logins)) return false;
      const logins = { ...file.logins };
      delete logins[key];
      await this.save({ ...file, logins });
      return true;
    });
  }

  /** Every registry with a saved login and its username, sorted by registry; never a secret. */
  async list(): Promise<AppLoginListing[]> {
    const { logins } = await this.load();
    return Object.keys(logins)
      .sort()
      .map((registry) => ({ registry, username: logins[registry]!.username }));
  }

  private requireBox(action: string): SecretBox {
    if (this.box?.isAvailable()) return this.box;
    throw new StudioError('CREDENTIALS', `cannot ${action}: the OS keychain is not available`, {
      hint:
        'Manifest Studio keychain logins need an OS keychain (on Linux a keyring such as GNOME Keyring or KWallet). ' +
        'Choose "docker config" storage instead: it still works, shared with docker and the CLI.',
    });
  }

  private async load(): Promise<LoginsFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return { version: 1, logins: {} };
      throw this.corrupt(`cannot read the file: ${errText(e)}`, e);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw this.corrupt(`not valid JSON (${errText(e)})`, e);
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) {
      throw this.corrupt(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '), parsed.error);
    }
    return parsed.data;
  }

  /** Atomically (temp file in the same directory, then rename), 0600: a umask can only take bits away. */
  private async save(data: LoginsFile): Promise<void> {
    const dir = dirname(this.file);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(dir, this.file, Buffer.from(`${JSON.stringify(data, null, 2)}\n`), 0o600);
    } catch (e) {
      throw new StudioError('CREDENTIALS', `cannot write ${this.file}: ${errText(e)}`, {
        hint: "Check that Manifest Studio's data folder is writable.",
        cause: e,
      });
    }
  }

  private corrupt(detail: string, cause: unknown): StudioError {
    return new StudioError('CREDENTIALS', `Error parsing Manifest Studio logins file (${this.file}): ${detail}`, {
      hint: 'Fix or remove the file (removing it forgets the logins saved in the Manifest Studio keychain). It is not rewritten while it cannot be read.',
      cause,
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writes.then(fn, fn);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

/** Docker Hub has several names; the store keeps one, the domain the registry client asks for. */
function keyOf(domain: string): string {
  return domain === 'index.docker.io' || domain === 'registry-1.docker.io' ? 'docker.io' : domain;
}
