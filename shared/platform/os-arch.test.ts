/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import annotateText from '../../test/fixtures/vectors/docker-cli-annotate.json?raw';
import vectorsText from '../../test/fixtures/vectors/platform-valid-os-arch.json?raw';
import { DOCKER_OS_ARCH_PAIRS, isDockerOs, isValidOsArch, unsupportedOsArchMessage } from './index';

const osArch = z.object({ os: z.string(), architecture: z.string() });
const vectors = z
  .object({ errorTemplate: z.string(), count: z.number(), pairs: z.array(osArch), rejectedExamples: z.array(osArch) })
  .parse(JSON.parse(vectorsText));

describe("docker's os/arch table (platform-valid-os-arch.json, docker/cli v28.2.2 util.go)", () => {
  it('has exactly the 28 pairs of the vector file, in the same order', () => {
    expect(vectors.count).toBe(28);
    expect(DOCKER_OS_ARCH_PAIRS).toEqual(vectors.pairs);
  });

  it.each(vectors.pairs.map((p) => [`${p.os}/${p.architecture}`, p] as const))('accepts %s', (_l, p) => {
    expect(isValidOsArch(p.os, p.architecture)).toBe(true);
  });

  it.each(vectors.rejectedExamples.map((p) => [`${p.os}/${p.architecture}`, p] as const))('rejects %s', (_l, p) => {
    expect(isValidOsArch(p.os, p.architecture)).toBe(false);
  });

  it('is exact and case-sensitive, and ignores prototype keys', () => {
    expect(isValidOsArch('Linux', 'amd64')).toBe(false);
    expect(isValidOsArch('linux', 'AMD64')).toBe(false);
    expect(isValidOsArch('linux', '')).toBe(false);
    expect(isValidOsArch('constructor', 'amd64')).toBe(false);
    expect(isValidOsArch('toString', 'length')).toBe(false);
    expect(isDockerOs('plan9')).toBe(true);
    expect(isDockerOs('__proto__')).toBe(false);
  });

  it('rejects every cross-pair that is not in the table', () => {
    const oses = [...new Set(vectors.pairs.map((p) => p.os))];
    const archs = [...new Set(vectors.pairs.map((p) => p.architecture))];
    const allowed = new Set(vectors.pairs.map((p) => `${p.os}/${p.architecture}`));
    for (const os of oses) {
      for (const arch of archs) expect(isValidOsArch(os, arch)).toBe(allowed.has(`${os}/${arch}`));
    }
  });
});

describe('annotate error text', () => {
  it('fills the template from the vector file with the flag values as given', () => {
    const fill = (os: string, arch: string): string =>
      vectors.errorTemplate.replace('{osFlag}', os).replace('{archFlag}', arch);
    expect(unsupportedOsArchMessage('linux', 'x86_64')).toBe(fill('linux', 'x86_64'));
    expect(unsupportedOsArchMessage('', 'fake')).toBe('manifest entry for image has unsupported os/arch combination: /fake');
    expect(unsupportedOsArchMessage('fakeos', '')).toBe('manifest entry for image has unsupported os/arch combination: fakeos/');
  });
});

/** Real docker 28.2.2 `manifest annotate` verdicts, recorded by test/fixtures/vectors/record-docker-cli.ts. */
const annotate = z
  .object({
    source: z.object({ program: z.string() }),
    cases: z.array(osArch.extend({ exitCode: z.number().nullable(), output: z.string() })),
  })
  .parse(JSON.parse(annotateText));

describe(`parity with the real ${annotate.source.program} annotate (docker-cli-annotate.json)`, () => {
  it('recorded all 28 accepted pairs among its cases', () => {
    expect(annotate.cases.filter((c) => c.exitCode === 0)).toHaveLength(28);
    expect(annotate.cases.length).toBeGreaterThan(300);
  });

  it.each(annotate.cases.map((c) => [`${c.os}/${c.architecture}`, c] as const))('%s', (_l, c) => {
    const ours = isValidOsArch(c.os, c.architecture) ? '' : unsupportedOsArchMessage(c.os, c.architecture);
    expect({ exitCode: ours === '' ? 0 : 1, output: ours }).toEqual({ exitCode: c.exitCode, output: c.output });
  });
});
