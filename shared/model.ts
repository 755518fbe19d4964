import { z } from 'zod';
import { PlatformSchema } from './platform';

/**
 * The data the app's faces (Electron IPC, the loopback host) exchange with the core. Plain JSON only:
 * manifest bytes travel as their UTF-8 text (manifests are JSON), digests are computed in main over the
 * exact bytes, never in the renderer. No secret ever appears in these shapes.
 */

export { PlatformSchema, type PlatformDto } from './platform';

export const DescriptorSchema = z.object({
  mediaType: z.string(),
  digest: z.string(),
  size: z.number(),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: PlatformSchema.optional(),
  artifactType: z.string().optional(),
});
export type DescriptorDto = z.infer<typeof DescriptorSchema>;

/** The parts of an image config a person looks at. */
export const ImageConfigSchema = z.object({
  created: z.string().optional(),
  author: z.string().optional(),
  platform: PlatformSchema,
  entrypoint: z.array(z.string()).optional(),
  cmd: z.array(z.string()).optional(),
  env: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  user: z.string().optional(),
  workingDir: z.string().optional(),
  exposedPorts: z.array(z.string()).optional(),
  history: z
    .array(
      z.object({
        created: z.string().optional(),
        createdBy: z.string().optional(),
        comment: z.string().optional(),
        emptyLayer: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type ImageConfigDto = z.infer<typeof ImageConfigSchema>;

export const LayerSchema = z.object({
  mediaType: z.string(),
  digest: z.string(),
  size: z.number(),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** One image manifest with its config, as fetched. */
export const ImageViewSchema = z.object({
  ref: z.string(),
  descriptor: DescriptorSchema,
  /** The manifest's exact text. */
  rawText: z.string(),
  layers: z.array(LayerSchema),
  totalSize: z.number(),
  config: ImageConfigSchema.optional(),
  configDigest: z.string().optional(),
  configText: z.string().optional(),
});
export type ImageView = z.infer<typeof ImageViewSchema>;

/** An attestation (BuildKit provenance/SBOM manifest) folded under the image it describes. */
export const AttestationSchema = z.object({
  descriptor: DescriptorSchema,
  /** in-toto predicate types found in the attestation's layers, e.g. https://slsa.dev/provenance/v0.2 */
  predicateTypes: z.array(z.string()),
});

/** One row of the image × platform matrix. */
export const ListRowSchema = z.object({
  descriptor: DescriptorSchema,
  image: ImageViewSchema.optional(),
  /** Set when the child could not be fetched; the row still shows what the list says. */
  error: z.string().optional(),
  attestations: z.array(AttestationSchema),
});
export type ListRow = z.infer<typeof ListRowSchema>;

export const ListViewSchema = z.object({
  ref: z.string(),
  descriptor: DescriptorSchema,
  rawText: z.string(),
  annotations: z.record(z.string(), z.string()).optional(),
  rows: z.array(ListRowSchema),
  /** Entries that are neither platform images nor attestations of one (nested indexes, artifacts). */
  others: z.array(DescriptorSchema),
});
export type ListView = z.infer<typeof ListViewSchema>;

export const InspectResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), image: ImageViewSchema }),
  z.object({ kind: z.literal('list'), list: ListViewSchema }),
]);
export type InspectResult = z.infer<typeof InspectResultSchema>;

export const ListMediaTypeSchema = z.enum([
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
]);

export const DraftSummarySchema = z.object({
  /** Directory name in docker's store. */
  id: z.string(),
  ref: z.string(),
  /** True when the name was recovered from the directory name, which is ambiguous. */
  refGuessed: z.boolean(),
  entryCount: z.number(),
});
export type DraftSummary = z.infer<typeof DraftSummarySchema>;

export const DraftEntrySchema = z.object({
  ref: z.string(),
  descriptor: DescriptorSchema,
  rawText: z.string(),
  /** Platform read from the image config, to compare with the descriptor's. */
  configPlatform: PlatformSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type DraftEntryDto = z.infer<typeof DraftEntrySchema>;

export const DraftViewSchema = z.object({
  id: z.string(),
  ref: z.string(),
  mediaType: ListMediaTypeSchema,
  /** True when the user chose the media type; false when docker's first-entry rule decides. */
  mediaTypeChosen: z.boolean(),
  annotations: z.record(z.string(), z.string()),
  entries: z.array(DraftEntrySchema),
  /** sha256 of the list that push would send, computed over its exact bytes. */
  listDigest: z.string().optional(),
  listText: z.string().optional(),
  problems: z.array(z.string()),
});
export type DraftView = z.infer<typeof DraftViewSchema>;

export const PlatformPatchSchema = z.object({
  os: z.string().optional(),
  architecture: z.string().optional(),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
});
export type PlatformPatch = z.infer<typeof PlatformPatchSchema>;

export const PushStepSchema = z.object({
  kind: z.enum(['blob', 'manifest', 'list']),
  digest: z.string(),
  size: z.number(),
  /** From which repository a blob is mounted or copied. */
  from: z.string().optional(),
  action: z.enum(['exists', 'mount', 'copy', 'put']),
});
export type PushStep = z.infer<typeof PushStepSchema>;

export const PushPlanSchema = z.object({
  target: z.string(),
  listDigest: z.string(),
  mediaType: ListMediaTypeSchema,
  steps: z.array(PushStepSchema),
});
export type PushPlan = z.infer<typeof PushPlanSchema>;

/** One step of a push starting or ending (the operation's id travels with the event that carries it). */
export const PushProgressSchema = z.object({
  stepIndex: z.number(),
  stepCount: z.number(),
  digest: z.string(),
  state: z.enum(['started', 'done', 'skipped']),
  bytesDone: z.number().optional(),
});
export type PushProgress = z.infer<typeof PushProgressSchema>;

export const PushOutcomeSchema = z.object({
  target: z.string(),
  digest: z.string(),
  pushedChildren: z.array(z.object({ ref: z.string(), digest: z.string() })),
});
export type PushOutcome = z.infer<typeof PushOutcomeSchema>;

export const RegistryLoginSchema = z.object({
  registry: z.string(),
  username: z.string().optional(),
  /** docker's stores (`auths`, `credsStore`, `credHelpers`, `env` = DOCKER_AUTH_CONFIG) or `app`: the app's own keychain. */
  source: z.enum(['auths', 'credsStore', 'credHelpers', 'env', 'app']),
  helper: z.string().optional(),
});
export type RegistryLoginDto = z.infer<typeof RegistryLoginSchema>;

/** Where a login is saved: docker's config (shared with docker and the CLI) or the app's own keychain. */
/** A credential helper that failed: its logins are missing from the list, and requests go without them. */
export const CredentialProblemSchema = z.object({
  helper: z.string(),
  message: z.string(),
  /** What to do about it. */
  hint: z.string(),
});
export type CredentialProblemDto = z.infer<typeof CredentialProblemSchema>;

export const LoginsSchema = z.object({ logins: z.array(RegistryLoginSchema), problems: z.array(CredentialProblemSchema) });
export type LoginsDto = z.infer<typeof LoginsSchema>;

export const LoginStoreSchema = z.enum(['docker', 'app']);
export type LoginStore = z.infer<typeof LoginStoreSchema>;

export const RegistryTlsSettingsSchema = z.object({
  insecure: z.boolean().optional(),
  plainHttp: z.boolean().optional(),
  caFile: z.string().optional(),
  clientCertFile: z.string().optional(),
  clientKeyFile: z.string().optional(),
});
export type RegistryTlsSettings = z.infer<typeof RegistryTlsSettingsSchema>;

export const ConnectionReportSchema = z.object({
  registry: z.string(),
  ok: z.boolean(),
  endpoint: z.string().optional(),
  authScheme: z.enum(['none', 'basic', 'bearer']).optional(),
  message: z.string(),
});
export type ConnectionReport = z.infer<typeof ConnectionReportSchema>;
