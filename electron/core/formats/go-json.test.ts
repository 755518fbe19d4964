import { describe, expect, it } from 'vitest';
import {
  goJsonCompact,
  goJsonCompactBytes,
  goJsonIndent,
  goMarshal,
  goMarshalIndent,
  isValidJson,
  JsonObject,
  RawJson,
  sortedMap,
} from './go-json';
import { JsonSyntaxError, topLevelMembers } from './go-json-scan';
import { sha256Digest, verifyDigest } from './digest';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('goJsonIndent (Go json.Indent)', () => {
  it('changes whitespace only and keeps empty containers compact', () => {
    const src = ' {"a" : [ ],"b":{ },"c":[1, {"d":"x y"}]}';
    expect(goJsonIndent(src, '', '  ')).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    {\n      "d": "x y"\n    }\n  ]\n}');
  });

  it('leaves string escapes and number spellings untouched', () => {
    const src = '{"s":"\\u003c\\n\\/é","n":1.50e+3,"t":true,"z":null}';
    expect(goJsonIndent(src, '', '\t')).toBe('{\n\t"s": "\\u003c\\n\\/é",\n\t"n": 1.50e+3,\n\t"t": true,\n\t"z": null\n}');
  });

  it('puts the prefix on every line but the first, and keeps trailing whitespace', () => {
    expect(goJsonIndent('[1,2]\n', '>', '-')).toBe('[\n>-1,\n>-2\n>]\n');
  });

  it('agrees with JSON.stringify on structure for generated documents', () => {
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const gen = (depth: number): unknown => {
      const k = depth > 3 ? rnd(3) : rnd(5);
      if (k === 0) return rnd(1000) - 500;
      if (k === 1) return `s${rnd(100)}`;
      if (k === 2) return rnd(2) === 0 ? null : true;
      if (k === 3) return Array.from({ length: rnd(4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: rnd(4) }, (_, i) => [`k${i}x`, gen(depth + 1)]));
    };
    for (let n = 0; n < 200; n++) {
      const v = gen(0);
      expect(goJsonIndent(JSON.stringify(v), '', '   ')).toBe(JSON.stringify(v, null, 3));
      expect(goMarshalIndent(v, '', '\t')).toBe(JSON.stringify(v, null, '\t'));
    }
  });

  it.each([
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['01', "invalid character '1' after top-level value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"a\u0001b"', "invalid character '\\x01' in string literal"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['\ufeff{}', "invalid character 'ï' looking for beginning of value"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['[1', 'unexpected end of JSON input'],
    ['', 'unexpected end of JSON input'],
    ['1.', 'unexpected end of JSON input'],
    ['-a', "invalid character 'a' in numeric literal"],
  ])('rejects %j like Go', (src, message) => {
    let thrown: unknown;
    try {
      goJsonIndent(src, '', ' ');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(JsonSyntaxError);
    expect((thrown as Error).message).toBe(message);
    expect(isValidJson(enc(src))).toBe(false);
  });

  it('refuses nesting deeper than Go allows', () => {
    expect(isValidJson(enc('['.repeat(10000) + ']'.repeat(10000)))).toBe(true);
    expect(() => goJsonIndent('['.repeat(10001) + ']'.repeat(10001), '', ' ')).toThrow('exceeded max depth');
  });
});

describe('goJsonCompact (Go json.Compact / Marshaler compaction)', () => {
  it('drops whitespace outside strings only', () => {
    expect(goJsonCompact(' { "a b" : [ 1 , 2 ] }\n', false)).toBe('{"a b":[1,2]}');
  });

  it('escapes <, >, &, U+2028 and U+2029 inside strings only when asked', () => {
    const src = '{"k<&>":"a\u2028b\u2029c<d>"}';
    expect(goJsonCompact(src, false)).toBe(src);
    expect(goJsonCompact(src, true)).toBe('{"k\\u003c\\u0026\\u003e":"a\\u2028b\\u2029c\\u003cd\\u003e"}');
    expect(goJsonCompact('"\\u003c"', true)).toBe('"\\u003c"');
  });

  it('copies bytes that are not valid UTF-8 unchanged, as Go does', () => {
    const src = new Uint8Array([0x22, 0xff, 0xfe, 0x3c, 0x22]);
    expect([...goJsonCompactBytes(src, true)]).toEqual([0x22, 0xff, 0xfe, ...enc('\\u003c'), 0x22]);
  });
});

describe('goMarshal (Go json.Marshal of plain data)', () => {
  it("uses Go's string escapes", () => {
    expect(goMarshal('<a&b>\u2028\u2029"\\\b\f\n\r\t\u0001\u007f')).toBe(
      '"\\u003ca\\u0026b\\u003e\\u2028\\u2029\\"\\\\\\b\\f\\n\\r\\t\\u0001\u007f"',
    );
    expect(goMarshal('\ud800x')).toBe('"\\ufffdx"');
    expect(goMarshal('😀é')).toBe('"😀é"');
  });

  it('keeps insertion order, omits undefined members, base64-encodes bytes', () => {
    expect(goMarshal({ b: 1, a: undefined, c: [true, null], d: new Uint8Array([1, 2, 3, 4]) })).toBe(
      '{"b":1,"c":[true,null],"d":"AQIDBA=="}',
    );
  });

  it('embeds RawJson compacted with HTML escaping, like a Go Marshaler', () => {
    const raw = new RawJson('{\n   "x": "<y>",\n   "e": []\n}');
    expect(goMarshal({ A: raw })).toBe('{"A":{"x":"\\u003cy\\u003e","e":[]}}');
    expect(goMarshalIndent({ A: raw }, '', '\t')).toBe('{\n\t"A": {\n\t\t"x": "\\u003cy\\u003e",\n\t\t"e": []\n\t}\n}');
    expect(() => goMarshal(new RawJson('{'))).toThrow(JsonSyntaxError);
  });

  it('sorts map keys by UTF-8 bytes and keeps integer-like keys in that order', () => {
    expect(goMarshal(sortedMap({ b: '1', '10': '2', '9': '3', '\u{10000}': '4', '\uffff': '5' }))).toBe(
      '{"10":"2","9":"3","b":"1","\uffff":"5","\u{10000}":"4"}',
    );
    expect(goMarshal(new JsonObject([['2', 1], ['1', 2]]))).toBe('{"2":1,"1":2}');
  });
});

describe('topLevelMembers', () => {
  it('returns the exact bytes of each member value', () => {
    const src = enc('{"a" : { "x" : [1, 2] } , "b":"s", "a2":3}');
    const m = topLevelMembers(src);
    expect(new TextDecoder().decode(m?.get('a'))).toBe('{ "x" : [1, 2] }');
    expect(new TextDecoder().decode(m?.get('b'))).toBe('"s"');
    expect(new TextDecoder().decode(m?.get('a2'))).toBe('3');
    expect(topLevelMembers(enc('[1]'))).toBeUndefined();
  });
});

describe('digests', () => {
  it('computes and verifies sha256 (and sha512) over exact bytes', () => {
    expect(sha256Digest(new Uint8Array())).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(verifyDigest(enc('abc'), 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')).toBe(true);
    expect(verifyDigest(enc('abd'), 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')).toBe(false);
    expect(
      verifyDigest(
        enc('abc'),
        'sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
      ),
    ).toBe(true);
    expect(verifyDigest(enc('abc'), 'md5:900150983cd24fb0d6963f7d28e17f72')).toBe(false);
  });
});
