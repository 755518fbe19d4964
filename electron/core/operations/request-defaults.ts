/** What every request of this build says about itself, and the timeout a user may set. */

declare const __STUDIO_VERSION__: string | undefined;
export const STUDIO_VERSION = typeof __STUDIO_VERSION__ === 'string' ? __STUDIO_VERSION__ : '0.0.0-dev';

export const USER_AGENT = `manifest-studio/${STUDIO_VERSION}`;

/** `MANIFEST_STUDIO_TIMEOUT_MS` overrides the per-request timeouts (connect, headers, idle body); default 30 s. */
export function timeoutFrom(env: NodeJS.ProcessEnv): number | undefined {
  const ms = Number(env.MANIFEST_STUDIO_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

/** Configs are small JSON documents; anything bigger is not a config. */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

