import { describe, expect, it } from 'vitest';
import { normalizeVectors, type NormalizeCase } from './test-vectors.test-util';
import {
  anyReferenceString,
  familiarMatch,
  familiarName,
  familiarString,
  parseAnyReference,
  parseDockerRef,
  parseDockerReference,
  parseNormalizedNamed,
  referenceString,
} from './index';
import { isStudioError } from '../errors';

/** Runs one vector's function and projects the result onto the vector's field names. */
function evaluate(c: NormalizeCase): Record<string, unknown> {
  try {
    if (c.func === 'ParseDockerRef') return { valid: true, dockerRef: referenceString(parseDockerRef(c.input)) };
    const r = c.func === 'ParseAnyReference' ? parseAnyReference(c.input) : parseNormalizedNamed(c.input);
    if (!('path' in r)) return { valid: true, normalized: r.digest, digest: r.digest };
    return {
      valid: true,
      normalized: anyReferenceString(r),
      // TestParseRepositoryInfo checks FamiliarName; the tag+digest test checks FamiliarString.
      familiar: c.test === 'TestParseRepositoryInfo' ? familiarName(r) : familiarString(r),
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

describe('reference-normalize.json (distribution/reference v0.6.0 normalize_test.go)', () => {
  it('has every case the README promises', () => {
    expect(normalizeVectors.cases).toHaveLength(133);
    expect(normalizeVectors.familiarMatch).toHaveLength(10);
  });

  it.each(normalizeVectors.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const got = evaluate(c);
    // Only asserted fields carry an expectation; the rest are null and mean nothing.
    const expected = Object.fromEntries(c.asserted.map((f) => [f, (c as Record<string, unknown>)[f]]));
    const actual = Object.fromEntries(c.asserted.map((f) => [f, got[f] ?? null]));
    expect(actual).toEqual(expected);
  });

  it.each(normalizeVectors.familiarMatch.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const ref = parseAnyReference(c.reference);
    if (c.expectError) {
      expect(() => familiarMatch(c.pattern, ref)).toThrow('syntax error in pattern');
    } else {
      expect(familiarMatch(c.pattern, ref)).toBe(c.matches);
    }
  });
});

describe('docker manifest keeps name:tag@digest (where ParseDockerRef drops the tag)', () => {
  const input =
    'gcr.io/library/busybox:latest@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
  it('parseDockerRef drops the tag, parseDockerReference keeps both', () => {
    const dropped = normalizeVectors.cases.find((c) => c.id === 'TestParseDockerRef#10');
    expect(dropped?.input).toBe(input);
    expect(referenceString(parseDockerRef(input))).toBe(dropped?.dockerRef);
    expect(referenceString(parseDockerReference(input))).toBe(input);
  });
});
