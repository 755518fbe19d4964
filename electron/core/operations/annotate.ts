import { StudioError } from '../../../shared/errors';
import type { Platform } from '../../../shared/oci';
import { isValidOsArch } from '../../../shared/platform';
import { parseDockerReference, referenceString } from '../../../shared/reference';
import type { Core } from './create-core';
import { prefixed } from './create';

export interface AnnotateArgs {
  list: string;
  entry: string;
  os: string;
  arch: string;
  variant: string;
  osVersion: string;
  osFeatures: string[];
}

/** `annotate`: overwrite the given platform fields of one draft entry, exactly as docker does. No output. */
export async function dockerAnnotate(core: Core, args: AnnotateArgs): Promise<void> {
  let listRef: string;
  let entryRef: string;
  try {
    listRef = referenceString(parseDockerReference(args.list));
  } catch (e) {
    throw prefixed(e, `annotate: error parsing name for manifest list ${args.list}: `);
  }
  try {
    entryRef = referenceString(parseDockerReference(args.entry));
  } catch (e) {
    throw prefixed(e, `annotate: error parsing name for manifest ${args.entry}: `);
  }
  const entry = (await core.drafts.exists(listRef)) ? await core.drafts.readEntry(listRef, entryRef) : undefined;
  if (!entry) {
    throw new StudioError('ENTRY_NOT_FOUND', `manifest for image ${args.entry} does not exist in ${args.list}`, {
      hint: `Add it first: manifest-studio create --amend ${args.list} ${args.entry}`,
    });
  }
  const platform: Platform = { ...(entry.descriptor.platform ?? { architecture: '', os: '' }) };
  // Empty means "not given": docker has no way to clear a field, and neither does this command.
  if (args.os) platform.os = args.os;
  if (args.arch) platform.architecture = args.arch;
  if (args.variant) platform.variant = args.variant;
  if (args.osVersion) platform['os.version'] = args.osVersion;
  if (args.osFeatures.length > 0) {
    const features = [...(platform['os.features'] ?? [])];
    for (const f of args.osFeatures) if (!features.includes(f)) features.push(f);
    platform['os.features'] = features;
  }
  if (!isValidOsArch(platform.os, platform.architecture)) {
    throw new StudioError(
      'PLATFORM_INVALID',
      `manifest entry for image has unsupported os/arch combination: ${args.os}/${args.arch}`,
      { hint: 'Use docker names: --os linux --arch arm64 (not aarch64), --arch arm --variant v7 (not armv7l), --arch amd64 (not x86_64).' },
    );
  }
  await core.drafts.writeEntry(listRef, { ...entry, descriptor: { ...entry.descriptor, platform } });
}
