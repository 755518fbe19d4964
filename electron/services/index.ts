export type { AppService, CallOptions } from './app-service';
export { createCore, type Core, type CoreOptions } from './core';
export { STUDIO_VERSION } from './request-defaults';
export { createAppServiceFromCore } from './app-service-impl';
export type { LoginStore } from './login';
import { createAppServiceFromCore } from './app-service-impl';
import { createCore } from './core';
import type { AppService } from './app-service';
import type { AppLoginStore } from '../credentials';

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
