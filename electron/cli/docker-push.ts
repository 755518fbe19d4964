import { parseDockerReference, referenceString } from '../../shared/reference';
import { type Core, executePush, preparePush } from '../core/operations';

export interface PushArgs {
  list: string;
  purge: boolean;
  insecure: boolean;
  signal?: AbortSignal;
}

/** `push [--purge] LIST`: prints docker's `Pushed ref` lines and the list digest. */
export async function dockerPush(core: Core, args: PushArgs): Promise<string> {
  const listRef = referenceString(parseDockerReference(args.list));
  const job = await preparePush(core, listRef);
  const client = await core.registry(args.insecure ? [job.target.domain] : []);
  try {
    const run = await executePush(client, job, { signal: args.signal });
    if (args.purge) await core.drafts.remove(listRef);
    const lines = run.children.map((c) => `Pushed ref ${c.ref} with digest: ${c.digest}`);
    return [...lines, run.digest, ''].join('\n');
  } finally {
    await client.close();
  }
}
