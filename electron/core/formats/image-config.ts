import { StudioError } from '../../../shared/errors';
import type { Platform } from '../../../shared/oci';
import { parseJsonBytes } from './parse-manifest';
import { describeZodError, imageConfigSchema, type ImageConfig } from './schemas';

/** Image configs are small; refuse absurd ones before parsing (containerd uses the same 4 MiB cap). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

function configError(detail: string): StudioError {
  return new StudioError('MANIFEST_INVALID', `invalid image config: ${detail}`, {
    hint: 'The image config blob is not valid JSON of the expected shape; the image may be damaged.',
  });
}

/** Validates an image config blob (Docker v1 or OCI). */
export function parseImageConfig(bytes: Uint8Array): ImageConfig {
  if (bytes.length > MAX_CONFIG_BYTES) throw configError(`${bytes.length} bytes exceeds the ${MAX_CONFIG_BYTES}-byte limit`);
  let body: unknown;
  try {
    body = parseJsonBytes(bytes);
  } catch (e) {
    throw configError(e instanceof Error ? e.message : String(e));
  }
  const r = imageConfigSchema.safeParse(body);
  if (!r.success) throw configError(describeZodError(r.error));
  return r.data;
}

/**
 * The platform docker records at `create` time: the config's top-level `architecture`, `os`,
 * `os.version`, `os.features`, `variant`, verbatim (no normalisation; docs/docker-behavior.md §3.3).
 */
export function platformFromConfig(bytes: Uint8Array): Platform {
  const config = parseImageConfig(bytes);
  const platform: Platform = { architecture: config.architecture ?? '', os: config.os ?? '' };
  const osVersion = config['os.version'];
  const osFeatures = config['os.features'];
  if (osVersion) platform['os.version'] = osVersion;
  if (osFeatures && osFeatures.length > 0) platform['os.features'] = [...osFeatures];
  if (config.variant) platform.variant = config.variant;
  return platform;
}
