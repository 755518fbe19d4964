import { describe, expect, it } from 'vitest';
import { parseVectors, type ComposeCase, type ParseCase } from './test-vectors.test-util';
import { isStudioError } from '../errors';
import {
  ReferenceErrorText,
  parseCanonical,
  parseNormalizedNamed,
  parseReference,
  referenceString,
  repositoryString,
  withDigest,
  withName,
  withTag,
  type ImageReference,
} from './index';

function run(c: ParseCase): ImageReference {
  switch (c.func) {
    case 'Parse':
    case 'Field.UnmarshalText (Parse)':
      return parseReference(c.input);
    case 'ParseNamed':
      return parseCanonical(c.input);
    case 'WithName':
      return withName(c.input);
  }
}

function evaluate(c: ParseCase): Record<string, unknown> {
  try {
    const r = run(c);
    return {
      valid: true,
      string: referenceString(r),
      name: repositoryString(r),
      domain: r.domain,
      path: r.path,
      tag: r.tag ?? null,
      digest: r.digest ?? null,
    };
  } catch (e) {
    if (!isStudioError(e) || e.code !== 'REFERENCE_INVALID') throw e;
    return { valid: false, error: e.message };
  }
}

/** Rows that exist only at the later upstream commit because its test binary lacks sha512 (README "Traps"). */
const notDocker = (c: ParseCase): boolean => c.onlyAt === '0965666a6ade' && c.error === 'unsupported digest algorithm';

describe('reference-parse.json (distribution/reference v0.6.0 reference_test.go)', () => {
  it('has every case the README promises', () => {
    expect(parseVectors.cases).toHaveLength(74);
    expect(parseVectors.compose).toHaveLength(11);
    expect(parseVectors.cases.filter(notDocker).map((c) => c.id)).toEqual(['TestReferenceParse@0965666a6ade#14']);
  });

  it('declares the same error texts we throw', () => {
    const ours = new Set<string>(Object.values(ReferenceErrorText));
    for (const { text } of Object.values(parseVectors.errors)) expect(ours).toContain(text);
  });

  it.each(parseVectors.cases.filter((c) => !notDocker(c)).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const got = evaluate(c);
    const expected = Object.fromEntries(c.asserted.map((f) => [f, (c as Record<string, unknown>)[f]]));
    const actual = Object.fromEntries(c.asserted.map((f) => [f, got[f] ?? null]));
    expect(actual).toEqual(expected);
  });

  it('accepts the sha512 reference the later upstream test binary refuses (docker links sha512)', () => {
    const row = parseVectors.cases.find(notDocker);
    const r = parseReference(row?.input ?? '');
    expect(r.digest).toMatch(/^sha512:f{128}$/);
    expect(r.tag).toBeUndefined();
  });
});

function compose(c: ComposeCase): ImageReference {
  let r = c.baseFunc === 'WithName' ? withName(c.base) : parseNormalizedNamed(c.base);
  for (const step of c.steps.slice(1)) {
    if (step === 'WithTag') r = withTag(r, c.tag ?? '');
    else if (step === 'WithDigest') r = withDigest(r, c.digest ?? '');
    else throw new Error(`unexpected step ${step}`);
  }
  return r;
}

describe('reference-parse.json compose (WithName/WithTag/WithDigest chains)', () => {
  it.each(parseVectors.compose.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    if (c.valid) {
      expect(referenceString(compose(c))).toBe(c.string);
    } else {
      expect(() => compose(c)).toThrow(c.steps.includes('WithTag') ? 'invalid tag format' : 'invalid digest format');
    }
  });
});
