/**
 * The registries the bench reads from, each behind a latency proxy that also records the requests:
 * (a) a plain registry without auth; (b) a token registry shaped like Docker Hub (anonymous pulls get a
 * pull token, Basic credentials a user token), read once without and once with stored credentials.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLatencyProxy, type LatencyProxy } from '../../test/harness/latency-proxy';
import { startRegistry, toRegistryInfo, type RunningRegistry } from '../../test/harness/registry';
import { buildSeedContent, seedRegistry } from '../../test/harness/seed';
import type { ObservedProxy } from './wire';

export interface Scenario {
  id: string;
  title: string;
  /** `127.0.0.1:PROXYPORT/test/multi:latest`: what every client is asked to inspect. */
  ref: string;
  /** Children of the list, the entries `inspect --verbose` prints. */
  entries: number;
  /** DOCKER_CONFIG for docker, `--config` for ours: holds a config.json only when credentials are stored. */
  configDir: string;
  /** skopeo's --authfile: the same config.json, or one with no entries. */
  authFile: string;
  proxies: ObservedProxy[];
}

export interface BenchSetup {
  scenarios: Scenario[];
  stop(): Promise<void>;
}

/** The pull-only account of the token server (TOKEN_USERS.reader), as `docker login` would store it. */
const STORED_USER = 'reader';
const STORED_PASSWORD = 'readerpass';
const REPO = 'test/multi';

/** Seeds only the 12-platform list: the rest of the harness catalog (a 50 MiB layer) is not read here. */
async function seedList(regs: RunningRegistry[], seedDir: string): Promise<number> {
  const content = await buildSeedContent(seedDir);
  const units = content.units.filter((u) => u.repo === REPO);
  await Promise.all(regs.map((r) => seedRegistry(toRegistryInfo(r), { ...content, units })));
  return content.catalog.multi.children.length;
}

function writeDockerConfig(dir: string, auths: Record<string, { auth: string }>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ auths }, null, 2));
  return file;
}

function portOf(host: string): number {
  return Number(host.split(':')[1]);
}

export async function startScenarios(work: string, delayMs: number): Promise<BenchSetup> {
  const started: { stop(): Promise<void> }[] = [];
  const stop = async (): Promise<void> => {
    for (const s of started.reverse()) await s.stop();
  };
  try {
    const observed = async (port: number): Promise<LatencyProxy> => {
      const proxy = await startLatencyProxy('127.0.0.1', port, delayMs, { observeHttp: true });
      started.push(proxy);
      return proxy;
    };
    const plain = await startRegistry('plain', { workDir: join(work, 'registry-plain') });
    started.push(plain);
    // Both docker and ours fetch a token on every run, so the token server sits behind latency as well:
    // the registry advertises the proxy's address as its realm.
    let tokenProxy: LatencyProxy | undefined;
    const token = await startRegistry('token', {
      workDir: join(work, 'registry-token'),
      tokenAnonymousActions: ['pull'],
      advertiseTokenRealm: async (realm) => {
        const url = new URL(realm);
        tokenProxy = await observed(Number(url.port));
        return `http://127.0.0.1:${tokenProxy.port}${url.pathname}`;
      },
    });
    started.push(token);
    if (!tokenProxy) throw new Error('token registry started without its realm proxy');
    const plainProxy = await observed(portOf(plain.host));
    const tokenRegistryProxy = await observed(portOf(token.host));
    const entries = await seedList([plain, token], join(work, 'seed'));

    const noCredentials = join(work, 'docker-config-empty');
    const emptyAuthFile = writeDockerConfig(join(work, 'skopeo-empty'), {});
    const tokenHost = `127.0.0.1:${tokenRegistryProxy.port}`;
    const withCredentials = join(work, 'docker-config-login');
    const loginFile = writeDockerConfig(withCredentials, {
      [tokenHost]: { auth: Buffer.from(`${STORED_USER}:${STORED_PASSWORD}`).toString('base64') },
    });
    const tokenProxies: ObservedProxy[] = [{ label: 'registry', proxy: tokenRegistryProxy }, { label: 'token', proxy: tokenProxy }];
    const scenarios: Scenario[] = [
      {
        id: 'plain', title: '(a) plain registry, no auth', ref: `127.0.0.1:${plainProxy.port}/${REPO}:latest`, entries,
        configDir: noCredentials, authFile: emptyAuthFile, proxies: [{ label: 'registry', proxy: plainProxy }],
      },
      {
        id: 'token-anon', title: '(b1) token registry with anonymous pulls, no stored credentials', ref: `${tokenHost}/${REPO}:latest`, entries,
        configDir: noCredentials, authFile: emptyAuthFile, proxies: tokenProxies,
      },
      {
        id: 'token-login', title: `(b2) token registry, credentials stored for ${tokenHost} (config.json auths, user "${STORED_USER}")`,
        ref: `${tokenHost}/${REPO}:latest`, entries, configDir: withCredentials, authFile: loginFile, proxies: tokenProxies,
      },
    ];
    return { scenarios, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
