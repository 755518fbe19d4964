import { describe, expect, it } from 'vitest';
import { MediaType } from '../../../shared/oci';
import { fixtureBytes, fixtureText, GOLDEN, verboseItems } from '../../../test/fixtures/docker/load';
import { buildIndex } from './build-index';
import { sha256Digest } from './digest';
import { buildDockerList, formatInspectImage, formatInspectList, formatVerbose, type ListEntry } from './docker-format';

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

/** The list entries docker builds from draft entries (mediaType, size, digest, platform). */
function listEntries(path: string): ListEntry[] {
  return verboseItems(path).map(({ descriptor: d }) => ({ mediaType: d.mediaType, size: d.size, digest: d.digest, platform: d.platform }));
}

describe('fixture consistency', () => {
  it('every verbose fixture Raw hashes to its descriptor digest', () => {
    const files = [
      'observed/inspect-local-list.verbose.json',
      'observed/inspect-remote-docker-v2-image.verbose.json',
      'observed/inspect-remote-oci-index-with-attestation.verbose.json',
      `${GOLDEN}/inspect-annotate.golden`,
    ];
    for (const item of files.flatMap(verboseItems)) {
      expect(sha256Digest(item.raw)).toBe(item.descriptor.digest);
      expect(item.raw.length).toBe(item.descriptor.size);
    }
  });
});

describe('formatInspectImage', () => {
  it('prints a stored schema2 entry exactly as docker inspects it', () => {
    const [item] = verboseItems('observed/inspect-remote-docker-v2-image.verbose.json');
    expect(formatInspectImage(item!.raw)).toBe(fixtureText('observed/inspect-remote-docker-v2-image.json'));
  });

  it('prints an OCI manifest exactly as docker does', () => {
    const arm64 = verboseItems('observed/inspect-local-list.verbose.json').find((i) => i.kind === 'OCIManifest');
    expect(formatInspectImage(arm64!.raw)).toBe(fixtureText('observed/inspect-remote-oci-image.json'));
  });

  it("matches docker/cli's inspect-manifest.golden", () => {
    const [item] = verboseItems(`${GOLDEN}/inspect-annotate.golden`);
    expect(formatInspectImage(item!.raw)).toBe(fixtureText(`${GOLDEN}/inspect-manifest.golden`));
  });
});

describe('formatInspectList / buildDockerList', () => {
  it('rebuilds the local draft list docker printed, and the bytes docker pushed', () => {
    const entries = listEntries('observed/inspect-local-list.verbose.json');
    expect(formatInspectList(entries)).toBe(fixtureText('observed/inspect-local-list.json'));
    const built = buildDockerList(entries);
    expect(Buffer.compare(built.bytes, fixtureBytes('observed/pushed-manifest-list-body.json'))).toBe(0);
    expect(built.mediaType).toBe(MediaType.DockerManifestList);
    const lastLine = fixtureText('observed/push-stdout.txt').trim().split('\n').pop();
    expect(built.digest).toBe(lastLine);
  });

  it('reconstructs a remote OCI index with attestation: OCI type from the first entry, annotations gone', () => {
    const raw = JSON.parse(fixtureText('observed/registry-raw-oci-index-with-attestation.json')) as { manifests: ListEntry[] };
    const entries = raw.manifests.map(({ mediaType, size, digest, platform }) => ({ mediaType, size, digest, platform }));
    expect(formatInspectList(entries)).toBe(fixtureText('observed/inspect-remote-oci-index-with-attestation.json'));
  });

  it('reproduces the remote Docker list reconstruction', () => {
    const shown = JSON.parse(fixtureText('observed/inspect-remote-docker-manifest-list.json')) as { manifests: ListEntry[] };
    expect(formatInspectList(shown.manifests)).toBe(fixtureText('observed/inspect-remote-docker-manifest-list.json'));
  });

  it("matches docker/cli's inspect-manifest-list.golden (duplicate digests kept)", () => {
    const e: ListEntry = {
      mediaType: MediaType.DockerManifest,
      size: 528,
      digest: 'sha256:1072e499f3f655a032e88542330cf75b02e7bdf673278f701d7ba61629ee3ebe',
      platform: { architecture: 'amd64', os: 'linux' },
    };
    expect(formatInspectList([e, e])).toBe(fixtureText(`${GOLDEN}/inspect-manifest-list.golden`));
  });

  it('prints an empty draft as "manifests": [] and always writes architecture/os', () => {
    expect(formatInspectList([])).toBe(
      '{\n   "schemaVersion": 2,\n   "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",\n   "manifests": []\n}\n',
    );
    const built = text(buildDockerList([{ mediaType: MediaType.DockerManifest, size: 1, digest: 'sha256:ab' }]).bytes);
    expect(built).toContain('"platform": {\n            "architecture": "",\n            "os": ""\n         }');
  });

  it('orders platform keys like distribution and keeps CPU features', () => {
    const built = text(
      buildDockerList([
        {
          mediaType: MediaType.OciManifest,
          size: 5,
          digest: 'sha256:ab',
          platform: { variant: 'v8', features: ['sse4'], 'os.features': ['f'], 'os.version': '1', os: 'linux', architecture: 'arm64' },
        },
      ]).bytes,
    );
    const keys = [...built.matchAll(/"([a-zA-Z.]+)":/g)].map((m) => m[1]);
    expect(keys).toEqual(['schemaVersion', 'mediaType', 'manifests', 'mediaType', 'size', 'digest', 'platform', 'architecture', 'os', 'os.version', 'os.features', 'variant', 'features']);
    expect(built).toContain('"mediaType": "application/vnd.oci.image.index.v1+json"');
  });
});

