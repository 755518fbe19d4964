/**
 * One draft entry file, byte-compatible with docker 28.2.2 (docs/docker-behavior.md §3.3): compact JSON, no
 * trailing newline, keys `Ref`, `Descriptor`, `Raw`, then `SchemaV2Manifest` or `OCIManifest`.
 * Reading also accepts the legacy `Digest`/`Platform` form and entries whose `Raw` is empty.
 */
import { Buffer } from 'node:buffer';
import { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import { MediaType, type Descriptor, type Platform } from '../../../shared/oci';
import {
  descriptorSchema,
  describeZodError,
  digestLike,
  goJsonIndentBytes,
  goMarshalBytes,
  imageManifestForGo,
  JsonSyntaxError,
  parseJsonBytes,
  parseManifest,
  payloadKindFor,
  platformSchema,
  sha256Digest,
  topLevelMembers,
  type ParsedDescriptor,
  type PayloadKind,
} from '../formats';

export interface DraftEntry {
  /** Name of the file in the draft directory (docker's safe name of `ref`). */
  fileName: string;
  /** Normalised reference of the image, e.g. `localhost:5000/test/arm:v7`. */
  ref: string;
  descriptor: Descriptor;
  /** The manifest's exact bytes; `descriptor.digest` is their hash. */
  raw: Uint8Array;
  payloadKind: PayloadKind;
  /**
   * The payload exactly as stored in the file (compacted `raw`), when the entry was read from disk. docker
   * prints these bytes for `inspect LIST IMAGE`, and writes them back when it re-saves an entry.
   */
  payload?: Uint8Array;
  /**
   * The file had no `Raw`; `raw` was rebuilt from the payload (docs/docker-behavior.md §3.3) and matched
   * the digest.
   */
  rawReconstructed?: boolean;
}

/** What `writeEntry` takes: an entry, with or without the read-only extras. */
export type DraftEntryInput = Omit<DraftEntry, 'fileName' | 'payloadKind'> & {
  fileName?: string;
  payloadKind?: PayloadKind;
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const entryFileSchema = z.looseObject({
  Ref: z.string().min(1, 'Ref is empty'),
  Descriptor: descriptorSchema.optional(),
  Raw: z.string().regex(BASE64, 'Raw is not valid base64').nullish(),
  Digest: z.string().nullish(),
  Platform: platformSchema.partial().nullish(),
  SchemaV2Manifest: z.record(z.string(), z.unknown()).nullish(),
  OCIManifest: z.record(z.string(), z.unknown()).nullish(),
});

/** Serialises an entry exactly as docker's `json.Marshal(types.ImageManifest)` does. */
export function encodeEntryFile(entry: DraftEntryInput): Uint8Array {
  const kind = entry.payloadKind ?? payloadKindFor(entry.descriptor.mediaType);
  const item = { ref: entry.ref, descriptor: entry.descriptor, raw: entry.raw, kind };
  return goMarshalBytes(imageManifestForGo(entry.payload ? { ...item, payload: entry.payload } : item));
}

function corrupt(path: string, what: string, cause?: unknown): StudioError {
  return new StudioError('DRAFT_CORRUPT', `invalid manifest file ${path}: ${what}`, {
    hint:
      'Manifest Studio never changes or deletes this file, and docker cannot use it either. Move it out of the draft ' +
      'directory (or delete it), then add the image again with `manifest-studio create --amend LIST IMAGE`.',
    cause,
  });
}

/** A store descriptor as our shared `Descriptor` (unknown keys dropped, nulls as absent). */
function toDescriptor(d: ParsedDescriptor): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.urls) out.urls = [...d.urls];
  if (d.annotations) out.annotations = { ...d.annotations };
  if (d.data !== undefined) out.data = d.data;
  if (d.platform) out.platform = toPlatform(d.platform);
  if (d.artifactType !== undefined) out.artifactType = d.artifactType;
  return out;
}

/** image-spec `Platform` fields only (docker's `OCIPlatform` drops CPU `features`). */
function toPlatform(p: Partial<z.infer<typeof platformSchema>>): Platform {
  const out: Platform = { architecture: p.architecture ?? '', os: p.os ?? '' };
  if (p['os.version']) out['os.version'] = p['os.version'];
  if (p['os.features'] && p['os.features'].length > 0) out['os.features'] = [...p['os.features']];
  if (p.variant) out.variant = p.variant;
  return out;
}

