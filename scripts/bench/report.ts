/** Prints one scenario: times with spread and ratios to docker, the goal line, then the wire counts. */
import { BUNDLE_COLD, DOCKER, LAUNCHER_COLD } from './contenders';
import type { Contender, RunRecord } from './runner';
import { summarize, type Summary } from './stats';
import { compareWithDocker, describeTraffic, sameTraffic } from './wire';

export const GOAL = 8;

interface Row {
  contender: Contender;
  runs: RunRecord[];
  summary: Summary;
}

const ms = (x: number): string => `${x.toFixed(0)} ms`;

function ratioToDocker(row: Row, docker: Row | undefined): string {
  if (!docker) return '';
  if (row === docker) return 'baseline';
  const r = docker.summary.median / row.summary.median;
  return r >= 1 ? `${r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`;
}

function timingLines(rows: Row[], docker: Row | undefined, verbose: boolean): string[] {
  const width = Math.max(...rows.map((r) => r.contender.name.length));
  const lines = [`  ${'contender'.padEnd(width)}  ${'median'.padStart(8)}  ${'min–max'.padStart(13)}  ${'IQR'.padStart(11)}  vs docker (same rounds)`];
  for (const row of rows) {
    const s = row.summary;
    const spread = `${s.min.toFixed(0)}–${s.max.toFixed(0)}`;
    const iqr = `${s.q1.toFixed(0)}–${s.q3.toFixed(0)}`;
    lines.push(`  ${row.contender.name.padEnd(width)}  ${ms(s.median).padStart(8)}  ${spread.padStart(10)} ms  ${iqr.padStart(8)} ms  ${ratioToDocker(row, docker)}`);
    // round.slot: which round and which position within it, so order effects can be read off.
    if (verbose) lines.push(`      runs (round.slot ms): ${row.runs.map((r) => `${r.round + 1}.${r.slot + 1} ${r.ms.toFixed(0)}`).join(', ')}`);
  }
  return lines;
}

function goalLines(rows: Row[], docker: Row | undefined): string[] {
  const launcher = rows.find((r) => r.contender.name === LAUNCHER_COLD);
  const bundle = rows.find((r) => r.contender.name === BUNDLE_COLD);
  const lines: string[] = [];
  if (launcher && docker) {
    const r = docker.summary.median / launcher.summary.median;
    lines.push(`  goal ≥ ${GOAL}× faster than docker (launcher, cold): measured ${r.toFixed(1)}× — ${r >= GOAL ? 'met' : 'NOT met'}`);
  } else {
    lines.push(`  goal ≥ ${GOAL}× faster than docker (launcher, cold): not measured (docker not installed)`);
  }
  if (launcher && bundle) {
    const gain = bundle.summary.median - launcher.summary.median;
    lines.push(`  launcher vs plain bundle (cold): launcher ${gain >= 0 ? 'faster' : 'slower'} by ${ms(Math.abs(gain))} in the median`);
  }
  return lines;
}

function wireLines(rows: Row[], docker: Row | undefined): string[] {
  const lines = ['  on the wire, first timed run of each (requests by kind · credentials sent → status):'];
  for (const row of rows) {
    const [first, ...rest] = row.runs;
    if (!first) continue;
    const differing = rest.filter((r) => !sameTraffic(first.traffic, r.traffic)).length;
    lines.push(...describeTraffic(row.contender.name, first.traffic));
    if (differing > 0) lines.push(`         (${differing} of ${rest.length} later runs sent something else)`);
  }
  const dockerRun = docker?.runs[0];
  if (!dockerRun) return lines;
  lines.push('  check: ours sends no request docker would not need (kinds compared, same first timed runs):');
  for (const row of rows.filter((r) => r.contender.role === 'ours')) {
    const first = row.runs[0];
    if (first) lines.push(...compareWithDocker(row.contender.name, first.traffic, dockerRun.traffic));
  }
  return lines;
}

export function reportScenario(title: string, records: Map<Contender, RunRecord[]>, verbose: boolean): string[] {
  const rows: Row[] = [...records].map(([contender, runs]) => ({ contender, runs, summary: summarize(runs.map((r) => r.ms)) }));
  const docker = rows.find((r) => r.contender.name === DOCKER);
  return [`== ${title}`, ...timingLines(rows, docker, verbose), ...goalLines(rows, docker), ...wireLines(rows, docker), ''];
}
