import { expect, test } from '@playwright/test';
import { e2eInfo, openStudio, screenshot } from './env';

test('inspects the 12-platform list and opens a layer', async ({ page }) => {
  const { registries, catalog } = e2eInfo();
  const ref = `${registries.plain.host}/${catalog.multi.ref}`;
  await openStudio(page);
  await page.getByLabel('Image reference').fill(ref);
  await page.getByLabel('Image reference').press('Enter');

  const grid = page.getByRole('grid', { name: 'Platforms' });
  await expect(grid).toBeVisible();
  const images = catalog.multi.children.filter((c) => c.kind === 'image');
  await expect(grid.getByRole('row')).toHaveCount(images.length + 1);
  await expect(page.getByTestId('list-kind')).toHaveText('Docker manifest list');
  await expect(page.getByTestId('list-digest')).toHaveAttribute('data-digest', catalog.multi.digest);
  await expect(grid).not.toContainText('unknown');

  // Keyboard: first row, then Enter opens the inspector for it.
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const first = images[0]!;
  const inspector = page.getByTestId('image-inspector');
  await expect(inspector.getByTestId('inspector-digest')).toHaveAttribute('data-digest', first.digest);

  const layers = inspector.getByRole('grid', { name: 'Layers' });
  await expect(layers.getByRole('row')).toHaveCount(first.layers.length + 1);
  await layers.getByTestId('layer-row-0').dblclick();
  const detail = page.getByTestId('layer-detail');
  await expect(detail).toContainText(first.layers[0]!.digest);
  await expect(detail).toContainText(first.layers[0]!.mediaType);
  await screenshot(page, 'inspect');
  // The theme follows the OS: the same screen in dark mode.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('body')).not.toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await screenshot(page, 'inspect-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await inspector.getByRole('tab', { name: 'Raw JSON' }).click();
  await expect(page.getByTestId('raw-manifest-copy')).toHaveAttribute('data-copy-text', /"layers"/);
});

test('folds attestations of an OCI index under their images', async ({ page }) => {
  const { registries, catalog } = e2eInfo();
  await openStudio(page);
  await page.getByLabel('Image reference').fill(`${registries.plain.host}/${catalog.ociIndex.ref}`);
  await page.getByLabel('Image reference').press('Enter');
  const grid = page.getByRole('grid', { name: 'Platforms' });
  const images = catalog.ociIndex.children.filter((c) => c.kind === 'image');
  const attestations = catalog.ociIndex.children.filter((c) => c.kind === 'attestation');
  await expect(grid.getByRole('row')).toHaveCount(images.length + 1);
  await expect(page.getByTestId('list-kind')).toHaveText('OCI image index');
  await expect(grid.getByTestId('attestation-badge')).toHaveCount(attestations.length);
  await expect(grid).not.toContainText('unknown');
  await screenshot(page, 'inspect-attestations');
});
