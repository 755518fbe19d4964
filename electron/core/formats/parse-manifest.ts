/**
 * Manifest parsing driven by the response Content-Type, as distribution's `UnmarshalManifest` does
 * (docs/docker-behavior.md §5.5): the content type picks the schema, the body must agree with it.
 */
import type { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import {
  MAX_MANIFEST_BYTES,
  MediaType,
  type ImageManifestMediaType,
  type ListMediaType,
} from '../../../shared/oci';
import { sha256Digest } from './digest';
import { scanJson, JsonSyntaxError } from './go-json-scan';
import { utf8 } from './go-json';
import {
  describeZodError,
  imageIndexSchema,
  imageManifestSchema,
  type ImageIndex,
  type ImageManifest,
} from './schemas';

interface ParsedCommon {
  /** The exact bytes parsed; digests are computed over these. */
  bytes: Uint8Array;
  digest: string;
  size: number;
}

export type ParsedManifest =
  | (ParsedCommon & { kind: 'image'; mediaType: ImageManifestMediaType; manifest: ImageManifest })
  | (ParsedCommon & { kind: 'list'; mediaType: ListMediaType; manifest: ImageIndex });

/** Content-Type without parameters, lower-cased (Go's `mime.ParseMediaType`). */
export function baseMediaType(contentType: string | undefined | null): string {
  if (contentType === undefined || contentType === null) return '';
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** Parses JSON bytes the way Go would accept them (no BOM, strict grammar) into an unknown value. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  // JSON.parse (native) accepts exactly what Go's scanner accepts, BOM and invalid UTF-8 included (both
  // refuse the first and take the second inside strings), except nesting deeper than Go's limit: bodies too
  // short to nest that deep skip our (interpreted, much slower) scanner unless JSON.parse refuses them,
  // and then the scanner supplies Go's wording of the error.
  if (bytes.length > SHALLOW_BYTES) scanJson(bytes);
  try {
    return JSON.parse(utf8(bytes)) as unknown;
  } catch (e) {
    scanJson(bytes);
    throw e;
  }
}

/** A body this short cannot nest past Go's 10000 levels (each level takes two bytes). */
const SHALLOW_BYTES = 20_000;

function invalid(message: string, hint?: string): StudioError {
  return new StudioError('MANIFEST_INVALID', message, {
    hint: hint ?? 'The registry returned a manifest that does not match its declared media type; the image may be damaged or produced by a non-conforming tool.',
  });
}

function bodyMediaType(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const mt = (body as Record<string, unknown>)['mediaType'];
  return typeof mt === 'string' ? mt : undefined;
}

function present(body: unknown, key: string): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const v = (body as Record<string, unknown>)[key];
  return v !== undefined && v !== null;
}

function validate<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) throw invalid(`invalid ${what}: ${describeZodError(r.error)}`);
  return r.data;
}

function unsupported(mediaType: string, body: unknown): StudioError {
  const declared = bodyMediaType(body);
  const sent = mediaType === '' ? 'no Content-Type' : `Content-Type "${mediaType}"`;
  const hint =
    mediaType === MediaType.DockerSchema1Signed
      ? 'This is a Docker schema1 manifest, which is not supported; rebuild or re-push the image with a current tool.'
      : declared !== undefined
        ? `The registry sent ${sent}, but the body declares mediaType "${declared}". The registry or a proxy in between rewrote the Content-Type header; fix its configuration.`
        : `The registry sent ${sent} and the body declares no mediaType, so the manifest kind is unknown.`;
  return new StudioError(
    'UNSUPPORTED_MEDIA_TYPE',
    `unsupported manifest media type and no default available: ${mediaType}`,
    { hint },
  );
}

/**
 * Validates manifest bytes against the media type given by the registry's Content-Type. Refuses bodies
 * over {@link MAX_MANIFEST_BYTES}. Never changes the bytes.
 */
export function parseManifest(bytes: Uint8Array, contentType: string | undefined | null): ParsedManifest {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new StudioError('MANIFEST_TOO_LARGE', `manifest too large: ${bytes.length} bytes (limit ${MAX_MANIFEST_BYTES})`, {
      hint: 'Registries and container runtimes refuse manifests over 4 MiB; this one cannot be used.',
    });
  }
  const mediaType = baseMediaType(contentType);
  let body: unknown;
  try {
    body = parseJsonBytes(bytes);
  } catch (e) {
    if (e instanceof JsonSyntaxError || e instanceof SyntaxError) {
      if (!isKnown(mediaType)) throw unsupported(mediaType, undefined);
      throw invalid(`invalid manifest JSON: ${e.message}`);
    }
    throw e;
  }
  const common = { bytes, digest: sha256Digest(bytes), size: bytes.length };
  const declared = bodyMediaType(body);
  switch (mediaType) {
    case MediaType.DockerManifest: {
      const manifest = validate(imageManifestSchema, body, 'image manifest');
      if (manifest.mediaType !== MediaType.DockerManifest) {
        throw invalid(`mediaType in manifest should be '${MediaType.DockerManifest}' not '${manifest.mediaType ?? ''}'`);
      }
      return { ...common, kind: 'image', mediaType, manifest };
    }
    case MediaType.OciManifest: {
      if (present(body, 'manifests')) throw invalid('ocimanifest: expected manifest but found manifest list');
      const manifest = validate(imageManifestSchema, body, 'image manifest');
      if (declared !== undefined && declared !== '' && declared !== MediaType.OciManifest) {
        throw invalid(`if present, mediaType in manifest should be '${MediaType.OciManifest}' not '${declared}'`);
      }
      return { ...common, kind: 'image', mediaType, manifest };
    }
    case MediaType.DockerManifestList: {
      const manifest = validate(imageIndexSchema, body, 'manifest list');
      if (manifest.mediaType !== MediaType.DockerManifestList) {
        throw invalid(`mediaType in manifest list should be '${MediaType.DockerManifestList}' not '${manifest.mediaType ?? ''}'`);
      }
      return { ...common, kind: 'list', mediaType, manifest };
    }
    case MediaType.OciIndex: {
      if (present(body, 'config') || present(body, 'layers')) throw invalid('index: expected index but found manifest');
      const manifest = validate(imageIndexSchema, body, 'image index');
      if (declared !== undefined && declared !== '' && declared !== MediaType.OciIndex) {
        throw invalid(`if present, mediaType in image index should be '${MediaType.OciIndex}' not '${declared}'`);
      }
      return { ...common, kind: 'list', mediaType, manifest };
    }
    default:
      throw unsupported(mediaType, body);
  }
}

function isKnown(mt: string): boolean {
  return (
    mt === MediaType.DockerManifest || mt === MediaType.OciManifest || mt === MediaType.DockerManifestList || mt === MediaType.OciIndex
  );
}
