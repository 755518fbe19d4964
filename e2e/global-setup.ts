import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHost } from '../electron/desktop/host';
import { createAppService } from '../electron/desktop/service';
import { startAllRegistries } from '../test/harness/start-all';
import { toolPath } from '../test/harness/tool-path';

/**
 * Starts what the browser specs drive: the real registries of the test harness (plain, TLS, basic, token),
 * seeded, and the loopback host over the real services with a throw-away docker config dir. The specs get
 * the page URL and the registry facts through environment variables, which Playwright's workers inherit.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = resolve(__dirname, '..');
  const staticDir = join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const harness = await startAllRegistries(work);
  const { registries, catalog } = harness.info;
  const settingsFile = join(work, 'registries.json');
  writeFileSync(settingsFile, JSON.stringify({ registries: { [registries.tls.host]: { caFile: registries.tls.caFile } } }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // None of the machine's credential helpers: docker's rules would pick one as the default store.
    PATH: toolPath(),
    HOME: work,
    DOCKER_CONFIG: join(work, 'docker'),
    MANIFEST_STUDIO_SETTINGS: settingsFile,
    MANIFEST_STUDIO_CERTS_DIR: join(work, 'certs.d'),
    MANIFEST_STUDIO_CACHE: join(work, 'cache'),
  };
  const host = await startHost({
    service: createAppService({ env }),
    staticDir,
    appInfo: { name: 'Manifest Studio', version: 'e2e', face: 'browser', platform: process.platform },
    validateOutput: true,
    logBug: (channel, e) => console.error(`[host] ${channel}:`, e),
  });
  process.env.STUDIO_URL = host.url;
  // The catalog holds every manifest's bytes: too big for an environment variable, so it goes in a file.
  const infoFile = join(work, 'e2e-info.json');
  writeFileSync(infoFile, JSON.stringify({ registries, catalog }));
  process.env.STUDIO_E2E_INFO_FILE = infoFile;
  process.env.STUDIO_E2E_DOCKER_CONFIG = env.DOCKER_CONFIG;
  process.env.STUDIO_E2E_SETTINGS = settingsFile;
  return async () => {
    await host.close();
    await harness.stop();
  };
}
