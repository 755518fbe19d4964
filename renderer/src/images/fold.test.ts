import { describe, expect, it } from 'vitest';
import type { ListView } from '../../../shared/model';
import { attestationDescriptor, listView } from '../testing/fixtures';
import { attestationBadgeText, attestationLabels, foldList } from './fold';

describe('foldList', () => {
  it('keeps the attestations main folded and counts only platform images as rows', () => {
    const folded = foldList(listView('reg/app:1'));
    expect(folded.rows).toHaveLength(12);
    expect(folded.rows[0]?.attestations[0]?.labels).toEqual(['provenance', 'SBOM']);
    expect(attestationBadgeText(folded.rows[0]?.attestations ?? [])).toBe('provenance/SBOM');
    expect(folded.rows[5]?.attestations).toEqual([]);
    expect(folded.others).toEqual([]);
  });

  it('folds attestation rows that arrive unfolded under the image they name, never as unknown/unknown', () => {
    const base = listView('reg/app:1', undefined, 0);
    const target = base.rows[3]!.descriptor.digest;
    const stray = attestationDescriptor(target);
    const orphan = attestationDescriptor('sha256:' + 'f'.repeat(64));
    const list: ListView = {
      ...base,
      rows: [...base.rows, { descriptor: stray, attestations: [] }, { descriptor: orphan, attestations: [] }],
    };
    const folded = foldList(list);
    expect(folded.rows).toHaveLength(12);
    expect(folded.rows.some((r) => r.platform?.os === 'unknown')).toBe(false);
    expect(folded.rows[3]?.attestations.map((a) => a.digest)).toEqual([stray.digest]);
    // An attestation for an image that is not in the list is listed apart, not dropped and not a platform.
    expect(folded.others.map((d) => d.digest)).toEqual([orphan.digest]);
  });

  it('moves a plain unknown/unknown entry to "other entries"', () => {
    const base = listView('reg/app:1', [{ os: 'linux', architecture: 'amd64' }], 0);
    const odd = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:' + 'a'.repeat(64), size: 1, platform: { os: 'unknown', architecture: 'unknown' } };
    const folded = foldList({ ...base, rows: [...base.rows, { descriptor: odd, attestations: [] }] });
    expect(folded.rows).toHaveLength(1);
    expect(folded.others).toEqual([odd]);
  });
});

describe('attestationLabels', () => {
  it('names well-known predicates and falls back to the last path segment', () => {
    expect(attestationLabels(['https://slsa.dev/provenance/v1'])).toEqual(['provenance']);
    expect(attestationLabels(['https://cyclonedx.org/bom'])).toEqual(['SBOM']);
    expect(attestationLabels(['https://example.com/custom/thing'])).toEqual(['thing']);
    expect(attestationLabels([])).toEqual(['attestation']);
  });
});
