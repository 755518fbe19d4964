import { homedir } from 'node:os';
import { DockerCredentials, resolveConfigDir } from '../credentials';
import { DraftStore } from '../drafts';
import { RegistryClient } from '../registry';
import { loadRegistrySettings, settingsPath } from '../settings';

/** Where the core finds its state: docker's config dir (drafts, credentials) and our registry settings. */
export interface CoreOptions {
  /** `--config` flag; else `$DOCKER_CONFIG`, else `~/.docker`. */
  configFlag?: string;
  env: NodeJS.ProcessEnv;
}

/** The parts every operation shares: one drafts store, one credential view, one registry client factory. */
export interface Core {
  configDir: string;
  settingsFile: string;
  env: NodeJS.ProcessEnv;
  drafts: DraftStore;
  credentials: DockerCredentials;
  /** A client for one operation; `insecureHosts` are the hosts `--insecure` applies to. */
  registry(insecureHosts?: string[]): Promise<RegistryClient>;
}

export function createCore(options: CoreOptions): Core {
  const env = options.env;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const configDir = resolveConfigDir({ flag: options.configFlag, env, home });
  const settingsFile = settingsPath(env, process.platform, home);
  const credentials = new DockerCredentials(configDir, { env });
  return {
    configDir,
    settingsFile,
    env,
    drafts: new DraftStore(configDir),
    credentials,
    async registry(insecureHosts = []) {
      const settings = await loadRegistrySettings(settingsFile);
      return new RegistryClient({
        credentials: (domain) => credentials.get(domain),
        settings,
        insecureHosts,
        userAgent: `manifest-studio/${STUDIO_VERSION}`,
        certsDir: env.MANIFEST_STUDIO_CERTS_DIR,
        timeoutMs: timeoutFrom(env),
      });
    },
  };
}

/** `MANIFEST_STUDIO_TIMEOUT_MS` overrides the per-request timeouts (connect, headers, idle body); default 30 s. */
function timeoutFrom(env: NodeJS.ProcessEnv): number | undefined {
  const ms = Number(env.MANIFEST_STUDIO_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

declare const __STUDIO_VERSION__: string | undefined;
export const STUDIO_VERSION = typeof __STUDIO_VERSION__ === 'string' ? __STUDIO_VERSION__ : '0.0.0-dev';
