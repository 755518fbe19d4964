import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { AppLoginStore, type SecretBox } from '../../core/credentials';

/**
 * Linux backends that do not keep the key in an OS keyring. With `basic_text` Electron still
 * "encrypts", but with a key hard-coded in Chromium: anyone who can read the file can read the
 * secret, which is no better than docker's `auths`. `unknown` means asked before `ready`.
 */
const NO_KEYRING = new Set(['basic_text', 'unknown']);

/**
 * `SecretBox` over Electron's `safeStorage` (Keychain on macOS, DPAPI on Windows, libsecret/kwallet
 * on Linux). `safeStorage` is read on each call, never at import: it only works after `ready`, and a
 * module that touched it at load would break every test that fakes `electron` without it.
 */
export class SafeStorageBox implements SecretBox {
  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  isAvailable(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return this.platform !== 'linux' || !NO_KEYRING.has(safeStorage.getSelectedStorageBackend());
  }

  encrypt(plain: string): Uint8Array {
    return safeStorage.encryptString(plain);
  }

  decrypt(data: Uint8Array): string {
    return safeStorage.decryptString(Buffer.from(data));
  }
}

/** The app's own logins: `<userData>/logins.json`, sealed by the OS keychain. */
export function createAppLoginStore(): AppLoginStore {
  return new AppLoginStore(join(app.getPath('userData'), 'logins.json'), new SafeStorageBox());
}