interface Payload {
  kind: PayloadKind;
  bytes: Uint8Array;
  mediaType: string;
}

function readPayload(path: string, file: z.infer<typeof entryFileSchema>, members: Map<string, Uint8Array>): Payload {
  const kind: PayloadKind | undefined =
    file.SchemaV2Manifest != null ? 'SchemaV2Manifest' : file.OCIManifest != null ? 'OCIManifest' : undefined;
  const bytes = kind && members.get(kind);
  if (!kind || !bytes) throw corrupt(path, `${file.Ref} has no payload (neither SchemaV2Manifest nor OCIManifest)`);
  const contentType = kind === 'SchemaV2Manifest' ? MediaType.DockerManifest : MediaType.OciManifest;
  try {
    parseManifest(bytes, contentType);
  } catch (e) {
    throw corrupt(path, `${kind}: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  // docker's Payload() reports the body's mediaType for schema2 (checked above to be this) and the fixed OCI type.
  return { kind, bytes, mediaType: contentType };
}

function descriptorOf(path: string, file: z.infer<typeof entryFileSchema>, payload: Payload): Descriptor {
  if (file.Digest) {
    // Legacy entry (pre-Descriptor CLI): docker checks the digest against the payload bytes.
    const actual = sha256Digest(payload.bytes);
    if (actual !== file.Digest) throw corrupt(path, `image manifest digest mismatch (${file.Digest} != ${actual})`);
    const d: Descriptor = { mediaType: payload.mediaType, digest: file.Digest, size: payload.bytes.length };
    if (file.Platform) d.platform = toPlatform(file.Platform);
    return d;
  }
  if (!file.Descriptor) throw corrupt(path, 'no Descriptor (and no legacy Digest)');
  return toDescriptor(file.Descriptor);
}

/** `Raw`, or when empty the bytes docker's push would rebuild (3-space schema2 / 2-space OCI) or the payload. */
function rawOf(path: string, file: z.infer<typeof entryFileSchema>, payload: Payload, d: Descriptor): { raw: Uint8Array; rebuilt: boolean } {
  if (file.Raw) {
    const raw = new Uint8Array(Buffer.from(file.Raw, 'base64'));
    const actual = digestLike(raw, d.digest);
    if (actual !== d.digest) throw corrupt(path, `Raw does not match the descriptor digest (${d.digest} != ${actual ?? 'unsupported algorithm'})`);
    if (raw.length !== d.size) throw corrupt(path, `descriptor size ${d.size} does not match Raw (${raw.length} bytes)`);
    return { raw, rebuilt: false };
  }
  const indent = payload.kind === 'SchemaV2Manifest' ? '   ' : '  ';
  const candidates = [goJsonIndentBytes(payload.bytes, '', indent), payload.bytes];
  const raw = candidates.find((c) => digestLike(c, d.digest) === d.digest);
  if (!raw) throw corrupt(path, `Raw is empty and the stored manifest does not reproduce digest ${d.digest}`);
  return { raw, rebuilt: true };
}

/**
 * Parses and verifies one entry file. Anything wrong (not JSON, not an entry, digest mismatch) is a
 * `DRAFT_CORRUPT` naming `path`; nothing here touches the file.
 */
export function decodeEntryFile(bytes: Uint8Array, path: string, fileName: string): DraftEntry {
  let members: Map<string, Uint8Array> | undefined;
  let body: unknown;
  try {
    members = topLevelMembers(bytes);
    body = parseJsonBytes(bytes);
  } catch (e) {
    if (e instanceof JsonSyntaxError || e instanceof SyntaxError) throw corrupt(path, `not valid JSON (${e.message})`, e);
    throw e;
  }
  if (!members) throw corrupt(path, 'not a JSON object');
  const parsed = entryFileSchema.safeParse(body);
  if (!parsed.success) throw corrupt(path, describeZodError(parsed.error));
  const file = parsed.data;
  const payload = readPayload(path, file, members);
  const descriptor = descriptorOf(path, file, payload);
  const { raw, rebuilt } = rawOf(path, file, payload, descriptor);
  const entry: DraftEntry = { fileName, ref: file.Ref, descriptor, raw, payloadKind: payload.kind, payload: payload.bytes };
  if (rebuilt) entry.rawReconstructed = true;
  return entry;
}
