export type { AppService, CallOptions } from './app-service';
export { createCore, type Core, type CoreOptions, STUDIO_VERSION } from './core';
export { createAppServiceFromCore } from './app-service-impl';
import { createAppServiceFromCore } from './app-service-impl';
import { createCore } from './core';
import type { AppService } from './app-service';

/** The app's services over docker's config dir (drafts, credentials) and our registry settings file. */
export function createAppService(options: { configDir?: string; env: NodeJS.ProcessEnv }): AppService {
  return createAppServiceFromCore(createCore({ configFlag: options.configDir, env: options.env }));
}
