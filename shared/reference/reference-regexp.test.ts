import { describe, expect, it } from 'vitest';
import { regexpVectors, type RegexpCase } from './test-vectors.test-util';
import { anchoredDomainRegexp, anchoredIdentifierRegexp, anchoredNameRegexp, referenceRegexp } from './index';

const REGEXPS: Record<RegexpCase['regexp'], RegExp> = {
  domainAndPort: anchoredDomainRegexp,
  anchoredName: anchoredNameRegexp,
  reference: referenceRegexp,
  anchoredIdentifier: anchoredIdentifierRegexp,
};

describe('reference-regexp.json (distribution/reference v0.6.0 regexp_test.go)', () => {
  it('has every case the README promises', () => {
    expect(regexpVectors.cases).toHaveLength(108);
  });

  it.each(regexpVectors.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const m = REGEXPS[c.regexp].exec(c.input);
    expect(m !== null).toBe(c.match);
    if (m !== null && c.subs !== null) {
      // Go reports an unmatched optional group as "", JavaScript as undefined.
      expect(m.slice(1).map((s) => s ?? '')).toEqual(c.subs);
    }
  });
});
