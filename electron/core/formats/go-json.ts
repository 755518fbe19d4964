/**
 * Go `encoding/json` behaviour over exact bytes. docker prints manifests through `json.Indent`,
 * `json.MarshalIndent` and (for embedded manifests) the encoder's compaction of `Marshaler` output, so
 * byte-exact output needs the same rules: whitespace-only re-indent, `[]`/`{}` kept compact, and
 * `<`, `>`, `&`, U+2028, U+2029 escaped inside strings when HTML escaping is on.
 */
import { Buffer } from 'node:buffer';
import { JsonSyntaxError, scanJson, TokKind } from './go-json-scan';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const HEX = '0123456789abcdef';

/** A growable byte buffer. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.len++] = c;
  }

  ascii(s: string): void {
    this.ensure(s.length);
    for (let k = 0; k < s.length; k++) this.buf[this.len++] = s.charCodeAt(k);
  }

  text(s: string): void {
    this.bytes(encoder.encode(s));
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

/** Decodes UTF-8 without stripping a BOM (so a BOM stays visible as in Go). */
export function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Go `json.Indent`: re-indents valid JSON, changing whitespace only; trailing whitespace is kept. */
export function goJsonIndentBytes(src: Uint8Array, prefix: string, indent: string): Uint8Array {
  const { tokens, trailingStart } = scanJson(src);
  const out = new ByteWriter();
  const pre = encoder.encode(prefix);
  const ind = encoder.encode(indent);
  const newline = (depth: number): void => {
    out.byte(0x0a);
    out.bytes(pre);
    for (let d = 0; d < depth; d++) out.bytes(ind);
  };
  let needIndent = false;
  let depth = 0;
  for (const tok of tokens) {
    if (needIndent && tok.kind !== TokKind.Close) {
      needIndent = false;
      depth++;
      newline(depth);
    }
    switch (tok.kind) {
      case TokKind.Open:
        // Delayed so that an empty object or array stays `{}` / `[]`.
        needIndent = true;
        out.byte(src[tok.start] as number);
        break;
      case TokKind.Comma:
        out.byte(0x2c);
        newline(depth);
        break;
      case TokKind.Colon:
        out.ascii(': ');
        break;
      case TokKind.Close:
        if (needIndent) needIndent = false;
        else {
          depth--;
          newline(depth);
        }
        out.byte(src[tok.start] as number);
        break;
      default:
        out.bytes(src.subarray(tok.start, tok.end));
    }
  }
  out.bytes(src.subarray(trailingStart));
  return out.result();
}

/** Copies a string token, escaping `<>&` and U+2028/U+2029 the way Go's `appendCompact` does. */
function writeEscapedStringToken(out: ByteWriter, s: Uint8Array): void {
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as number;
    if (c === 0x3c || c === 0x3e || c === 0x26) {
      out.bytes(s.subarray(start, i));
      out.ascii(`\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`);
      start = i + 1;
    } else if (c === 0xe2 && s[i + 1] === 0x80 && ((s[i + 2] as number) & ~1) === 0xa8) {
      out.bytes(s.subarray(start, i));
      out.ascii(`\\u202${HEX[(s[i + 2] as number) & 0xf]}`);
      start = i + 3;
      i += 2;
    }
  }
  out.bytes(s.subarray(start));
}

/** Go `json.Compact` (and, with `escapeHtml`, the encoder's compaction of `Marshaler` output). */
export function goJsonCompactBytes(src: Uint8Array, escapeHtml: boolean): Uint8Array {
  const { tokens } = scanJson(src);
  const out = new ByteWriter();
  for (const tok of tokens) {
    const piece = src.subarray(tok.start, tok.end);
    if (escapeHtml && tok.kind === TokKind.String) writeEscapedStringToken(out, piece);
    else out.bytes(piece);
  }
  return out.result();
}

/** String form of {@link goJsonIndentBytes}. */
export function goJsonIndent(text: string | Uint8Array, prefix: string, indent: string): string {
  return utf8(goJsonIndentBytes(toBytes(text), prefix, indent));
}

/** String form of {@link goJsonCompactBytes}. */
export function goJsonCompact(text: string | Uint8Array, escapeHtml: boolean): string {
  return utf8(goJsonCompactBytes(toBytes(text), escapeHtml));
}

