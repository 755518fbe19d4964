import { StudioError } from '../../../shared/errors';
import type { RegistryTlsSettings } from '../../../shared/model';
import type { Core } from '../../core/operations';
import { HostSettingsSchema, loadRegistrySettings, saveRegistrySettings } from '../../core/settings';
import type { AppService } from './app-service';

/** Registry settings: TLS and plain-HTTP choices per registry, in the file the CLI reads too. */
export function settingsService(core: Core): Pick<AppService, 'getRegistrySettings' | 'setRegistrySettings'> {
  return {
    async getRegistrySettings() {
      return (await loadRegistrySettings(core.settingsFile)).registries;
    },
    async setRegistrySettings(registry, settings) {
      const valid = checkRegistrySettings(registry, settings);
      const current = await loadRegistrySettings(core.settingsFile);
      const registries = { ...current.registries };
      if (valid === null) delete registries[registry];
      else registries[registry] = valid;
      await saveRegistrySettings(core.settingsFile, { ...current, registries });
      return registries;
    },
  };
}

/**
 * Settings come from the window: refuse what the settings file would reject (or never match: a URL or
 * a path instead of `host[:port]`) as BAD_INPUT, before anything is written.
 */
function checkRegistrySettings(registry: string, settings: RegistryTlsSettings | null): RegistryTlsSettings | null {
  if (!/^[^\s/]+$/.test(registry)) {
    throw new StudioError('BAD_INPUT', `invalid registry address: "${registry}"`, { hint: 'Write the host and optional port only, e.g. registry.example.com:5000.' });
  }
  if (settings === null) return null;
  const parsed = HostSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ');
    throw new StudioError('BAD_INPUT', `invalid settings for ${registry}: ${issues}`, {
      hint: 'Allowed fields: insecure, plainHttp (true/false), caFile, clientCertFile, clientKeyFile (file paths).',
    });
  }
  return parsed.data;
}
