import { referenceString } from '../../../shared/reference';
import { type Core, executePush, planSteps, preparePush } from '../../core/operations';
import type { AppService } from './app-service';
import { normalize } from './draft-views';
import { withClient } from './with-client';

/** Push: what a push would do, and doing it with progress and cancel. */
export function pushService(core: Core): Pick<AppService, 'planPush' | 'push'> {
  return {
    async planPush(draftRef, target, options) {
      const job = await preparePush(core, normalize(draftRef), target);
      return withClient(core, (c) => planSteps(c, job, options?.signal));
    },
    async push(draftRef, options) {
      const listRef = normalize(draftRef);
      const job = await preparePush(core, listRef, options.target);
      const run = await withClient(core, (c) =>
        executePush(c, job, { signal: options.signal, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }),
      );
      if (options.purge) await core.drafts.remove(listRef);
      return { target: referenceString(job.target), digest: run.digest, pushedChildren: run.children };
    },
  };
}