describe('formatVerbose', () => {
  it('prints a single manifest exactly as docker --verbose', () => {
    const [item] = verboseItems('observed/inspect-remote-docker-v2-image.verbose.json');
    expect(formatVerbose(item!)).toBe(fixtureText('observed/inspect-remote-docker-v2-image.verbose.json'));
  });

  it('prints a local draft (mixed schema2/OCI, os.features, os.version) as a tab-indented array', () => {
    const items = verboseItems('observed/inspect-local-list.verbose.json');
    expect(formatVerbose(items)).toBe(fixtureText('observed/inspect-local-list.verbose.json'));
    // The payload key follows the descriptor media type when no kind is given.
    expect(formatVerbose(items.map(({ kind: _kind, ...rest }) => rest))).toBe(fixtureText('observed/inspect-local-list.verbose.json'));
  });

  it('prints a remote index with attestation (2-space raw, layer annotations preserved)', () => {
    const items = verboseItems('observed/inspect-remote-oci-index-with-attestation.verbose.json');
    expect(formatVerbose(items)).toBe(fixtureText('observed/inspect-remote-oci-index-with-attestation.verbose.json'));
  });

  it("matches docker/cli's inspect-annotate.golden", () => {
    const items = verboseItems(`${GOLDEN}/inspect-annotate.golden`);
    expect(formatVerbose(items[0]!)).toBe(fixtureText(`${GOLDEN}/inspect-annotate.golden`));
  });

  it('escapes HTML characters inside the embedded manifest and writes descriptor extras in image-spec order', () => {
    const raw = new TextEncoder().encode('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","annotations":{"a":"<&>"}}');
    const out = formatVerbose({
      ref: 'r:1',
      descriptor: {
        mediaType: MediaType.OciManifest,
        digest: sha256Digest(raw),
        size: raw.length,
        artifactType: 'x/y',
        platform: { architecture: 'amd64', os: 'linux', features: ['dropped'] },
        annotations: { z: '1', a: '2' },
        urls: ['u'],
      },
      raw,
    });
    expect(out).toContain('"a": "\\u003c\\u0026\\u003e"');
    const keys = [...out.matchAll(/^\t\t"([a-zA-Z]+)"/gm)].map((m) => m[1]);
    expect(keys).toEqual(['mediaType', 'digest', 'size', 'urls', 'annotations', 'platform', 'artifactType', 'schemaVersion', 'mediaType', 'annotations']);
    expect(out).not.toContain('dropped');
    expect(out.indexOf('"a": "2"')).toBeLessThan(out.indexOf('"z": "1"'));
  });
});

describe('buildIndex', () => {
  const descriptors = verboseItems('observed/inspect-local-list.verbose.json').map((i) => i.descriptor);

  it('builds a Docker list byte-identical to what docker pushed', () => {
    const built = buildIndex({ mediaType: MediaType.DockerManifestList, manifests: descriptors });
    expect(Buffer.compare(built.bytes, fixtureBytes('observed/pushed-manifest-list-body.json'))).toBe(0);
    expect(built.digest).toBe(fixtureText('observed/push-stdout.txt').trim().split('\n').pop());
  });

  it('keeps the chosen Docker type even when the first entry is OCI (docker would switch)', () => {
    const built = buildIndex({ mediaType: MediaType.DockerManifestList, manifests: [descriptors[2]!] });
    expect(built.mediaType).toBe(MediaType.DockerManifestList);
    expect(text(built.bytes)).toContain(`"mediaType": "${MediaType.DockerManifestList}"`);
  });

  it('refuses annotations in a Docker list', () => {
    expect(() =>
      buildIndex({ mediaType: MediaType.DockerManifestList, manifests: [{ ...descriptors[0]!, annotations: { a: 'b' } }] }),
    ).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('builds an OCI index with sorted descriptor and index annotations', () => {
    const built = buildIndex({
      mediaType: MediaType.OciIndex,
      manifests: [{ ...descriptors[1]!, annotations: { 'org.b': '2', 'org.a': '<1>' } }],
      annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
    });
    expect(text(built.bytes)).toBe(`{
   "schemaVersion": 2,
   "mediaType": "application/vnd.oci.image.index.v1+json",
   "manifests": [
      {
         "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
         "size": 522,
         "digest": "sha256:8c2bc69963214f3834de493d67b8b8a66c4afd1a2d3043c031ab31bed4be6059",
         "annotations": {
            "org.a": "\\u003c1\\u003e",
            "org.b": "2"
         },
         "platform": {
            "architecture": "arm",
            "os": "linux",
            "variant": "v7"
         }
      }
   ],
   "annotations": {
      "org.opencontainers.image.created": "2024-01-01T00:00:00Z"
   }
}`);
    expect(built.digest).toBe(sha256Digest(built.bytes));
  });

  it('an OCI index without extras equals the index docker would build', () => {
    const oci = descriptors.filter((d) => d.mediaType === MediaType.OciManifest);
    expect(text(buildIndex({ mediaType: MediaType.OciIndex, manifests: oci }).bytes)).toBe(text(buildDockerList(oci).bytes));
  });
});
