/** Public face of `core/formats`: exact bytes, Go JSON rules, and docker's output formats. */
export {
  ByteWriter,
  JsonObject,
  RawJson,
  compareUtf8,
  goJsonCompact,
  goJsonCompactBytes,
  goJsonIndent,
  goJsonIndentBytes,
  goMarshal,
  goMarshalBytes,
  goMarshalIndent,
  goMarshalIndentBytes,
  goQuote,
  isValidJson,
  sortedMap,
  utf8,
} from './go-json';
export { JsonSyntaxError, topLevelMembers } from './go-json-scan';
export { DIGEST_PATTERN, assertDigest, digestLike, sha256Digest, verifyDigest } from './digest';
export { baseMediaType, parseJsonBytes, parseManifest, type ParsedManifest } from './parse-manifest';
export { parseImageConfig, platformFromConfig } from './image-config';
export {
  descriptorSchema,
  describeZodError,
  imageConfigSchema,
  imageIndexSchema,
  imageManifestSchema,
  platformSchema,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type ImageManifestJson,
  type IndexJson,
  type ParsedDescriptor,
} from './schemas';
export {
  buildDockerList,
  dockerListMediaType,
  formatInspectImage,
  formatInspectList,
  formatVerbose,
  imageManifestForGo,
  listPlatformForGo,
  ociDescriptorForGo,
  ociPlatformForGo,
  payloadKindFor,
  serializeList,
  type BuiltList,
  type ListEntry,
  type PayloadKind,
  type VerboseItem,
} from './docker-format';
export { buildIndex, type IndexInput } from './build-index';
