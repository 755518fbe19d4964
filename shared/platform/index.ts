/**
 * Platforms as docker manifest treats them: docker's os/arch table (what `annotate` accepts), a text form
 * (`linux/arm/v7`), a duplicate-detection key, and non-blocking warnings for the UI. Pure TypeScript.
 */
export {
  DOCKER_OS_ARCH,
  DOCKER_OS_ARCH_PAIRS,
  isValidOsArch,
  isDockerOs,
  unsupportedOsArchMessage,
} from './os-arch';
export { formatPlatform, parsePlatform, platformKey } from './format';
export type { PlatformField, PlatformWarning } from './warnings';
export { platformWarnings } from './warnings';
export { PlatformSchema, type PlatformDto } from './schema';
