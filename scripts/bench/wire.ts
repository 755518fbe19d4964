/**
 * What one client run sent on the wire, as seen by the latency proxies (registry and token server), and
 * the comparison of ours against docker request kind by request kind.
 */
import type { LatencyProxy, ProxyTraffic, WireExchange } from '../../test/harness/latency-proxy';

/** Traffic of one run over every proxy of the scenario. */
export interface RunTraffic {
  /** Connections opened, per proxy label (`registry`, `token`). */
  connections: Record<string, number>;
  unused: number;
  tls: number;
  exchanges: WireExchange[];
}

/** One labelled proxy of a scenario. */
export interface ObservedProxy {
  label: string;
  proxy: LatencyProxy;
}

export function resetTraffic(proxies: ObservedProxy[]): void {
  for (const p of proxies) p.proxy.resetTraffic();
}

export function collectTraffic(proxies: ObservedProxy[]): RunTraffic {
  const parts: [string, ProxyTraffic][] = proxies.map((p) => [p.label, p.proxy.traffic()]);
  return {
    connections: Object.fromEntries(parts.map(([label, t]) => [label, t.connections])),
    unused: parts.reduce((n, [, t]) => n + t.unused, 0),
    tls: parts.reduce((n, [, t]) => n + t.tls, 0),
    exchanges: parts.flatMap(([, t]) => t.exchanges),
  };
}

/** A connection whose bytes the proxy cannot read counts as one request kind of its own. */
const TLS_KIND = 'TLS connection (unreadable)';

/** Method plus what is asked for; the unit the ours-vs-docker check compares. */
export function requestKind(e: WireExchange): string {
  const path = e.target.split('?')[0] ?? '';
  if (path === '/token') return `${e.method} token`;
  if (path === '/v2/' || path === '/v2') return `${e.method} /v2/`;
  const m = /^\/v2\/.+\/(manifests|blobs|tags)\/(.+)$/.exec(path);
  if (!m) return `${e.method} ${path}`;
  if (m[1] === 'blobs') return `${e.method} blob`;
  if (m[1] === 'tags') return `${e.method} tags list`;
  return `${e.method} manifest by ${m[2]?.startsWith('sha256:') ? 'digest' : 'tag'}`;
}

/** Credentials sent and the answer: what distinguishes requests of one kind. */
function requestDetail(e: WireExchange): string {
  const who = e.auth ?? (requestKind(e).endsWith(' token') ? 'anonymous' : 'no auth');
  return `${who} → ${e.status ?? 'no answer seen'}`;
}

/** Counts per key, in order of first appearance (the order a reader follows the exchange in). */
export type Tally = Map<string, number>;

function count(keys: string[]): Tally {
  const t: Tally = new Map();
  for (const k of keys) t.set(k, (t.get(k) ?? 0) + 1);
  return t;
}

export function kindTally(t: RunTraffic): Tally {
  const tally = count(t.exchanges.map(requestKind));
  if (t.tls > 0) tally.set(TLS_KIND, t.tls);
  return tally;
}

/** Kind plus detail: the lines of the per-contender listing. */
function detailTally(t: RunTraffic): Tally {
  const tally = count(t.exchanges.map((e) => `${requestKind(e)} · ${requestDetail(e)}`));
  if (t.tls > 0) tally.set(TLS_KIND, t.tls);
  return tally;
}

/** Same requests (with detail) and connections: lets the report say whether one run stands for all. */
export function sameTraffic(a: RunTraffic, b: RunTraffic): boolean {
  const key = (t: RunTraffic): string => JSON.stringify([t.connections, t.unused, [...detailTally(t)].sort()]);
  return key(a) === key(b);
}

/** `scope` values asked of the token server (GET query), each distinct set once. */
function tokenScopes(t: RunTraffic): string[] {
  const scopes = t.exchanges
    .filter((e) => requestKind(e).endsWith(' token'))
    .map((e) => new URL(e.target, 'http://x').searchParams.getAll('scope').join(' ') || '(none)');
  return [...new Set(scopes)];
}

function totalConnections(t: RunTraffic): number {
  return Object.values(t.connections).reduce((a, b) => a + b, 0);
}

export function describeTraffic(name: string, t: RunTraffic): string[] {
  const perProxy = Object.entries(t.connections).map(([label, n]) => `${n} ${label}`).join(' + ');
  const lines = [`  ${name}: ${totalConnections(t)} connections (${perProxy}; ${t.unused} never used, ${t.tls} TLS), ${t.exchanges.length} requests`];
  for (const [kind, n] of detailTally(t)) lines.push(`    ${String(n).padStart(3)}  ${kind}`);
  const scopes = tokenScopes(t);
  if (scopes.length > 0) lines.push(`         token scopes asked: ${scopes.join(' | ')}`);
  return lines;
}

/**
 * The check of the issue: ours sends no request docker would not need. Compared kind by kind; a kind
 * ours sends more of is EXTRA (reported, never fatal: the bench measures, tests enforce).
 */
export function compareWithDocker(name: string, ours: RunTraffic, docker: RunTraffic): string[] {
  const o = kindTally(ours);
  const d = kindTally(docker);
  const kinds = [...new Set([...o.keys(), ...d.keys()])];
  const extra = kinds.filter((k) => (o.get(k) ?? 0) > (d.get(k) ?? 0));
  const fewer = kinds.filter((k) => (o.get(k) ?? 0) < (d.get(k) ?? 0));
  const vs = (k: string): string => `${k}: ours ${o.get(k) ?? 0}, docker ${d.get(k) ?? 0}`;
  const head = `  ${name}: ${ours.exchanges.length} requests vs docker's ${docker.exchanges.length}, `
    + `${totalConnections(ours)} connections vs ${totalConnections(docker)}`;
  const lines = [extra.length === 0 ? `${head} — OK, no kind sent more often than docker does` : `${head} — EXTRA requests:`];
  for (const k of extra) lines.push(`    EXTRA ${vs(k)}`);
  for (const k of fewer) lines.push(`    fewer ${vs(k)}`);
  // Not a request, but a connection opened for nothing still costs the registry a socket and a handshake.
  if (ours.unused > docker.unused) lines.push(`    note: ${ours.unused} connections opened and never used (docker: ${docker.unused})`);
  return lines;
}
