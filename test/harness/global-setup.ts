import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { HarnessInfo } from './index';
import { removeOnExit, startRegistry, toRegistryInfo, type RegistryMode, type RunningRegistry } from './registry';
import { buildSeedContent, seedRegistry } from './seed';

const MODES: RegistryMode[] = ['plain', 'tls', 'basic', 'token'];

/**
 * vitest globalSetup of the "integration" project: one real registry per mode, all seeded with the
 * same catalog, described to tests through `provide('harness')`. Set MS_HARNESS_KEEP=1 to keep the
 * temp dir (registry logs, data) for debugging.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const tmpDir = await mkdtemp(join(tmpdir(), 'ms-harness-'));
  removeOnExit(tmpDir); // a crashed run still cleans up; teardown normally does it first
  const running: RunningRegistry[] = [];
  const teardown = async (): Promise<void> => {
    await Promise.allSettled(running.map((r) => r.stop()));
    if (process.env.MS_HARNESS_KEEP !== '1') await rm(tmpDir, { recursive: true, force: true });
  };
  try {
    const pkiDir = join(tmpDir, 'pki');
    // Building the catalog (the 50 MB layer) overlaps with the registries starting.
    const [content, ...regs] = await Promise.all([
      buildSeedContent(join(tmpDir, 'seed')),
      ...MODES.map((mode) => startRegistry(mode, { workDir: join(tmpDir, mode), pkiDir }).then((r) => {
        running.push(r);
        return r;
      })),
    ]);
    const ready = Date.now();
    await Promise.all(regs.map((r) => seedRegistry(toRegistryInfo(r), content)));
    const byMode = Object.fromEntries(regs.map((r) => [r.mode, toRegistryInfo(r)])) as HarnessInfo['registries'];
    const info: HarnessInfo = { registries: byMode, catalog: content.catalog, tmpDir };
    project.provide('harness', info);
    if (process.env.MS_HARNESS_VERBOSE === '1') {
      console.log(`harness: started + built in ${ready - started} ms, seeded in ${Date.now() - ready} ms (${tmpDir})`);
    }
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
