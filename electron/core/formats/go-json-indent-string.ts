/**
 * `json.MarshalIndent` straight to a string, for output that is printed rather than hashed (`inspect
 * --verbose`). Marshalling and then re-indenting (as Go does, and as `goMarshalIndentBytes` mirrors) walks
 * every byte several times in code that runs once per process, i.e. in V8's interpreter; printing the
 * indented form directly, with native regex and string work for the embedded manifests, gives the same
 * bytes for a fraction of the time. The byte functions stay the reference the tests compare against.
 */
import { Buffer } from 'node:buffer';
import { goJsonCompactBytes, goJsonIndentBytes, goQuote, JsonObject, RawJson, utf8 } from './go-json';
import { parseJsonBytes } from './parse-manifest';

/** One JSON token of compact-able text: a string, punctuation, or a scalar (number/literal); whitespace skipped. */
const TOKEN = /\s*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([{}[\],:])|([^\s{}[\],:"]+))/y;
const NON_ASCII = /[^\x00-\x7f]/;
const HTML = /[<>&]/g;
const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

function escapeHtml(s: string): string {
  return s.replace(HTML, (c) => HTML_ESCAPES[c] as string);
}

/** Compacts (with HTML escaping) and indents valid ASCII JSON text, continuing at `pad`. */
function indentAscii(text: string, pad: string, indent: string): string {
  const parts: string[] = [];
  let depth = pad;
  let open = false; // just after `{`/`[`: the newline waits to see whether the value is empty
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const punct = m[2];
    if (punct === '}' || punct === ']') {
      if (open) open = false;
      else {
        depth = depth.slice(indent.length);
        parts.push('\n', depth);
      }
      parts.push(punct);
      continue;
    }
    if (open) {
      open = false;
      depth += indent;
      parts.push('\n', depth);
    }
    if (punct === '{' || punct === '[') {
      open = true;
      parts.push(punct);
    } else if (punct === ',') parts.push(',\n', depth);
    else if (punct === ':') parts.push(': ');
    else if (m[1] !== undefined) parts.push(m[1].includes('<') || m[1].includes('>') || m[1].includes('&') ? escapeHtml(m[1]) : m[1]);
    else parts.push(m[3] as string);
  }
  return parts.join('');
}

/** An embedded `RawJson` as the outer indent prints it at depth `pad`. */
function rawIndented(bytes: Uint8Array, pad: string, indent: string): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (NON_ASCII.test(latin1)) {
    // Rare (non-ASCII annotations): the byte-exact path handles every UTF-8 subtlety.
    return utf8(goJsonIndentBytes(goJsonCompactBytes(bytes, true), pad, indent));
  }
  // Go's `json.Valid`, with Go's error text: the rule manifests are parsed by.
  parseJsonBytes(bytes);
  return indentAscii(latin1, pad, indent);
}

/** Most keys and values need no escaping at all; `goQuote` walks them code point by code point. */
const PLAIN = /^[\x20-\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;

function quote(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : goQuote(s);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`json: unsupported value: ${n}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

function members(value: object): ReadonlyArray<readonly [string, unknown]> {
  return value instanceof JsonObject ? value.entries : Object.entries(value);
}

function printInto(parts: string[], value: unknown, pad: string, indent: string): void {
  if (value === null) parts.push('null');
  else if (value instanceof RawJson) parts.push(rawIndented(value.bytes, pad, indent));
  else if (value instanceof Uint8Array) parts.push('"', Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'), '"');
  else if (typeof value === 'string') parts.push(quote(value));
  else if (typeof value === 'number') parts.push(numberText(value));
  else if (typeof value === 'boolean') parts.push(value ? 'true' : 'false');
  else if (Array.isArray(value)) {
    if (value.length === 0) return void parts.push('[]');
    const inner = pad + indent;
    parts.push('[');
    value.forEach((item: unknown, k) => {
      parts.push(k > 0 ? ',\n' : '\n', inner);
      printInto(parts, item === undefined ? null : item, inner, indent);
    });
    parts.push('\n', pad, ']');
  } else if (typeof value === 'object') {
    const inner = pad + indent;
    let first = true;
    parts.push('{');
    for (const [k, v] of members(value)) {
      if (v === undefined) continue;
      parts.push(first ? '\n' : ',\n', inner, quote(k), ': ');
      first = false;
      printInto(parts, v, inner, indent);
    }
    parts.push(first ? '}' : `\n${pad}}`);
  } else throw new TypeError(`json: unsupported type: ${typeof value}`);
}

/** `json.MarshalIndent(value, "", indent)` as a string: the same text as `goMarshalIndent`, faster. */
export function goMarshalIndentString(value: unknown, indent: string): string {
  const parts: string[] = [];
  printInto(parts, value, '', indent);
  return parts.join('');
}
