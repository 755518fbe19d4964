import { AttestationAnnotation } from '../../../shared/oci';
import type { DescriptorDto, ImageView, ListRow, ListView, PlatformDto } from '../../../shared/model';

export interface AttestationInfo {
  digest: string;
  predicateTypes: string[];
  /** Short names: `provenance`, `SBOM`, or the predicate's last path segment. */
  labels: string[];
}

/** One row of the matrix: a platform image, with the attestations that describe it folded in. */
export interface MatrixRow {
  id: string;
  descriptor: DescriptorDto;
  platform: PlatformDto | undefined;
  image: ImageView | undefined;
  error: string | undefined;
  attestations: AttestationInfo[];
}

export interface FoldedList {
  rows: MatrixRow[];
  /** Entries that are neither platform images nor attestations of one we can place. */
  others: DescriptorDto[];
}

/** Names a person knows for in-toto predicate types. */
export function predicateLabel(type: string): string {
  const t = type.toLowerCase();
  if (t.includes('slsa.dev/provenance')) return 'provenance';
  if (t.includes('spdx') || t.includes('cyclonedx')) return 'SBOM';
  if (t.includes('vuln')) return 'vulnerabilities';
  const tail = type.replace(/\/+$/, '').split('/').pop();
  return tail === undefined || tail === '' ? 'attestation' : tail;
}

export function attestationLabels(predicateTypes: readonly string[]): string[] {
  if (predicateTypes.length === 0) return ['attestation'];
  return [...new Set(predicateTypes.map(predicateLabel))];
}

function isAttestation(d: DescriptorDto): boolean {
  return d.annotations?.[AttestationAnnotation.type] === AttestationAnnotation.attestationManifest;
}

function isUnknownPlatform(p: PlatformDto | undefined): boolean {
  return p === undefined || (p.os === 'unknown' && p.architecture === 'unknown');
}

/**
 * Main already folds BuildKit attestations under their image; this repeats the rule defensively so the
 * matrix can never show an `unknown/unknown` row, whatever an older main or an odd registry sends: an
 * attestation row joins the image whose digest it names, and anything still without a platform goes to
 * "other entries", where it is listed but not counted as a platform.
 */
export function foldList(list: ListView): FoldedList {
  const images: ListRow[] = [];
  const strays: ListRow[] = [];
  for (const row of list.rows) (isAttestation(row.descriptor) ? strays : images).push(row);

  const rows: MatrixRow[] = [];
  const others: DescriptorDto[] = [...list.others];
  for (const r of images) {
    if (isUnknownPlatform(r.descriptor.platform)) {
      others.push(r.descriptor);
      continue;
    }
    rows.push({
      id: r.descriptor.digest,
      descriptor: r.descriptor,
      platform: r.descriptor.platform,
      image: r.image,
      error: r.error,
      attestations: r.attestations.map((a) => ({
        digest: a.descriptor.digest,
        predicateTypes: a.predicateTypes,
        labels: attestationLabels(a.predicateTypes),
      })),
    });
  }
  for (const s of strays) {
    const target = s.descriptor.annotations?.[AttestationAnnotation.digest];
    const owner = rows.find((r) => r.descriptor.digest === target);
    if (owner === undefined) {
      others.push(s.descriptor);
    } else if (!owner.attestations.some((a) => a.digest === s.descriptor.digest)) {
      owner.attestations.push({ digest: s.descriptor.digest, predicateTypes: [], labels: ['attestation'] });
    }
  }
  return { rows, others };
}

/** `provenance/SBOM` for a row's badge; undefined when it has none. */
export function attestationBadgeText(atts: readonly AttestationInfo[]): string | undefined {
  if (atts.length === 0) return undefined;
  return [...new Set(atts.flatMap((a) => a.labels))].join('/');
}
