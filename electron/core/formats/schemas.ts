/**
 * zod schemas for the JSON documents we read from registries and disk. Objects are loose (unknown keys
 * kept): registries add fields, and we never re-serialise a manifest we did not create anyway.
 * Types follow what Go's decoder would accept into distribution/image-spec structs.
 */
import { z } from 'zod';
import { DIGEST_PATTERN } from './digest';

const stringArray = z.array(z.string());

export const platformSchema = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  'os.version': z.string().optional(),
  'os.features': stringArray.nullish(),
  variant: z.string().optional(),
  features: stringArray.nullish(),
});

export const descriptorSchema = z.looseObject({
  mediaType: z.string(),
  digest: z.string().regex(DIGEST_PATTERN, 'invalid digest format'),
  size: z.number().int().nonnegative(),
  urls: stringArray.nullish(),
  annotations: z.record(z.string(), z.string()).nullish(),
  data: z.string().optional(),
  platform: platformSchema.nullish(),
  artifactType: z.string().optional(),
});

/** Docker schema2 or OCI image manifest. */
export const imageManifestSchema = z.looseObject({
  schemaVersion: z.number().int(),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).nullish(),
});

/** Docker manifest list or OCI image index. */
export const imageIndexSchema = z.looseObject({
  schemaVersion: z.number().int(),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).nullish(),
});

const stringMap = z.record(z.string(), z.string()).nullish();
const emptyObjectMap = z.record(z.string(), z.unknown()).nullish();

/** The parts of an image config (Docker v1 / OCI) the app shows; every field optional as in Go. */
export const imageConfigSchema = z.looseObject({
  created: z.string().optional(),
  author: z.string().optional(),
  architecture: z.string().optional(),
  os: z.string().optional(),
  'os.version': z.string().optional(),
  'os.features': stringArray.nullish(),
  variant: z.string().optional(),
  config: z
    .looseObject({
      User: z.string().optional(),
      ExposedPorts: emptyObjectMap,
      Env: stringArray.nullish(),
      Entrypoint: stringArray.nullish(),
      Cmd: stringArray.nullish(),
      Volumes: emptyObjectMap,
      WorkingDir: z.string().optional(),
      Labels: stringMap,
      StopSignal: z.string().optional(),
    })
    .nullish(),
  rootfs: z.looseObject({ type: z.string().optional(), diff_ids: stringArray.nullish() }).optional(),
  history: z
    .array(
      z.looseObject({
        created: z.string().optional(),
        created_by: z.string().optional(),
        author: z.string().optional(),
        comment: z.string().optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .nullish(),
});

export type ImageManifest = z.infer<typeof imageManifestSchema>;
export type ImageIndex = z.infer<typeof imageIndexSchema>;
export type ImageConfig = z.infer<typeof imageConfigSchema>;
export type ParsedDescriptor = z.infer<typeof descriptorSchema>;
/** Aliases the operations use. */
export type ImageManifestJson = ImageManifest;
export type IndexJson = ImageIndex;

/** First zod issue as `path: message`, for error texts. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid document';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issue.message}`;
}
