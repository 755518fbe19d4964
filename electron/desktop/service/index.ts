/** Public face of `desktop/service`: the window's operations (and the loopback host's), per domain. */
import { type AppLoginStore } from '../../core/credentials';
import { type Core, createCore } from '../../core/operations';
import type { AppService } from './app-service';
import { credentialsService } from './credentials';
import { draftsService } from './drafts';
import { inspectService } from './inspect';
import { pushService } from './push';
import { settingsService } from './settings';

export type { AppService, CallOptions } from './app-service';

/** The app's service over the same core the CLI uses. */
export function createAppServiceFromCore(core: Core): AppService {
  return {
    ...inspectService(core),
    ...draftsService(core),
    ...pushService(core),
    ...credentialsService(core),
    ...settingsService(core),
  };
}

/**
 * The app's services over docker's config dir (drafts, credentials) and our registry settings file.
 * `appLogins`: the app's own keychain-backed logins; the Electron window passes one, the loopback host
 * none (it serves browsers and, like the CLI, uses docker's store only).
 */
export function createAppService(options: { configDir?: string; env: NodeJS.ProcessEnv; appLogins?: AppLoginStore }): AppService {
  return createAppServiceFromCore(
    createCore({ configFlag: options.configDir, env: options.env, ...(options.appLogins ? { appLogins: options.appLogins } : {}) }),
  );
}
