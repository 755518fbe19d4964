import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { e2eInfo } from './env';

/**
 * The same flows in the real Electron window, for machines where the Electron binary is installed
 * (`npm install` downloads it; our build machines cannot). Elsewhere these specs are skipped.
 */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(__filename)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const root = resolve(__dirname, '..');

test.skip(binary === undefined, 'the Electron binary is not installed on this machine');

test('the Electron window inspects the 12-platform list', async () => {
  const { registries, catalog } = e2eInfo();
  const home = mkdtempSync(join(tmpdir(), 'studio-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [root],
    env: {
      ...process.env,
      HOME: home,
      DOCKER_CONFIG: process.env.STUDIO_E2E_DOCKER_CONFIG ?? join(home, 'docker'),
      MANIFEST_STUDIO_SETTINGS: process.env.STUDIO_E2E_SETTINGS ?? join(home, 'registries.json'),
      MANIFEST_STUDIO_USER_DATA: join(home, 'user-data'),
    },
  });
  try {
    const page = await app.firstWindow();
    await page.getByLabel('Image reference').fill(`${registries.plain.host}/${catalog.multi.ref}`);
    await page.getByLabel('Image reference').press('Enter');
    const grid = page.getByRole('grid', { name: 'Platforms' });
    await expect(grid.getByRole('row')).toHaveCount(13);
    await expect(page.getByTestId('list-digest')).toHaveAttribute('data-digest', catalog.multi.digest);
    // The window must not reach Node: the sandboxed renderer has no `require` or `process`.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await page.screenshot({ path: join(root, 'docs', 'screenshots', 'electron-inspect.png') });
  } finally {
    await app.close();
  }
});
