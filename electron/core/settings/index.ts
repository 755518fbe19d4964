export {
  settingsPath,
  loadRegistrySettings,
  saveRegistrySettings,
  hostSettings,
  HostSettingsSchema,
  RegistrySettingsSchema,
  EMPTY_SETTINGS,
} from './settings';
export type { HostSettings, RegistrySettings } from './settings';
export { defaultCertsDir, loadCertsDir } from './certs-dir';
export type { CertsDirMaterial } from './certs-dir';
