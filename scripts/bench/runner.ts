/**
 * Runs contenders round-robin: every round runs each contender once, and round r starts at contender
 * r mod n (the order rotates by one per round), so slow drift in the machine's state (load, the
 * registry's garbage collector, page cache) is spread over every contender instead of landing on one
 * block, and each contender takes every slot of a round in turn. Within a round each one still follows
 * the same neighbour (the listed order is cyclic). Warm-up rounds come first, untimed, in the listed order.
 */
import { spawn } from 'node:child_process';
import { collectTraffic, resetTraffic, type ObservedProxy, type RunTraffic } from './wire';

export interface Contender {
  name: string;
  argv: string[];
  env?: Record<string, string>;
  /** Runs before each run, untimed (e.g. empty the content cache). */
  before?: () => void;
  /** `ours` contenders are checked against `docker` on the wire; `other` ones are listed for scale. */
  role: 'ours' | 'docker' | 'other';
  /** Warm-up only: the number of entries the JSON array on stdout must have (catches a broken command). */
  expectEntries?: number;
  /** Needs one untimed run before its timed ones even when BENCH_WARMUPS=0 (a warm cache to fill). */
  prime?: boolean;
}

export interface RunRecord {
  round: number;
  /** 0-based position within its round. */
  slot: number;
  ms: number;
  traffic: RunTraffic;
}

export interface RoundOptions {
  rounds: number;
  warmups: number;
  /** Wait after each run before reading the proxies, so bytes still in their delay queues are counted. */
  settleMs: number;
  proxies: ObservedProxy[];
}

interface Outcome {
  ms: number;
  stdout: string;
}

/**
 * The environment every contender starts from. NODE_EXTRA_CA_CERTS makes every Node start parse a CA file,
 * which only some machines set and no registry here needs: left out unless BENCH_KEEP_NODE_EXTRA_CA_CERTS=1.
 */
export function contenderEnv(): NodeJS.ProcessEnv {
  if (process.env.BENCH_KEEP_NODE_EXTRA_CA_CERTS === '1') return process.env;
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Async on purpose: the proxies run in this process, so a blocking spawn would stall them. */
function runOnce(c: Contender, captureStdout: boolean): Promise<Outcome> {
  c.before?.();
  const [cmd, ...args] = c.argv;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd ?? '', args, { env: { ...contenderEnv(), ...c.env }, stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${c.name} failed (exit ${code}): ${stderr.slice(-2000)}`));
      else resolve({ ms, stdout });
    });
  });
}

function checkOutput(c: Contender, stdout: string): void {
  if (c.expectEntries === undefined) return;
  let entries = -1;
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (Array.isArray(parsed)) entries = parsed.length;
  } catch {
    // reported below
  }
  if (entries !== c.expectEntries) {
    throw new Error(`${c.name}: expected a JSON array of ${c.expectEntries} entries on stdout, got: ${stdout.slice(0, 300)}`);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function rotated<T>(items: T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** The timed runs of every contender, in the order they ran. */
export async function runRounds(contenders: Contender[], opts: RoundOptions): Promise<Map<Contender, RunRecord[]>> {
  const records = new Map<Contender, RunRecord[]>(contenders.map((c) => [c, []]));
  for (let w = 0; w < opts.warmups; w++) {
    for (const c of contenders) checkOutput(c, (await runOnce(c, true)).stdout);
  }
  if (opts.warmups === 0) {
    for (const c of contenders.filter((x) => x.prime)) await runOnce(c, false);
  }
  for (let round = 0; round < opts.rounds; round++) {
    const order = rotated(contenders, round);
    for (const [slot, c] of order.entries()) {
      resetTraffic(opts.proxies);
      const { ms } = await runOnce(c, false);
      await sleep(opts.settleMs);
      records.get(c)?.push({ round, slot, ms, traffic: collectTraffic(opts.proxies) });
    }
  }
  return records;
}
