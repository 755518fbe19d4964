import { StudioError } from '../../../shared/errors';
import type { PushPlan, PushProgress, PushStep } from '../../../shared/model';
import { type ImageReference, parseCanonical, parseDockerReference, referenceString, repositoryString } from '../../../shared/reference';
import { type ImageManifestJson, parseManifest, sha256Digest } from '../formats';
import type { RegistryClient, RepoRef } from '../registry';
import type { Core } from './create-core';
import { buildDraftList, checkSameRegistry, orderEntries } from './draft-list';

/** Everything a push will send, worked out from the draft before any request is made. */
export interface PushJob {
  listRef: string;
  target: ImageReference;
  targetRepo: RepoRef;
  list: { bytes: Uint8Array; mediaType: string; digest: string };
  /** Blobs of entries from other repositories, once each, config before layers as docker orders them. */
  blobs: { digest: string; size: number; from: string; windows: boolean }[];
  /** Entries from other repositories, whose manifests are PUT into the target repository by digest. */
  manifests: { ref: string; digest: string; raw: Uint8Array; mediaType: string }[];
}

/** Builds the job for pushing draft `listRef` to `target` (default: the draft's own name). */
export async function preparePush(core: Core, listRef: string, target?: string): Promise<PushJob> {
  const entries = await core.drafts.readEntries(listRef);
  if (entries.length === 0) {
    throw new StudioError('DRAFT_EMPTY', `${listRef} not found`, { hint: `Add images with \`manifest-studio create --amend ${listRef} IMAGE\`.` });
  }
  const targetRef = target === undefined ? parseCanonical(listRef) : parseDockerReference(target);
  const targetName = referenceString(targetRef);
  const meta = await core.drafts.readDraftMeta(listRef);
  const ordered = orderEntries(entries, meta?.order);
  for (const e of ordered) {
    const p = e.descriptor.platform;
    if (!p?.os || !p.architecture) {
      throw new StudioError('PLATFORM_INVALID', `manifest ${e.ref} must have an OS and Architecture to be pushed to a registry`, {
        hint: `Set them: manifest-studio annotate --os linux --arch amd64 ${listRef} ${e.ref}`,
      });
    }
  }
  checkSameRegistry(targetName, ordered);
  const list = buildDraftList(ordered, meta);
  const targetRepo = { domain: targetRef.domain, path: targetRef.path };
  const blobs: PushJob['blobs'] = [];
  const manifests: PushJob['manifests'] = [];
  const seen = new Set<string>();
  for (const e of ordered) {
    const from = parseCanonical(e.ref).path;
    if (from === targetRepo.path) continue;
    const digest = sha256Digest(e.raw);
    if (digest !== e.descriptor.digest) {
      throw new StudioError('DIGEST_MISMATCH', `internal digest mismatch for ${e.ref}: expected ${e.descriptor.digest}, got ${digest}`);
    }
    const parsed = parseManifest(e.raw, e.descriptor.mediaType);
    if (parsed.kind !== 'image') throw new StudioError('MANIFEST_INVALID', `${e.ref} is a manifest list`);
    for (const b of blobsOf(parsed.manifest)) {
      if (seen.has(b.digest)) continue;
      seen.add(b.digest);
      blobs.push({ ...b, from, windows: e.descriptor.platform?.os === 'windows' });
    }
    manifests.push({ ref: e.ref, digest, raw: e.raw, mediaType: e.descriptor.mediaType });
  }
  return { listRef, target: targetRef, targetRepo, list, blobs, manifests };
}

function blobsOf(m: ImageManifestJson): { digest: string; size: number }[] {
  return [...(m.config ? [m.config] : []), ...(m.layers ?? [])].map((d) => ({ digest: d.digest, size: d.size }));
}

/** The steps a push will take, with what the target already has: the preview the app shows. */
export async function planSteps(client: RegistryClient, job: PushJob, signal?: AbortSignal): Promise<PushPlan> {
  const steps: PushStep[] = await Promise.all(
    job.blobs.map(async (b): Promise<PushStep> => {
      const have = await client.blobExists(job.targetRepo, b.digest, { signal });
      return { kind: 'blob', digest: b.digest, size: b.size, from: b.from, action: have === undefined ? 'mount' : 'exists' };
    }),
  );
  for (const m of job.manifests) steps.push({ kind: 'manifest', digest: m.digest, size: m.raw.length, action: 'put' });
  steps.push({ kind: 'list', digest: job.list.digest, size: job.list.bytes.length, action: 'put' });
  return {
    target: referenceString(job.target),
    listDigest: job.list.digest,
    mediaType: job.list.mediaType as PushPlan['mediaType'],
    steps,
  };
}

export interface PushRun {
  /** `Pushed ref` lines' data, in entry order. */
  children: { ref: string; digest: string }[];
  digest: string;
}

/**
 * Runs the job: blobs are checked and mounted concurrently (docker does it one by one and never checks),
 * then child manifests, then the list. Every request carries `signal`.
 */
export async function executePush(
  client: RegistryClient,
  job: PushJob,
  options: { signal?: AbortSignal; onProgress?: (p: Omit<PushProgress, 'operationId'>) => void } = {},
): Promise<PushRun> {
  const { signal, onProgress } = options;
  const stepCount = job.blobs.length + job.manifests.length + 1;
  const report = (stepIndex: number, digest: string, state: PushProgress['state']): void =>
    onProgress?.({ stepIndex, stepCount, digest, state });
  await Promise.all(
    job.blobs.map(async (b, i) => {
      report(i, b.digest, 'started');
      if ((await client.blobExists(job.targetRepo, b.digest, { signal })) !== undefined) return report(i, b.digest, 'skipped');
      const result = await client.mountBlob(job.targetRepo, b.from, b.digest, { signal });
      // Windows base layers are foreign and often not in the registry; docker tolerates that too.
      if (result === 'not-mounted' && !b.windows) {
        throw new StudioError('BLOB_UNKNOWN', `error mounting ${b.from}@${b.digest} to ${referenceString(job.target)}`, {
          hint: `The registry would not mount the blob from ${b.from}; make sure it exists there and that you may pull it.`,
        });
      }
      report(i, b.digest, 'done');
    }),
  );
  const base = job.blobs.length;
  const children = await Promise.all(
    job.manifests.map(async (m, i) => {
      report(base + i, m.digest, 'started');
      const digest = await putManifest(client, job, m.digest, m.raw, m.mediaType, signal);
      report(base + i, m.digest, 'done');
      return { ref: `${repositoryString(job.target)}@${m.digest}`, digest };
    }),
  );
  const listStep = stepCount - 1;
  report(listStep, job.list.digest, 'started');
  const reference = job.target.tag ?? job.list.digest;
  const digest = await putManifest(client, job, reference, job.list.bytes, job.list.mediaType, signal);
  report(listStep, job.list.digest, 'done');
  return { children, digest };
}

async function putManifest(
  client: RegistryClient,
  job: PushJob,
  reference: string,
  bytes: Uint8Array,
  mediaType: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  try {
    return await client.putManifest(job.targetRepo, reference, bytes, mediaType, { signal });
  } catch (e) {
    if (e instanceof StudioError && e.code !== 'CANCELLED') {
      const at = reference.includes(':') ? `${repositoryString(job.target)}@${reference}` : `${repositoryString(job.target)}:${reference}`;
      throw new StudioError(e.code, `failed to put manifest ${at}: ${e.message}`, { hint: e.hint, cause: e });
    }
    throw e;
  }
}
