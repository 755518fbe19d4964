import { readFile } from 'node:fs/promises';
import { StudioError } from '../../../shared/errors';
import { hostSettings, loadCertsDir, type RegistrySettings } from '../settings';
import { dump } from './body';
import { parseWwwAuthenticate, type Challenge } from './challenge';
import { isTlsProtocolMismatch } from './errors';
import { endpointHost, isLoopbackHost, splitHost } from '../net';
import { cancelled, raceAbort } from './retry';
import type { HttpResponse, Transport } from './transport';
import type { TlsConfig } from './trusted-roots';

/** What a ping of `/v2/` taught us about a registry. */
export interface PingResult {
  /** `https://host:port` or `http://host:port`, no trailing slash. */
  baseUrl: string;
  challenges: Challenge[];
  /** Learnt from a caller's first request rather than `/v2/`: what that path needed, not the registry. */
  viaProbe?: true;
}

/**
 * Sends the caller's own first request to `baseUrl` (no Authorization) in place of a ping. `signal` is the
 * probe's own (it aborts the losing scheme), never the caller's; `retryResets: false` keeps a failed TLS
 * handshake on a plain-HTTP port from being retried while the http attempt already runs.
 */
export type ProbeSend = (baseUrl: string, opts: { signal: AbortSignal; retryResets: boolean; schemeInDoubt: boolean }) => Promise<HttpResponse>;

/** What discovering a registry gave one caller: the shared result, and its own response if it probed. */
export interface Discovery {
  ping: PingResult;
  /** The prober's response; its body belongs to that caller. */
  res?: HttpResponse;
}

export interface EndpointOptions {
  settings: RegistrySettings;
  insecureHosts: string[];
  /** docker certs dir, or null to ignore. */
  certsDir: string | null;
}

/**
 * Chooses the scheme per registry (https first; http only for insecure hosts and only when https
 * failed at protocol level), sets up TLS material, and caches the `/v2/` ping with its challenges.
 */
export class Endpoints {
  private readonly pings = new Map<string, Promise<PingResult>>();
  private readonly tlsReady = new Map<string, Promise<void>>();
  /** Entries of `pings` that are probes (see discover). */
  private readonly probes = new WeakSet<Promise<PingResult>>();

  constructor(
    private readonly transport: Transport,
    private readonly opts: EndpointOptions,
  ) {}

  private flags(domain: string): { allowHttp: boolean; verify: boolean; plainHttp: boolean } {
    const s = hostSettings(this.opts.settings, domain);
    const forcedInsecure = this.opts.insecureHosts.includes(domain) || s.insecure === true;
    return {
      plainHttp: s.plainHttp === true,
      allowHttp: forcedInsecure || s.plainHttp === true || isLoopbackHost(endpointHost(domain)),
      verify: !forcedInsecure,
    };
  }

  /** Ensures the transport knows the TLS settings for a URL's host before the first request to it. */
  async prepareTls(url: string, domain?: string): Promise<void> {
    const u = new URL(url);
    if (u.protocol !== 'https:') return;
    const key = `${u.hostname}:${u.port}`;
    let p = this.tlsReady.get(key);
    if (!p) {
      p = this.buildTls(domain ?? u.host).then((cfg) => this.transport.setTls(u.hostname, u.port, cfg));
      p.catch(() => this.tlsReady.delete(key));
      this.tlsReady.set(key, p);
    }
    return p;
  }

  private async buildTls(domain: string): Promise<TlsConfig> {
    const { verify } = this.flags(domain);
    if (!verify) return { rejectUnauthorized: false };
    const s = hostSettings(this.opts.settings, domain);
    const extraCa: string[] = [];
    if (s.caFile) extraCa.push(await readSetting(s.caFile, 'caFile', domain));
    const certsD = this.opts.certsDir ? await loadCertsDir(this.opts.certsDir, domain) : { ca: [], clientCerts: [] };
    extraCa.push(...certsD.ca);
    const cfg: TlsConfig = { rejectUnauthorized: true };
    // Added to the roots, not in their place, as docker adds them to the system pool (see TrustedRoots).
    if (extraCa.length) cfg.ca = extraCa;
    if (s.clientCertFile || s.clientKeyFile) {
      if (!s.clientCertFile || !s.clientKeyFile) {
        throw new StudioError('SETTINGS_INVALID', `registry settings for ${domain} need both clientCertFile and clientKeyFile`);
      }
      cfg.cert = await readSetting(s.clientCertFile, 'clientCertFile', domain);
      cfg.key = await readSetting(s.clientKeyFile, 'clientKeyFile', domain);
    } else if (certsD.clientCerts[0]) {
      cfg.cert = certsD.clientCerts[0].cert;
      cfg.key = certsD.clientCerts[0].key;
    }
    return cfg;
  }

  /** Pings the registry once per client (concurrent callers share the ping); failures are not cached. */
  ping(domain: string, signal?: AbortSignal): Promise<PingResult> {
    let p = this.pings.get(domain);
    if (!p) {
      // The shared ping runs without any one caller's signal (timeouts bound it), so one cancelled
      // operation cannot fail the others waiting on it; each caller races its own signal instead.
      p = this.doPing(domain);
      p.catch(() => this.pings.delete(domain));
      this.pings.set(domain, p);
    }
    return raceAbort(p, signal);
  }

