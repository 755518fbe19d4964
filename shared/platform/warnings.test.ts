/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import vectorsText from '../../test/fixtures/vectors/platform-valid-os-arch.json?raw';
import type { Platform } from '../oci';
import { parsePlatform, platformWarnings, type PlatformWarning } from './index';

const osArch = z.object({ os: z.string(), architecture: z.string() });
const vectors = z.object({ pairs: z.array(osArch), rejectedExamples: z.array(osArch) }).parse(JSON.parse(vectorsText));

const warn = (s: string, config?: string): PlatformWarning[] =>
  platformWarnings(parsePlatform(s), config === undefined ? undefined : parsePlatform(config));
const fields = (s: string, config?: string): string[] => warn(s, config).map((w) => w.field);

describe('platformWarnings: clean platforms', () => {
  it.each(vectors.pairs.map((p) => [`${p.os}/${p.architecture}`, p] as const))('%s has nothing to say', (_l, p) => {
    const platform: Platform = { ...p };
    // arm is the one architecture where "no variant" is worth a remark.
    if (p.architecture === 'arm') platform.variant = 'v7';
    expect(platformWarnings(platform)).toEqual([]);
  });

  it.each(['linux/arm/v5', 'linux/arm/v6', 'linux/arm/v8', 'linux/arm64/v8', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4'])(
    '%s is a conventional variant',
    (s) => expect(warn(s)).toEqual([]),
  );
});

describe('platformWarnings: pairs docker refuses', () => {
  it.each(vectors.rejectedExamples.map((p) => [`${p.os}/${p.architecture}`, p] as const))('%s gets a warning', (_l, p) => {
    const w = platformWarnings({ ...p });
    expect(w.length).toBeGreaterThan(0);
    expect(w.some((x) => x.field === 'architecture' || x.field === 'os')).toBe(true);
  });

  it('says what docker would do for a real architecture outside the table', () => {
    const [w, ...rest] = warn('linux/loong64');
    expect(rest).toEqual([]);
    expect(w?.field).toBe('architecture');
    expect(w?.message).toContain('docker manifest annotate refuses');
    expect(w?.message).toContain('manifest entry for image has unsupported os/arch combination: linux/loong64');
    expect(w?.message).toContain('create and push');
    expect(w?.fix).toBeUndefined();
  });

  it('blames the os when the os is unknown to docker', () => {
    expect(fields('unknown/unknown')).toEqual(['os']);
    expect(fields('windows/arm64')).toEqual(['architecture']);
  });

  it('warns about empty os or architecture', () => {
    expect(platformWarnings({ os: '', architecture: 'amd64' }).map((w) => w.field)).toEqual(['os']);
    expect(platformWarnings({ os: 'linux', architecture: '' }).map((w) => w.field)).toEqual(['architecture']);
  });
});

describe('platformWarnings: common misspellings', () => {
  it.each<[string, PlatformWarning['fix']]>([
    ['linux/x86_64', { architecture: 'amd64' }],
    ['linux/aarch64', { architecture: 'arm64' }],
    ['linux/armv7l', { architecture: 'arm', variant: 'v7' }],
    ['linux/armv7', { architecture: 'arm', variant: 'v7' }],
    ['linux/armhf', { architecture: 'arm', variant: 'v7' }],
    ['linux/armv6l', { architecture: 'arm', variant: 'v6' }],
    ['linux/i386', { architecture: '386' }],
    ['linux/AMD64', { architecture: 'amd64' }],
  ])('%s → %j', (s, fix) => {
    const w = warn(s);
    expect(w).toHaveLength(1);
    expect(w[0]?.field).toBe('architecture');
    expect(w[0]?.fix).toEqual(fix);
    expect(w[0]?.message).toContain('not an OCI architecture name');
  });

  it.each([
    ['Linux/amd64', 'linux'],
    ['macos/arm64', 'darwin'],
    ['Windows/amd64', 'windows'],
  ])('%s → os %s, reported once', (s, os) => {
    const w = warn(s);
    expect(w).toEqual([expect.objectContaining({ field: 'os', fix: { os } })]);
  });

  it('an os typo with an architecture outside the table gets both remarks', () => {
    expect(fields('Linux/loong64')).toEqual(['os', 'architecture']);
  });
});

describe('platformWarnings: unconventional variants', () => {
  it.each<[string, string | undefined]>([
    ['linux/arm/7', 'v7'],
    ['linux/arm/V7', 'v7'],
    ['linux/arm/armv6', 'v6'],
    ['linux/arm/v9', undefined],
    ['linux/arm/banana', undefined],
    ['linux/arm64/v9', undefined],
    ['linux/arm64/8', 'v8'],
    ['linux/amd64/v5', undefined],
    ['linux/amd64/3', 'v3'],
  ])('%s (suggest %s)', (s, suggestion) => {
    const w = warn(s);
    expect(w).toHaveLength(1);
    expect(w[0]?.field).toBe('variant');
    expect(w[0]?.message).toContain('not a conventional');
    expect(w[0]?.fix).toEqual(suggestion === undefined ? undefined : { variant: suggestion });
  });

  it('remarks on arm without a variant, amd64 v1, and variants on architectures that have none', () => {
    expect(warn('linux/arm')).toEqual([expect.objectContaining({ field: 'variant', message: expect.stringContaining('v7') })]);
    expect(warn('linux/amd64/v1')).toEqual([expect.objectContaining({ field: 'variant', fix: { variant: '' } })]);
    expect(warn('linux/s390x/z15')).toEqual([expect.objectContaining({ field: 'variant', fix: { variant: '' } })]);
  });

  it('judges a variant against the corrected architecture, without repeating the arch fix', () => {
    expect(fields('linux/x86_64/v3')).toEqual(['architecture']);
    expect(fields('linux/x86_64/v9')).toEqual(['architecture', 'variant']);
    expect(fields('linux/armv7l/v7')).toEqual(['architecture']);
  });
});

describe('platformWarnings: contradictions with the image config', () => {
  it('is silent when the entry matches the config', () => {
    expect(warn('linux/arm/v7', 'linux/arm/v7')).toEqual([]);
    expect(warn('linux/arm64', 'linux/arm64/v8')).toEqual([]);
    expect(warn('linux/arm64/v8', 'linux/arm64')).toEqual([]);
    // Configs often omit the variant; adding one is not a contradiction.
    expect(warn('linux/arm/v7', 'linux/arm')).toEqual([]);
  });

  it('reports each contradicting field with the config value as the fix', () => {
    expect(warn('linux/amd64', 'linux/arm64')).toEqual([
      expect.objectContaining({ field: 'architecture', fix: { architecture: 'arm64' } }),
    ]);
    expect(warn('linux/arm/v6', 'linux/arm/v7')).toEqual([
      expect.objectContaining({ field: 'variant', fix: { variant: 'v7' } }),
    ]);
    expect(fields('windows/amd64', 'linux/amd64')).toEqual(['os']);
    const w = warn('windows(10.0.17763.1)/amd64', 'windows(10.0.20348.2)/amd64');
    expect(w).toEqual([{ field: 'os.version', message: expect.stringContaining('"10.0.20348.2"') }]);
  });

  it('reports a missing os.version the config has', () => {
    expect(fields('windows/amd64', 'windows(10.0.20348.2)/amd64')).toEqual(['os.version']);
  });
});
