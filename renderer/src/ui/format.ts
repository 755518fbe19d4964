import { MediaType } from '../../../shared/oci';

/** `sha256:0123456789ab` — enough to tell digests apart at a glance; the full value is one click away. */
export function shortDigest(digest: string, hexChars = 12): string {
  const i = digest.indexOf(':');
  if (i < 0) return digest.slice(0, hexChars);
  return `${digest.slice(0, i + 1)}${digest.slice(i + 1, i + 1 + hexChars)}`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${v} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${UNITS[u]}`;
}

/** ISO timestamp shown as `2024-05-01 13:45` (UTC, so every user sees the registry's value). */
export function formatDate(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

export type MediaKind = 'docker-list' | 'oci-index' | 'docker-image' | 'oci-image' | 'other';

export function mediaKind(mediaType: string): MediaKind {
  switch (mediaType) {
    case MediaType.DockerManifestList:
      return 'docker-list';
    case MediaType.OciIndex:
      return 'oci-index';
    case MediaType.DockerManifest:
      return 'docker-image';
    case MediaType.OciManifest:
      return 'oci-image';
    default:
      return 'other';
  }
}

export function mediaKindLabel(mediaType: string): string {
  switch (mediaKind(mediaType)) {
    case 'docker-list':
      return 'Docker manifest list';
    case 'oci-index':
      return 'OCI image index';
    case 'docker-image':
      return 'Docker image';
    case 'oci-image':
      return 'OCI image';
    default:
      return mediaType;
  }
}

/** Short name of a layer media type: `tar+gzip`, `tar+zstd`, `foreign tar+gzip`. */
export function layerKind(mediaType: string): string {
  const foreign = mediaType.includes('foreign') || mediaType.includes('nondistributable');
  const m = /(tar(?:\.|\+)?(gzip|zstd)?)/.exec(mediaType);
  const base = m === null ? mediaType : m[2] !== undefined ? `tar+${m[2]}` : 'tar';
  return foreign ? `foreign ${base}` : base;
}

export function joinOrDash(values: readonly string[] | undefined, sep = ', '): string {
  return values === undefined || values.length === 0 ? '—' : values.join(sep);
}