/** True when Go's `json.Valid` would accept the bytes. */
export function isValidJson(src: Uint8Array): boolean {
  try {
    scanJson(src);
    return true;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return false;
    throw e;
  }
}

/**
 * JSON text embedded verbatim (after Go's compaction with HTML escaping) by `goMarshal`: the equivalent
 * of a Go value whose `MarshalJSON` returns stored bytes, e.g. distribution's `DeserializedManifest`.
 */
export class RawJson {
  readonly bytes: Uint8Array;
  constructor(json: string | Uint8Array) {
    this.bytes = toBytes(json);
  }
}

/**
 * An object with an explicit member order. Plain JS objects list integer-like keys first whatever the
 * insertion order, so maps whose keys could look like numbers (annotations) go through this.
 */
export class JsonObject {
  readonly entries: ReadonlyArray<readonly [string, unknown]>;
  constructor(entries: ReadonlyArray<readonly [string, unknown]>) {
    this.entries = entries;
  }
}

/** Go's `encodeState.string` with `escapeHTML` on (what `json.Marshal` uses). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20) {
      const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += short[cp] ?? `\\u00${HEX[cp >> 4]}${HEX[cp & 0xf]}`;
    } else if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '<') out += '\\u003c';
    else if (ch === '>') out += '\\u003e';
    else if (ch === '&') out += '\\u0026';
    else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd'; // lone surrogate: Go writes invalid UTF-8 as U+FFFD
    else out += ch;
  }
  return `${out}"`;
}

/** Go's float64 formatting matches JS for the integers and decimals manifests carry. */
function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`json: unsupported value: ${n}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

function marshalInto(out: ByteWriter, value: unknown): void {
  if (value === null) out.ascii('null');
  else if (value instanceof RawJson) out.bytes(goJsonCompactBytes(value.bytes, true));
  else if (value instanceof Uint8Array) out.ascii(`"${Buffer.from(value).toString('base64')}"`);
  else if (typeof value === 'string') out.text(goQuote(value));
  else if (typeof value === 'number') out.ascii(goNumber(value));
  else if (typeof value === 'boolean') out.ascii(value ? 'true' : 'false');
  else if (Array.isArray(value)) {
    out.byte(0x5b);
    value.forEach((item: unknown, k) => {
      if (k > 0) out.byte(0x2c);
      marshalInto(out, item === undefined ? null : item);
    });
    out.byte(0x5d);
  } else if (typeof value === 'object') {
    out.byte(0x7b);
    let first = true;
    const entries = value instanceof JsonObject ? value.entries : Object.entries(value);
    for (const [k, v] of entries) {
      if (v === undefined) continue;
      if (!first) out.byte(0x2c);
      first = false;
      out.text(goQuote(k));
      out.byte(0x3a);
      marshalInto(out, v);
    }
    out.byte(0x7d);
  } else throw new TypeError(`json: unsupported type: ${typeof value}`);
}

/**
 * `json.Marshal` of plain data: objects in insertion order (undefined members omitted), `Uint8Array`
 * as base64 (Go `[]byte`), `RawJson` compacted and embedded, strings with Go's escapes.
 */
export function goMarshalBytes(value: unknown): Uint8Array {
  const out = new ByteWriter();
  marshalInto(out, value);
  return out.result();
}

export function goMarshal(value: unknown): string {
  return utf8(goMarshalBytes(value));
}

/** `json.MarshalIndent`: marshal, then `json.Indent` (no prefix before the first line, as in Go). */
export function goMarshalIndentBytes(value: unknown, prefix: string, indent: string): Uint8Array {
  return goJsonIndentBytes(goMarshalBytes(value), prefix, indent);
}

export function goMarshalIndent(value: unknown, prefix: string, indent: string): string {
  return utf8(goMarshalIndentBytes(value, prefix, indent));
}

/** Go sorts map keys by their UTF-8 bytes; JS `<` compares UTF-16 units, which differs for astral chars. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A `map[string]string` as Go marshals it: keys sorted bytewise. */
export function sortedMap(m: Record<string, string>): JsonObject {
  return new JsonObject(Object.keys(m).sort(compareUtf8).map((k) => [k, m[k]] as const));
}
