import { type AppLoginStore, type Credential, type CredentialHelperError, DockerCredentials, resolveConfigDir } from '../credentials';
import type { TcpSockets } from '../net';
import { homeFrom } from '../files';
import { DraftStore } from '../drafts';
import { ContentCache, RegistryClient, contentCacheDir } from '../registry';
import { loadRegistrySettings, settingsPath } from '../settings';
import { USER_AGENT, timeoutFrom } from './request-defaults';

/** Where the core finds its state: docker's config dir (drafts, credentials) and our registry settings. */
export interface CoreOptions {
  /** `--config` flag; else `$DOCKER_CONFIG`, else `~/.docker`. */
  configFlag?: string;
  env: NodeJS.ProcessEnv;
  /**
   * The app's own keychain-backed logins. Only the Electron window passes one: the CLI and the loopback
   * host pass none and use docker's store alone, as `docker` itself would (the keychain key belongs to
   * the Electron app, and a CLI that read secrets docker cannot see would surprise scripts).
   */
  appLogins?: AppLoginStore;
  /** The content cache's disk IO is synchronous (see ContentCacheOptions): the CLI's. */
  syncCache?: boolean;
  /** Connections the CLI launcher opened ahead, for the registry clients this core makes. */
  earlySockets?: TcpSockets;
  /** Told once per failing credential helper that requests go on without its credentials (the CLI: stderr). */
  onWarning?: (line: string) => void;
}

/** The parts every operation shares: one drafts store, one credential view, one registry client factory. */
export interface Core {
  configDir: string;
  settingsFile: string;
  env: NodeJS.ProcessEnv;
  drafts: DraftStore;
  /** Manifests and configs by digest (see ContentCache); undefined when `MANIFEST_STUDIO_CACHE=off`. */
  cache?: ContentCache;
  credentials: DockerCredentials;
  appLogins?: AppLoginStore;
  /**
   * The credential a request to `domain` uses: the app's own login first, then docker's. A docker
   * credential helper that fails gives none (as in docker): see `credentialProblem`.
   */
  findCredential(domain: string): Promise<Credential | undefined>;
  /** Why `findCredential` found nothing for `domain` although a helper should have answered. */
  credentialProblem(domain: string): CredentialHelperError | undefined;
  /** A client for one operation; `insecureHosts` are the hosts `--insecure` applies to. */
  registry(insecureHosts?: string[]): Promise<RegistryClient>;
}

export function createCore(options: CoreOptions): Core {
  const env = options.env;
  const home = homeFrom(env);
  const configDir = resolveConfigDir({ flag: options.configFlag, env, home });
  const settingsFile = settingsPath(env, process.platform, home);
  const credentials = new DockerCredentials(configDir, { env });
  const cacheDir = contentCacheDir(env, process.platform, home);
  const appLogins = options.appLogins;
  // App logins win: the user saved them in this window on purpose, for this app, and docker's store
  // may hold another account (or a stale one) for the same registry that `docker login` manages.
  // A saved app login that cannot be read is an error, never a silent fall-back to another account.
  const problems = new Map<string, CredentialHelperError>();
  const warned = new Set<string>();
  const findCredential = async (domain: string): Promise<Credential | undefined> => {
    const own = await appLogins?.get(domain);
    if (own) return own;
    const found = await credentials.lookup(domain);
    if (found.unavailable) {
      const e = found.unavailable;
      problems.set(domain, e);
      if (!warned.has(e.helper)) {
        warned.add(e.helper);
        options.onWarning?.(`warning: going on without credentials from docker-credential-${e.helper}: ${e.message}`);
      }
    }
    return found.credential;
  };
  return {
    configDir,
    settingsFile,
    env,
    drafts: new DraftStore(configDir),
    ...(cacheDir ? { cache: new ContentCache(cacheDir, { sync: options.syncCache === true }) } : {}),
    credentials,
    ...(appLogins ? { appLogins } : {}),
    findCredential,
    credentialProblem: (domain) => problems.get(domain),
    async registry(insecureHosts = []) {
      const settings = await loadRegistrySettings(settingsFile);
      return new RegistryClient({
        credentials: findCredential,
        credentialProblem: (domain) => {
          const e = problems.get(domain);
          return e && `docker-credential-${e.helper} could not give them (${e.message})`;
        },
        settings,
        insecureHosts,
        userAgent: USER_AGENT,
        certsDir: env.MANIFEST_STUDIO_CERTS_DIR,
        ...(env.NODE_EXTRA_CA_CERTS ? { extraCaFile: env.NODE_EXTRA_CA_CERTS } : {}),
        ...(options.earlySockets ? { earlySockets: options.earlySockets } : {}),
        timeoutMs: timeoutFrom(env),
      });
    },
  };
}
