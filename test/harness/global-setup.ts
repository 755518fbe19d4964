import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeOnExit } from './registry';
import { startAllRegistries } from './start-all';

/**
 * vitest globalSetup of the "integration" project: one real registry per mode, all seeded with the
 * same catalog, described to tests through `provide('harness')`. Set MS_HARNESS_KEEP=1 to keep the
 * temp dir (registry logs, data) for debugging.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const tmpDir = await mkdtemp(join(tmpdir(), 'ms-harness-'));
  removeOnExit(tmpDir); // a crashed run still cleans up; teardown normally does it first
  const removeTmp = async (): Promise<void> => {
    if (process.env.MS_HARNESS_KEEP !== '1') await rm(tmpDir, { recursive: true, force: true });
  };
  let harness;
  try {
    harness = await startAllRegistries(tmpDir);
  } catch (err) {
    await removeTmp();
    throw err;
  }
  project.provide('harness', harness.info);
  if (process.env.MS_HARNESS_VERBOSE === '1') {
    console.log(`harness: started + built in ${harness.startedMs} ms, seeded in ${Date.now() - started - harness.startedMs} ms (${tmpDir})`);
  }
  const { stop } = harness;
  return async () => {
    await stop();
    await removeTmp();
  };
}
