import type { RegistryInfo } from './registry';
import { buildSeedContent, type PushUnit, type SeedContent } from './seed-catalog';
import { SeedPusher } from './seed-push';
import { sha256Digest } from './tar';

export { buildSeedContent, MULTI_PLATFORMS, BIG_LAYER_BYTES } from './seed-catalog';
export type { SeedContent, PushUnit } from './seed-catalog';

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await fn(item);
    }
  });
  await Promise.all(workers);
}

async function pushUnit(pusher: SeedPusher, unit: PushUnit): Promise<void> {
  await inParallel([...unit.blobs.entries()], 4, ([digest, bytes]) => pusher.pushBlob(unit.repo, digest, bytes));
  // Children first: a list may only reference manifests the repo already holds.
  for (const m of unit.manifests) {
    await pusher.pushManifest(unit.repo, m.ref, m.mediaType, m.raw, sha256Digest(m.raw));
  }
}

/** Pushes every repository of `content` that belongs in `reg`'s mode. */
export async function seedRegistry(reg: RegistryInfo, content: SeedContent): Promise<void> {
  const pusher = await SeedPusher.create(reg);
  try {
    const units = content.units.filter((u) => u.seededIn.includes(reg.mode));
    await inParallel(units, 3, (unit) => pushUnit(pusher, unit));
  } finally {
    await pusher.close();
  }
}

/** Builds the catalog (big layer cached in `workDir`) and seeds every given registry. */
export async function seedRegistries(regs: RegistryInfo[], workDir: string): Promise<SeedContent> {
  const content = await buildSeedContent(workDir);
  await Promise.all(regs.map((reg) => seedRegistry(reg, content)));
  return content;
}