  /**
   * Like `ping`, but when the registry is not known yet and `probe` is given, the caller's own request
   * stands in for the `/v2/` ping: one round trip fewer for every command against a registry that needs
   * no auth, and no more than the ping for one that does (its 401 carries the same challenges). Callers
   * waiting meanwhile share the result as they share a ping; the probe runs without the prober's signal
   * so its cancellation cannot fail them.
   */
  discover(domain: string, signal: AbortSignal | undefined, probe?: ProbeSend): Promise<Discovery> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const known = this.pings.get(domain);
    if (known || !probe) {
      // A failed probe may have failed for its own path (a broken redirect to blob storage): whoever
      // waited on it asks `/v2/` itself rather than inherit that error.
      const retry = (e: unknown): Promise<PingResult> => (known && this.probes.has(known) && !signal?.aborted ? this.ping(domain, signal) : Promise.reject(e));
      return this.ping(domain, signal)
        .catch(retry)
        .then((ping) => ({ ping }));
    }
    const outcome = this.doProbe(domain, probe);
    const shared = outcome.then((o) => o.ping);
    shared.catch(() => this.pings.delete(domain));
    this.pings.set(domain, shared);
    this.probes.add(shared);
    return raceAbort(outcome, signal).catch((e: unknown) => {
      // The prober gave up: its response, when it comes, still has to be read off the connection.
      outcome.then((o) => dump(o.res.body), () => undefined);
      throw e;
    });
  }

  private async doProbe(domain: string, probe: ProbeSend): Promise<Required<Discovery>> {
    const host = endpointHost(domain);
    const f = this.flags(domain);
    if (f.plainHttp) return this.probeAt(`http://${host}`, domain, probe, new AbortController().signal, true, false);
    // Where plain HTTP is allowed, both schemes at once: https still wins whenever it answers, and a
    // plain-HTTP registry no longer costs a failed TLS handshake before the real first request.
    const httpAbort = new AbortController();
    const http = f.allowHttp ? this.probeAt(`http://${host}`, domain, probe, httpAbort.signal, true, true) : undefined;
    http?.catch(() => undefined);
    const discard = (): void => {
      httpAbort.abort();
      http?.then((o) => dump(o.res.body), () => undefined);
    };
    const httpsAbort = new AbortController();
    const https = this.probeAt(`https://${host}`, domain, probe, httpsAbort.signal, !http, !!http);
    // One port cannot speak both: once plain HTTP got a registry's answer on the very port https uses, the
    // TLS handshake there can only fail, and waiting for it to costs a round trip.
    if (http && splitHost(host).port !== '') {
      const httpFirst = await Promise.race([
        https.then(noWinner, noWinner),
        http.then((o) => (isRegistryAnswer(o.res) ? o : undefined), noWinner),
      ]);
      if (httpFirst) {
        httpsAbort.abort();
        https.then((o) => dump(o.res.body), () => undefined);
        return httpFirst;
      }
    }
    try {
      const answer = await https;
      discard();
      return answer;
    } catch (e) {
      const cause = e instanceof StudioError ? e.cause : e;
      if (!http || !isTlsProtocolMismatch(cause)) {
        discard();
        throw e;
      }
      return http;
    }
  }

  private async probeAt(
    baseUrl: string,
    domain: string,
    probe: ProbeSend,
    signal: AbortSignal,
    retryResets: boolean,
    schemeInDoubt: boolean,
  ): Promise<Required<Discovery>> {
    await this.prepareTls(baseUrl, domain);
    const res = await probe(baseUrl, { signal, retryResets, schemeInDoubt });
    const challenges = res.status === 401 ? parseWwwAuthenticate(res.headers['www-authenticate']) : [];
    return { ping: { baseUrl, challenges, viaProbe: true }, res };
  }

  /** The answer of `/v2/` itself (login checks need it): re-pings when the known result came from a probe. */
  async pingV2(domain: string, signal?: AbortSignal): Promise<PingResult> {
    const known = await this.ping(domain, signal);
    if (!known.viaProbe) return known;
    this.pings.delete(domain);
    return this.ping(domain, signal);
  }

  /** Records a challenge learnt from a later 401 (registries that answer the ping with 200). */
  updateChallenges(domain: string, challenges: Challenge[]): void {
    const p = this.pings.get(domain);
    if (p) this.pings.set(domain, p.then((r) => ({ ...r, challenges })));
  }

  /**
   * The `/v2/` ping, chosen between schemes exactly as a probe is (doProbe): it is a probe whose request is
   * the ping. Any status is accepted (docker does the same); only a 401 carries challenges.
   */
  private async doPing(domain: string): Promise<PingResult> {
    const { ping, res } = await this.doProbe(domain, (baseUrl, opts) =>
      this.transport.send({ method: 'GET', url: `${baseUrl}/v2/`, retry: false, signal: opts.signal }),
    );
    await dump(res.body);
    return { baseUrl: ping.baseUrl, challenges: ping.challenges };
  }
}

const noWinner = (): undefined => undefined;

/**
 * Whether a plain-HTTP answer came from a registry rather than from a TLS server refusing plain text (Go
 * and nginx answer those with a bare 400).
 */
function isRegistryAnswer(res: HttpResponse): boolean {
  return res.headers['docker-distribution-api-version'] !== undefined || res.status === 200 || res.status === 401;
}

async function readSetting(path: string, field: string, domain: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new StudioError('SETTINGS_INVALID', `cannot read ${field} ${path} for ${domain}: ${e instanceof Error ? e.message : String(e)}`, {
      hint: 'Fix the path in the registry settings file.',
      cause: e,
    });
  }
}
