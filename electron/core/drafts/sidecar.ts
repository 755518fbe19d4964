/**
 * Our extras that docker's store format cannot hold, one JSON file per draft under
 * `<configdir>/manifest-studio/drafts/<safe name>.json`. A missing file means docker's defaults.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import { MediaType } from '../../../shared/oci';
import { parseJsonBytes, describeZodError } from '../formats';
import { PlatformSchema } from '../../../shared/platform';

const annotations = z.record(z.string(), z.string());

export const draftMetaSchema = z.looseObject({
  /** The exact list reference (the safe directory name cannot be reversed reliably). */
  ref: z.string().min(1),
  /** The list media type the user chose; absent = docker's rule (first entry decides). */
  mediaType: z.enum([MediaType.DockerManifestList, MediaType.OciIndex]).optional(),
  /** Index-level annotations (OCI index only). */
  annotations: annotations.optional(),
  /** Per-entry descriptor annotations, keyed by entry reference. */
  entryAnnotations: z.record(z.string(), annotations).optional(),
  /** Row order by entry reference; absent = docker's file-name order. */
  order: z.array(z.string()).optional(),
  /** The platform each entry's image config declares, read when the entry was added (for contradiction checks). */
  configPlatforms: z.record(z.string(), PlatformSchema).optional(),
});

export type DraftMeta = z.infer<typeof draftMetaSchema>;

function metaCorrupt(path: string, what: string, cause?: unknown): StudioError {
  return new StudioError('DRAFT_CORRUPT', `invalid draft settings file ${path}: ${what}`, {
    hint:
      'This file only holds Manifest Studio extras (list type, annotations, row order). Fix or delete it; ' +
      'the draft itself and docker are unaffected.',
    cause,
  });
}

/** Reads a sidecar file; undefined when there is none. */
export async function readMetaFile(path: string): Promise<DraftMeta | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw metaCorrupt(path, e instanceof Error ? e.message : String(e), e);
  }
  let body: unknown;
  try {
    body = parseJsonBytes(bytes);
  } catch (e) {
    throw metaCorrupt(path, `not valid JSON (${e instanceof Error ? e.message : String(e)})`, e);
  }
  const r = draftMetaSchema.safeParse(body);
  if (!r.success) throw metaCorrupt(path, describeZodError(r.error));
  return r.data;
}

/** Our own format: readable JSON with a trailing newline. */
export function encodeMeta(meta: DraftMeta): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(meta, null, 2)}\n`);
}
