import { expect, test } from '@playwright/test';
import { openStudio, screenshot } from './env';

test('a malformed reference shows docker’s message and what to do', async ({ page }) => {
  await openStudio(page);
  await page.getByLabel('Image reference').fill('Not/A Valid:Ref!');
  await page.getByLabel('Image reference').press('Enter');
  const alert = page.getByTestId('inspect-error');
  await expect(alert).toHaveAttribute('data-error-code', 'REFERENCE_INVALID');
  await expect(page.getByTestId('inspect-error-message')).toContainText('invalid reference format');
  await expect(page.getByTestId('inspect-error-hint')).not.toBeEmpty();
  await screenshot(page, 'error-malformed-reference');
});

test('an unreachable registry says so and offers a retry', async ({ page }) => {
  await openStudio(page);
  await page.getByLabel('Image reference').fill('127.0.0.1:1/test/multi:latest');
  await page.getByLabel('Image reference').press('Enter');
  const alert = page.getByTestId('inspect-error');
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toHaveAttribute('data-error-code', /NETWORK|TLS|TIMEOUT/);
  await expect(page.getByTestId('inspect-error-message')).toContainText('127.0.0.1:1');
  await expect(page.getByTestId('inspect-error-hint')).not.toBeEmpty();
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  await screenshot(page, 'error-unreachable-registry');
});
