import type { DescriptorDto, DraftEntryDto, DraftView, ImageView, ListRow, ListView, PlatformDto } from '../../../shared/model';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** A deterministic fake sha256 digest from a label (tests and the dev page only). */
export function fakeDigest(label: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${label}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}

/** `host:5000/team/app:1.2` → `host:5000/team/app` (the tag sits after the last slash). */
export function repoOf(ref: string): string {
  const slash = ref.lastIndexOf('/');
  const tail = ref.slice(slash + 1).replace(/[:@].*$/, '');
  return ref.slice(0, slash + 1) + tail;
}

export function imageView(ref: string, platform: PlatformDto, layerCount = 3): ImageView {
  const digest = fakeDigest(`${ref}/${JSON.stringify(platform)}`);
  const layers = Array.from({ length: layerCount }, (_, i) => ({
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    digest: fakeDigest(`${digest}/layer${i}`),
    size: 1_000_000 * (i + 1) + 1234,
  }));
  const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config: {}, layers };
  return {
    ref: `${repoOf(ref)}@${digest}`,
    descriptor: { mediaType: OCI_MANIFEST, digest, size: 900, platform },
    rawText: JSON.stringify(manifest),
    layers,
    totalSize: layers.reduce((n, l) => n + l.size, 0),
    config: {
      created: '2024-05-01T12:00:00Z',
      platform,
      entrypoint: ['/bin/app'],
      cmd: ['--serve'],
      env: ['PATH=/usr/bin:/bin', 'APP_MODE=prod'],
      labels: { 'org.opencontainers.image.source': 'https://example.com/app' },
      user: 'app',
      workingDir: '/srv',
      exposedPorts: ['8080/tcp'],
      history: [
        { created: '2024-05-01T11:00:00Z', createdBy: '/bin/sh -c #(nop) ADD file:abc in /' },
        { created: '2024-05-01T11:30:00Z', createdBy: '/bin/sh -c #(nop) ENV APP_MODE=prod', emptyLayer: true },
      ],
    },
    configDigest: fakeDigest(`${digest}/config`),
    configText: JSON.stringify({ architecture: platform.architecture, os: platform.os }),
  };
}

export const TWELVE_PLATFORMS: PlatformDto[] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'arm', variant: 'v6' },
  { os: 'linux', architecture: '386' },
  { os: 'linux', architecture: 'ppc64le' },
  { os: 'linux', architecture: 's390x' },
  { os: 'linux', architecture: 'riscv64' },
  { os: 'linux', architecture: 'mips64le' },
  { os: 'linux', architecture: 'loong64' },
  { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5329' },
  { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227', 'os.features': ['win32k'] },
];

export function attestationDescriptor(forDigest: string): DescriptorDto {
  return {
    mediaType: OCI_MANIFEST,
    digest: fakeDigest(`att/${forDigest}`),
    size: 840,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': forDigest },
  };
}

/** A list as main sends it: rows per platform, attestations folded in by main for the first `attested` rows. */
export function listView(ref: string, platforms: PlatformDto[] = TWELVE_PLATFORMS, attested = 2): ListView {
  const rows: ListRow[] = platforms.map((p, i) => {
    const image = imageView(ref, p, 2 + (i % 4));
    const attestations =
      i < attested
        ? [
            {
              descriptor: attestationDescriptor(image.descriptor.digest),
              predicateTypes: ['https://slsa.dev/provenance/v0.2', 'https://spdx.dev/Document'],
            },
          ]
        : [];
    return { descriptor: image.descriptor, image, attestations };
  });
  const descriptors = rows.map((r) => r.descriptor);
  const rawText = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: descriptors });
  return {
    ref,
    descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', digest: fakeDigest(`list/${ref}`), size: rawText.length },
    rawText,
    rows,
    others: [],
  };
}

export function draftEntry(imageRef: string, platform: PlatformDto, configPlatform: PlatformDto = platform): DraftEntryDto {
  const img = imageView(imageRef, configPlatform);
  return {
    ref: img.ref,
    descriptor: { ...img.descriptor, platform },
    rawText: img.rawText,
    configPlatform,
  };
}

export function draftView(ref: string, entries: DraftEntryDto[], over: Partial<DraftView> = {}): DraftView {
  return {
    id: ref.replace(/\//g, '_').replace(/:/g, '-'),
    ref,
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    mediaTypeChosen: false,
    annotations: {},
    entries,
    listDigest: entries.length > 0 ? fakeDigest(`draft/${ref}/${entries.map((e) => e.ref).join(',')}`) : undefined,
    problems: [],
    ...over,
  };
}
