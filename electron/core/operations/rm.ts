import { StudioError } from '../../../shared/errors';
import { parseDockerReference, referenceString } from '../../../shared/reference';
import type { Core } from './create-core';

/**
 * `rm LIST...`: deletes local drafts only. Like docker it carries on past a bad argument and reports
 * every failure at the end, one per line.
 */
export async function dockerRm(core: Core, lists: readonly string[]): Promise<void> {
  const errors: string[] = [];
  for (const arg of lists) {
    try {
      const ref = referenceString(parseDockerReference(arg));
      if (!(await core.drafts.exists(ref))) {
        errors.push(`No such manifest: ${ref}`);
        continue;
      }
      await core.drafts.remove(ref);
    } catch (e) {
      if (!(e instanceof StudioError)) throw e;
      errors.push(e.message);
    }
  }
  if (errors.length > 0) throw new StudioError('DRAFT_NOT_FOUND', errors.join('\n'));
}
