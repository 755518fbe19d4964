/**
 * `npm run bench`: `inspect --verbose` of a 12-platform list through loopback proxies that add latency
 * each way, ours (launcher and plain bundle, cold and warm content cache) against docker and skopeo, in
 * three scenarios: a plain registry, and a Docker Hub–shaped token registry read without and with stored
 * credentials. Contenders alternate round-robin (see bench/runner.ts); the proxies also count what each
 * client sends. Speed goals live here, never in timed tests.
 *
 * Knobs: BENCH_RUNS (timed rounds, default 7), BENCH_WARMUPS (untimed rounds first, default 1),
 * BENCH_DELAY_MS (one-way delay, default 25), BENCH_VERBOSE=1 (every run, with its round and slot).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { contendersFor } from './bench/contenders';
import { reportScenario } from './bench/report';
import { runRounds } from './bench/runner';
import { startScenarios } from './bench/scenarios';

function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${raw}`);
  return value;
}

const RUNS = knob('BENCH_RUNS', 7);
const WARMUPS = knob('BENCH_WARMUPS', 1);
const DELAY_MS = knob('BENCH_DELAY_MS', 25);
const VERBOSE = process.env.BENCH_VERBOSE === '1';
const root = join(__dirname, '..');

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function loadAverage(): string {
  return `${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`;
}

function header(tools: { docker: boolean; skopeo: boolean }): string[] {
  return [
    `inspect --verbose of a 12-platform list, +${DELAY_MS} ms each way (registry and token server), `
      + `${RUNS} timed rounds after ${WARMUPS} untimed warm-up round(s)`,
    'contenders alternate round-robin, one run each per round; the order rotates by one contender per round',
    // Node's startup suffers more than docker's Go binary on a busy machine: say how busy it was.
    `load average at start ${loadAverage()}`,
    // Node reads this file at every start-up: say whether the contenders paid for it.
    process.env.NODE_EXTRA_CA_CERTS
      ? `NODE_EXTRA_CA_CERTS is set here: ${process.env.BENCH_KEEP_NODE_EXTRA_CA_CERTS === '1' ? 'kept' : 'left out'} for the contenders (BENCH_KEEP_NODE_EXTRA_CA_CERTS=1 keeps it)`
      : 'NODE_EXTRA_CA_CERTS is not set',
    ...(tools.docker ? [] : ['docker not found: no ratios, no wire check']),
    ...(tools.skopeo ? [] : ['skopeo not found: not listed']),
    '',
  ];
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const tools = { docker: has('docker'), skopeo: has('skopeo') };
  const work = mkdtempSync(join(tmpdir(), 'studio-bench-'));
  console.log(header(tools).join('\n'));
  const setup = await startScenarios(work, DELAY_MS);
  try {
    // Seeding has just written to disk and the registries: let write-back and their collectors settle.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const paths = { root, cacheRoot: join(work, 'cache'), settings: join(work, 'registries.json') };
    for (const scenario of setup.scenarios) {
      const records = await runRounds(contendersFor(scenario, paths, tools), {
        rounds: RUNS,
        warmups: WARMUPS,
        // A request leaves the proxy one delay after it arrived and its answer comes back later still.
        settleMs: 3 * DELAY_MS + 30,
        proxies: scenario.proxies,
      });
      console.log(reportScenario(scenario.title, records, VERBOSE).join('\n'));
    }
    console.log(`load average at end ${loadAverage()}; the bench took ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    await setup.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
