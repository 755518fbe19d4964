import { expect, test } from '@playwright/test';
import { e2eInfo, openStudio, screenshot } from './env';

test('logs in to the basic-auth registry, tests the connection, logs out', async ({ page }) => {
  const basic = e2eInfo().registries.basic;
  if (basic.username === undefined || basic.password === undefined) throw new Error('basic registry has no account');
  await openStudio(page);
  await page.getByTestId('nav-credentials').click();
  await expect(page.getByTestId('credentials-screen')).toBeVisible();

  // A wrong password is refused by the registry and nothing is stored.
  await page.getByTestId('login-registry').fill(basic.host);
  await page.getByTestId('login-username').fill(basic.username);
  await page.getByTestId('login-password').fill(`${basic.password}-wrong`);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId(`login-row-${basic.host}`)).toHaveCount(0);

  await page.getByTestId('login-password').fill(basic.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-success')).toBeVisible();
  await expect(page.getByTestId('login-password')).toHaveValue('');
  const row = page.getByTestId(`login-row-${basic.host}`);
  await expect(row).toContainText(basic.username);

  await row.getByTestId('login-test').click();
  const report = page.getByTestId('connection-report');
  await expect(report).toHaveAttribute('data-ok', 'true');
  await screenshot(page, 'credentials');

  await row.getByTestId('logout').click();
  await row.getByTestId('logout-confirm').click();
  await expect(page.getByTestId(`login-row-${basic.host}`)).toHaveCount(0);
});
