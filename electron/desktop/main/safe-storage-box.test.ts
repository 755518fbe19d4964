import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * No Electron binary on the build machines: `safeStorage` is replaced by a fake that seals with a
 * reversible transform (and tags what it made, so a decrypt of foreign bytes fails as Electron's does).
 */
const userData = await mkdtemp(join(tmpdir(), 'safe-storage-'));
const state = { available: true, backend: 'gnome_libsecret' as string };
const TAG = 'SEALED:';
const safeStorage = {
  isEncryptionAvailable: vi.fn(() => state.available),
  getSelectedStorageBackend: vi.fn(() => state.backend),
  encryptString: vi.fn((plain: string) => Buffer.from(TAG + Buffer.from(plain, 'utf8').reverse().toString('hex'))),
  decryptString: vi.fn((data: Buffer) => {
    const text = data.toString('utf8');
    if (!text.startsWith(TAG)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(TAG.length), 'hex').reverse().toString('utf8');
  }),
};
vi.mock('electron', () => ({ safeStorage, app: { getPath: vi.fn(() => userData) } }));

const { SafeStorageBox, createAppLoginStore } = await import('./safe-storage-box');

beforeEach(() => {
  state.available = true;
  state.backend = 'gnome_libsecret';
  vi.clearAllMocks();
});
afterAll(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('SafeStorageBox', () => {
  it('encrypts and decrypts through safeStorage', () => {
    const box = new SafeStorageBox('darwin');
    const sealed = box.encrypt('p4ss');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('p4ss');
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('p4ss');
    expect(box.decrypt(sealed)).toBe('p4ss');
    // A plain Uint8Array (what the store hands back after base64) reaches safeStorage as a Buffer.
    expect(box.decrypt(new Uint8Array(sealed))).toBe('p4ss');
    expect(Buffer.isBuffer(safeStorage.decryptString.mock.calls.at(-1)?.[0])).toBe(true);
    expect(() => box.decrypt(Buffer.from('garbage'))).toThrow(/decrypting/);
  });

  it('is available only with real OS encryption: never with Linux basic_text (a key built into Chromium)', () => {
    expect(new SafeStorageBox('darwin').isAvailable()).toBe(true);
    expect(new SafeStorageBox('linux').isAvailable()).toBe(true);
    state.backend = 'basic_text';
    expect(new SafeStorageBox('linux').isAvailable()).toBe(false);
    expect(new SafeStorageBox('win32').isAvailable()).toBe(true); // the backend is a Linux notion
    state.backend = 'unknown';
    expect(new SafeStorageBox('linux').isAvailable()).toBe(false);
    state.backend = 'kwallet6';
    state.available = false;
    expect(new SafeStorageBox('linux').isAvailable()).toBe(false);
    expect(new SafeStorageBox('darwin').isAvailable()).toBe(false);
  });
});

describe('createAppLoginStore', () => {
  it('keeps logins.json in userData, sealed by safeStorage', async () => {
    const store = createAppLoginStore();
    expect(store.file).toBe(join(userData, 'logins.json'));
    await store.store('r.example', { username: 'alice', password: 'p4ss-w0rd' });
    expect(safeStorage.encryptString).toHaveBeenCalledTimes(1);
    expect(await readFile(join(userData, 'logins.json'), 'utf8')).not.toContain('p4ss-w0rd');
    expect(await store.get('r.example')).toEqual({ username: 'alice', password: 'p4ss-w0rd' });
  });

  it('without a keyring, saving is a CREDENTIALS error and safeStorage never encrypts', async () => {
    state.backend = 'basic_text';
    const store = new (await import('../../core/credentials')).AppLoginStore(join(userData, 'other.json'), new SafeStorageBox('linux'));
    await expect(store.store('r.example', { username: 'alice', password: 'x' })).rejects.toMatchObject({ code: 'CREDENTIALS' });
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
  });
});
