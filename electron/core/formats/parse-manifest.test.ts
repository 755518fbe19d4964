import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { MAX_MANIFEST_BYTES, MediaType } from '../../../shared/oci';
import { fixtureBytes, verboseItems } from '../../../test/fixtures/docker/load';
import { sha256Digest } from './digest';
import { parseImageConfig, platformFromConfig } from './image-config';
import { parseManifest } from './parse-manifest';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const OCI_EXAMPLES = new URL('../../../test/fixtures/vectors/oci-examples/', import.meta.url).pathname;
const example = (name: string): Uint8Array => new Uint8Array(readFileSync(OCI_EXAMPLES + name));

function failure(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('expected a StudioError');
}

const desc = '{"mediaType":"a/b","size":1,"digest":"sha256:ab"}';
const ociImage = `{"schemaVersion":2,"config":${desc},"layers":[]}`;

describe('parseManifest', () => {
  it('parses every observed manifest under its media type, keeping the exact bytes and digest', () => {
    const items = [
      ...verboseItems('observed/inspect-local-list.verbose.json'),
      ...verboseItems('observed/inspect-remote-oci-index-with-attestation.verbose.json'),
    ];
    for (const item of items) {
      const parsed = parseManifest(item.raw, item.descriptor.mediaType);
      expect(parsed.kind).toBe('image');
      expect(parsed.mediaType).toBe(item.descriptor.mediaType);
      expect(parsed.digest).toBe(item.descriptor.digest);
      expect(parsed.size).toBe(item.descriptor.size);
      expect(parsed.bytes).toBe(item.raw);
    }
  });

  it('parses an OCI index with annotations and attestation entries', () => {
    const bytes = fixtureBytes('observed/registry-raw-oci-index-with-attestation.json');
    const parsed = parseManifest(bytes, 'application/vnd.oci.image.index.v1+json');
    expect(parsed.kind).toBe('list');
    if (parsed.kind !== 'list') return;
    expect(parsed.manifest.manifests).toHaveLength(3);
    expect(parsed.manifest.manifests[2]?.annotations?.['vnd.docker.reference.type']).toBe('attestation-manifest');
    expect(parsed.digest).toBe(sha256Digest(bytes));
  });

  it('parses the OCI spec examples (indexes, image and artifact manifests)', () => {
    expect(parseManifest(example('image-index--example-image-index.json'), MediaType.OciIndex).kind).toBe('list');
    expect(parseManifest(example('image-index--example-image-index-with-multiple-media-types.json'), MediaType.OciIndex).kind).toBe('list');
    for (const name of ['manifest--example-image-manifest.json', 'manifest--artifact-with-config.json', 'manifest--artifact-without-config.json']) {
      expect(parseManifest(example(name), MediaType.OciManifest).kind).toBe('image');
    }
  });

  it('ignores Content-Type parameters and case', () => {
    expect(parseManifest(enc(ociImage), 'Application/VND.oci.image.manifest.v1+json; charset=utf-8').mediaType).toBe(MediaType.OciManifest);
  });

  it('requires the schema2 body mediaType to match', () => {
    const e = failure(() => parseManifest(enc(ociImage), MediaType.DockerManifest));
    expect(e.code).toBe('MANIFEST_INVALID');
    expect(e.message).toBe(`mediaType in manifest should be '${MediaType.DockerManifest}' not ''`);
  });

  it('requires the Docker list body mediaType to match', () => {
    const body = `{"schemaVersion":2,"mediaType":"${MediaType.OciIndex}","manifests":[]}`;
    expect(failure(() => parseManifest(enc(body), MediaType.DockerManifestList)).message).toBe(
      `mediaType in manifest list should be '${MediaType.DockerManifestList}' not '${MediaType.OciIndex}'`,
    );
  });

  it('rejects an OCI manifest that carries manifests, and an OCI index with config/layers', () => {
    const withManifests = `{"schemaVersion":2,"config":${desc},"layers":[],"manifests":[]}`;
    expect(failure(() => parseManifest(enc(withManifests), MediaType.OciManifest)).message).toBe(
      'ocimanifest: expected manifest but found manifest list',
    );
    expect(failure(() => parseManifest(enc(ociImage), MediaType.OciIndex)).message).toBe('index: expected index but found manifest');
  });

  it('accepts a missing OCI mediaType but not a wrong one', () => {
    expect(parseManifest(enc('{"schemaVersion":2,"manifests":[]}'), MediaType.OciIndex).kind).toBe('list');
    const wrong = `{"schemaVersion":2,"mediaType":"${MediaType.DockerManifest}","config":${desc},"layers":[]}`;
    expect(failure(() => parseManifest(enc(wrong), MediaType.OciManifest)).message).toBe(
      `if present, mediaType in manifest should be '${MediaType.OciManifest}' not '${MediaType.DockerManifest}'`,
    );
  });

  it("uses docker's text for unsupported media types and explains a body that names its type", () => {
    const body = enc(`{"schemaVersion":2,"mediaType":"${MediaType.DockerManifest}","config":${desc},"layers":[]}`);
    const empty = failure(() => parseManifest(body, ''));
    expect(empty.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(empty.message).toBe('unsupported manifest media type and no default available: ');
    expect(empty.hint).toContain(`body declares mediaType "${MediaType.DockerManifest}"`);
    const json = failure(() => parseManifest(body, 'application/json; charset=utf-8'));
    expect(json.message).toBe('unsupported manifest media type and no default available: application/json');
    expect(json.hint).toContain('Content-Type "application/json"');
    const schema1 = failure(() => parseManifest(enc('{"schemaVersion":1}'), MediaType.DockerSchema1Signed));
    expect(schema1.message).toBe(`unsupported manifest media type and no default available: ${MediaType.DockerSchema1Signed}`);
    expect(schema1.hint).toContain('schema1');
  });

  it('rejects invalid JSON, a BOM, and wrong field types', () => {
    expect(failure(() => parseManifest(enc('{"schemaVersion":2,'), MediaType.OciManifest)).code).toBe('MANIFEST_INVALID');
    expect(failure(() => parseManifest(enc(`\ufeff${ociImage}`), MediaType.OciManifest)).message).toContain("invalid character 'ï'");
    const badSize = `{"schemaVersion":2,"config":{"mediaType":"a","size":"1","digest":"sha256:ab"},"layers":[]}`;
    expect(failure(() => parseManifest(enc(badSize), MediaType.OciManifest)).message).toMatch(/^invalid image manifest: config\.size: /);
  });

  it('refuses manifests over 4 MiB and accepts exactly 4 MiB', () => {
    const exact = new Uint8Array(MAX_MANIFEST_BYTES).fill(0x20);
    exact.set(enc(ociImage));
    expect(parseManifest(exact, MediaType.OciManifest).size).toBe(MAX_MANIFEST_BYTES);
    const over = new Uint8Array(MAX_MANIFEST_BYTES + 1).fill(0x20);
    over.set(enc(ociImage));
    expect(failure(() => parseManifest(over, MediaType.OciManifest)).code).toBe('MANIFEST_TOO_LARGE');
  });
});

describe('image config', () => {
  it('reads the OCI example config', () => {
    const bytes = example('config--example-image-config.json');
    expect(platformFromConfig(bytes)).toEqual({ architecture: 'amd64', os: 'linux' });
    const config = parseImageConfig(bytes);
    expect(config.config?.Entrypoint).toEqual(['/bin/my-app-binary']);
    expect(config.config?.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(config.config?.Labels?.['com.example.project.git.url']).toBe('https://example.com/project.git');
    expect(config.history).toHaveLength(3);
    expect(config.rootfs?.diff_ids).toHaveLength(2);
  });

  it('copies platform keys verbatim, without normalising', () => {
    const bytes = enc('{"architecture":"arm64","os":"linux","variant":"v8","os.version":"10.0.1","os.features":["win32k"],"config":{"Cmd":null}}');
    expect(platformFromConfig(bytes)).toEqual({ architecture: 'arm64', os: 'linux', variant: 'v8', 'os.version': '10.0.1', 'os.features': ['win32k'] });
    expect(platformFromConfig(enc('{"os.features":[],"variant":""}'))).toEqual({ architecture: '', os: '' });
  });

  it('rejects invalid configs with MANIFEST_INVALID', () => {
    expect(failure(() => parseImageConfig(enc('{'))).code).toBe('MANIFEST_INVALID');
    expect(failure(() => parseImageConfig(enc('{"config":{"Cmd":"sh"}}'))).message).toMatch(/^invalid image config: config\.Cmd/);
  });
});
