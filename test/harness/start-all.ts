import { join } from 'node:path';
import type { HarnessInfo } from './index';
import { startRegistry, toRegistryInfo, type RegistryMode, type RunningRegistry } from './registry';
import { buildSeedContent, seedRegistry } from './seed';

const MODES: RegistryMode[] = ['plain', 'tls', 'basic', 'token'];

/**
 * One real registry per mode under `tmpDir`, all seeded with the same catalog: what the integration tests
 * (test/harness/global-setup.ts) and the browser specs (e2e/global-setup.ts) run against. `stop` ends the
 * registries; removing `tmpDir` is the caller's.
 */
export async function startAllRegistries(tmpDir: string): Promise<{ info: HarnessInfo; stop(): Promise<void>; startedMs: number }> {
  const started = Date.now();
  const running: RunningRegistry[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled(running.map((r) => r.stop()));
  };
  try {
    const pkiDir = join(tmpDir, 'pki');
    // Building the catalog (the 50 MB layer) overlaps with the registries starting.
    const [content, ...regs] = await Promise.all([
      buildSeedContent(join(tmpDir, 'seed')),
      ...MODES.map((mode) =>
        startRegistry(mode, { workDir: join(tmpDir, mode), pkiDir }).then((r) => {
          running.push(r);
          return r;
        }),
      ),
    ]);
    const startedMs = Date.now() - started;
    await Promise.all(regs.map((r) => seedRegistry(toRegistryInfo(r), content)));
    const registries = Object.fromEntries(regs.map((r) => [r.mode, toRegistryInfo(r)])) as HarnessInfo['registries'];
    return { info: { registries, catalog: content.catalog, tmpDir }, stop, startedMs };
  } catch (err) {
    await stop();
    throw err;
  }
}
