import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer against a running Manifest Studio host. The lead's runner starts the
 * host (loopback HTTP face, real services) and the harness registries, then sets:
 *   STUDIO_URL       the page URL the host printed, including its ?token=
 *   STUDIO_E2E_INFO  JSON: { registries: { plain, tls, basic, token }, catalog } (test/harness HarnessInfo)
 * Screenshots land in docs/screenshots/ (relative to the repo root, where this runs).
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Real registries and the loopback host over the real services; see e2e/global-setup.ts.
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },

  outputDir: 'node_modules/.cache/playwright-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    colorScheme: 'light',
    actionTimeout: 20_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
