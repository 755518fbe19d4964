import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { toolPath } from '../test/harness/tool-path';
import { e2eInfo, openStudio, screenshot, uniqueName } from './env';

async function addImage(page: Page, ref: string): Promise<void> {
  await page.getByTestId('draft-add-image').click();
  const dialog = page.getByTestId('add-image-dialog');
  await dialog.getByTestId('add-image-ref').fill(ref);
  await dialog.getByTestId('add-image-lookup').click();
  await expect(dialog.getByTestId('add-image-single')).toBeVisible();
  await dialog.getByTestId('add-image-confirm').click();
  await expect(dialog).toBeHidden();
}

test('builds a draft from four images, fixes a platform, pushes and reads the list back', async ({ page }) => {
  const { registries, catalog } = e2eInfo();
  const host = registries.plain.host;
  const target = `${host}/e2e/${uniqueName('app')}:1`;
  await openStudio(page);

  await page.getByTestId('nav-drafts').click();
  await page.getByTestId('draft-new').click();
  await page.getByTestId('new-draft-ref').fill(target);
  await page.getByTestId('new-draft-confirm').click();
  await expect(page.getByTestId('draft-ref')).toHaveText(target);
  await expect(page.getByTestId('draft-empty')).toBeVisible();

  for (const img of [catalog.amd64, catalog.armV7, catalog.arm64, catalog.windows]) {
    await addImage(page, `${host}/${img.ref}`);
  }
  const matrix = page.getByRole('grid', { name: 'Draft entries' });
  await expect(matrix.getByRole('row')).toHaveCount(5);

  // A wrong platform field: the amd64 entry gets a uname-style architecture; the editor warns while typing.
  const amd64Row = matrix.getByTestId(/^draft-row-/).filter({ hasText: 'test/amd64' });
  await amd64Row.getByTestId('cell-architecture').click();
  await amd64Row.getByTestId('cell-input-architecture').fill('x86_64');
  await expect(page.getByTestId('cell-warnings')).toContainText('not an OCI architecture name');
  await page.keyboard.press('Enter');
  await expect(amd64Row.getByTestId('row-warnings')).toBeVisible();
  await screenshot(page, 'draft-warning');

  // Fix it from the entry details (the one-click fix the warning offers).
  // Double-click the row number (the platform cells would start an edit instead).
  await amd64Row.getByRole('gridcell').first().dblclick();
  const details = page.getByTestId('entry-details');
  await details.getByTestId('warning-fix').first().click();
  await expect(amd64Row.getByTestId('cell-architecture')).toHaveText('amd64');
  await expect(amd64Row.getByTestId('row-warnings')).toHaveCount(0);
  await screenshot(page, 'drafts');

  const listDigest = await page.getByTestId('draft-list-digest').getAttribute('data-digest');
  expect(listDigest).toMatch(/^sha256:[0-9a-f]{64}$/);

  await page.getByTestId('draft-push').click();
  const dialog = page.getByTestId('push-dialog');
  await expect(dialog.getByTestId('plan-summary')).toBeVisible();
  await expect(dialog.getByTestId('push-plan-digest')).toHaveAttribute('data-digest', listDigest ?? '');
  await dialog.getByTestId('push-confirm').click();
  await expect(dialog.getByTestId('push-done')).toBeVisible({ timeout: 60_000 });
  const pushed = await dialog.getByTestId('push-result-digest').getAttribute('data-digest');
  expect(pushed).toBe(listDigest);
  await screenshot(page, 'push');

  // Read back through the registry: the Inspect screen fetches the pushed tag.
  await dialog.getByTestId('push-inspect-result').click();
  const grid = page.getByRole('grid', { name: 'Platforms' });
  await expect(grid.getByRole('row')).toHaveCount(5);
  await expect(page.getByTestId('list-digest')).toHaveAttribute('data-digest', pushed ?? '');
  await expect(grid.getByTestId('platform-row-linux-amd64')).toBeVisible();
  await expect(grid.getByTestId('platform-row-windows-amd64-10.0.17763.1234')).toBeVisible();
  await screenshot(page, 'push-readback');

  // And through another client: the real docker CLI reads the same list (it needs --insecure for plain HTTP).
  const docker = spawnSync('docker', ['manifest', 'inspect', '--insecure', target], {
    encoding: 'utf8',
    env: { PATH: toolPath(), HOME: tmpdir(), DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'studio-e2e-docker-')) },
  });
  test.skip(docker.error !== undefined, 'the docker CLI is not installed');
  expect(docker.status, docker.stderr).toBe(0);
  const list = JSON.parse(docker.stdout) as { manifests: { digest: string; platform: { architecture: string; os: string } }[] };
  expect(list.manifests.map((m) => m.digest).sort()).toEqual(
    [catalog.amd64, catalog.armV7, catalog.arm64, catalog.windows].map((i) => i.digest).sort(),
  );
  expect(list.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`)).toContain('linux/amd64');
});
