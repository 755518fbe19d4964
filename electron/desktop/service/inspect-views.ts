import type { DescriptorDto, ImageView, InspectResult, ListRow, ListView } from '../../../shared/model';
import { AttestationAnnotation, type Descriptor } from '../../../shared/oci';
import { type ImageConfig, parseImageConfig } from '../../core/formats';
import type { ImageConfigDto } from '../../../shared/model';
import { type Fetched, type FetchedImage, type FetchedList, toDescriptor } from '../../core/operations';

const text = new TextDecoder();

/** Turns what was fetched into the plain data the window shows. */
export function toInspectResult(fetched: Fetched): InspectResult {
  return fetched.kind === 'image' ? { kind: 'image', image: imageView(fetched.image) } : { kind: 'list', list: listView(fetched.list) };
}

export function imageView(image: FetchedImage, listDescriptor?: Descriptor): ImageView {
  const layers = (image.parsed.layers ?? []).map((l) => pick(toDescriptor(l)));
  const descriptor: DescriptorDto = {
    ...(listDescriptor ? pick(listDescriptor) : {}),
    mediaType: image.manifest.mediaType,
    digest: image.manifest.digest,
    size: image.manifest.size,
  };
  const platform = listDescriptor?.platform ?? image.configPlatform;
  if (platform) descriptor.platform = platform;
  const view: ImageView = {
    ref: image.ref,
    descriptor,
    rawText: text.decode(image.manifest.bytes),
    layers,
    totalSize: layers.reduce((n, l) => n + l.size, image.parsed.config?.size ?? 0),
  };
  if (image.config) {
    view.configDigest = image.config.digest;
    view.configText = text.decode(image.config.bytes);
    const config = safeConfig(image.config.bytes);
    if (config) view.config = config;
  }
  return view;
}

function safeConfig(bytes: Uint8Array): ImageView['config'] {
  try {
    return configDto(parseImageConfig(bytes));
  } catch {
    // Attestation and artifact configs are not image configs; the raw text is still shown.
    return undefined;
  }
}

export function isAttestation(d: Descriptor): boolean {
  return d.annotations?.[AttestationAnnotation.type] === AttestationAnnotation.attestationManifest;
}

/**
 * One row per platform image, with BuildKit attestations folded under the image they describe (never as
 * `unknown/unknown` rows). Anything else (nested indexes, artifacts, orphaned attestations) goes to `others`.
 */
export function listView(list: FetchedList): ListView {
  const rows: ListRow[] = [];
  const byDigest = new Map<string, ListRow>();
  const others: DescriptorDto[] = [];
  for (const child of list.children) {
    if (isAttestation(child.descriptor)) continue;
    if (!child.image && !child.error) {
      others.push(pick(child.descriptor));
      continue;
    }
    const row: ListRow = { descriptor: pick(child.descriptor), attestations: [] };
    if (child.image) row.image = imageView(child.image, child.descriptor);
    if (child.error) row.error = child.error.message;
    rows.push(row);
    byDigest.set(child.descriptor.digest, row);
  }
  for (const child of list.children) {
    if (!isAttestation(child.descriptor)) continue;
    const subject = child.descriptor.annotations?.[AttestationAnnotation.digest];
    const row = subject === undefined ? undefined : byDigest.get(subject);
    if (!row) {
      others.push(pick(child.descriptor));
      continue;
    }
    const predicateTypes = (child.image?.parsed.layers ?? [])
      .map((l) => l.annotations?.['in-toto.io/predicate-type'])
      .filter((t): t is string => typeof t === 'string');
    row.attestations.push({ descriptor: pick(child.descriptor), predicateTypes });
  }
  const view: ListView = {
    ref: list.ref,
    descriptor: { mediaType: list.manifest.mediaType, digest: list.manifest.digest, size: list.manifest.size },
    rawText: text.decode(list.manifest.bytes),
    rows,
    others,
  };
  if (list.parsed.annotations) view.annotations = list.parsed.annotations;
  return view;
}

/** The parts of an image config the inspector shows, named for people rather than for Go structs. */
export function configDto(c: ImageConfig): ImageConfigDto {
  const platform: ImageConfigDto['platform'] = { architecture: c.architecture ?? '', os: c.os ?? '' };
  if (c.variant) platform.variant = c.variant;
  if (c['os.version']) platform['os.version'] = c['os.version'];
  if (c['os.features']?.length) platform['os.features'] = c['os.features'];
  const dto: ImageConfigDto = { platform };
  const inner = c.config ?? undefined;
  if (c.created) dto.created = c.created;
  if (c.author) dto.author = c.author;
  if (inner?.Entrypoint) dto.entrypoint = inner.Entrypoint;
  if (inner?.Cmd) dto.cmd = inner.Cmd;
  if (inner?.Env) dto.env = inner.Env;
  if (inner?.Labels) dto.labels = inner.Labels;
  if (inner?.User) dto.user = inner.User;
  if (inner?.WorkingDir) dto.workingDir = inner.WorkingDir;
  if (inner?.ExposedPorts) dto.exposedPorts = Object.keys(inner.ExposedPorts);
  if (c.history) {
    dto.history = c.history.map((h) => {
      const item: NonNullable<ImageConfigDto['history']>[number] = {};
      if (h.created) item.created = h.created;
      if (h.created_by) item.createdBy = h.created_by;
      if (h.comment) item.comment = h.comment;
      if (h.empty_layer) item.emptyLayer = true;
      return item;
    });
  }
  return dto;
}

/** Copies only the descriptor fields the model knows, so nothing unexpected crosses IPC. */
export function pick(d: Descriptor): DescriptorDto {
  const out: DescriptorDto = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.urls) out.urls = d.urls;
  if (d.annotations) out.annotations = d.annotations;
  if (d.platform) out.platform = d.platform;
  if (d.artifactType) out.artifactType = d.artifactType;
  return out;
}
