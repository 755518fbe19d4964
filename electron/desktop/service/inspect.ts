import type { Core } from '../../core/operations';
import type { AppService } from './app-service';
import { toInspectResult } from './inspect-views';
import { fetchRemote } from './with-client';

/** Inspect: a remote image, list or index, with every child and its config. */
export function inspectService(core: Core): Pick<AppService, 'inspect'> {
  return {
    inspect: async (ref, options) => toInspectResult(await fetchRemote(core, ref, options)),
  };
}
