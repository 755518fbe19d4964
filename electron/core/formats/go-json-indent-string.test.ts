import { describe, expect, it } from 'vitest';
import { goMarshalIndent, JsonObject, RawJson } from './go-json';
import { goMarshalIndentString } from './go-json-indent-string';

const raw = (s: string): RawJson => new RawJson(new TextEncoder().encode(s));

describe('goMarshalIndentString', () => {
  const cases: [string, unknown][] = [
    ['scalars and empties', { a: 1, b: -0, c: true, d: null, e: [], f: {}, g: 'x', h: undefined, i: [undefined, 2.5] }],
    ['escapes in keys and values', { 'k<>&"\\': 'v\u2028\n\t<a&b>', ok: 'plain text' }],
    ['bytes as base64', { Raw: new Uint8Array([0, 1, 2, 250, 251]) }],
    ['ordered object', new JsonObject([['2', 'b'], ['1', 'a']])],
    ['raw with whitespace and html', { p: raw(' {\n  "a" : [ 1 , 2e3, -0.5 ],\r\n "b<": "x & <y>", "c": {}, "d": [ ], "e": "\\"q\\\\" } \n') }],
    ['raw non-ASCII', [{ p: raw('{"ann": "h\u00e9llo \u2028 <b>", "e": [ {} ]}') }]],
    ['raw scalar and nested arrays', [raw('  42 '), raw('[[],[[1]],{"a":{"b":[true,false,null]}}]')]],
  ];
  it.each(cases)('matches Marshal+Indent byte for byte: %s', (_name, value) => {
    expect(goMarshalIndentString(value, '\t')).toBe(goMarshalIndent(value, '', '\t'));
    expect(goMarshalIndentString(value, '   ')).toBe(goMarshalIndent(value, '', '   '));
  });

  it('refuses invalid embedded JSON as the byte path does', () => {
    for (const bad of ['{"a":}', '{"a":1', '[1,]', '"\u0001"']) {
      expect(() => goMarshalIndent({ p: raw(bad) }, '', '\t')).toThrow();
      expect(() => goMarshalIndentString({ p: raw(bad) }, '\t')).toThrow();
    }
  });
});
