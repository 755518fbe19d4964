/**
 * A byte-level JSON tokenizer that validates like Go's `encoding/json` scanner (RFC 8259 grammar, any
 * byte >= 0x20 allowed inside strings, max nesting 10000). `goJsonIndent` / `goJsonCompact` are built on
 * its token stream so they can change whitespace only and copy every other byte untouched.
 */

export const TokKind = {
  Open: 1, // { or [
  Close: 2, // } or ]
  Comma: 3,
  Colon: 4,
  String: 5,
  Scalar: 6, // number, true, false, null
} as const;
export type TokKind = (typeof TokKind)[keyof typeof TokKind];

export interface Token {
  kind: TokKind;
  start: number;
  end: number;
}

export interface ScanResult {
  tokens: Token[];
  /** Offset where the whitespace after the top-level value starts (Go's Indent keeps it). */
  trailingStart: number;
}

/** Go's scanner refuses deeper nesting than this. */
const MAX_DEPTH = 10000;

const State = {
  Value: 0,
  FirstValueOrEnd: 1,
  FirstKeyOrEnd: 2,
  Key: 3,
  Colon: 4,
  CommaOrEnd: 5,
  Done: 6,
} as const;
type State = (typeof State)[keyof typeof State];

const OBJ = 1;
const ARR = 2;

/** Thrown for input Go's scanner would reject; message mimics Go's wording. */
export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
  }
}

/** Go's `quoteChar`: the byte as a rune, through `strconv.Quote`. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const short: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  const named = short[c];
  if (named !== undefined) return `'${named}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u00${c.toString(16)}'`;
  return `'${String.fromCharCode(c)}'`;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));
}

function scanString(src: Uint8Array, i: number): number {
  // src[i] is the opening quote; returns the offset just past the closing quote.
  let p = i + 1;
  for (;;) {
    const c = src[p];
    if (c === undefined) throw new JsonSyntaxError('unexpected end of JSON input', p);
    if (c === 0x22) return p + 1;
    if (c < 0x20) throw new JsonSyntaxError(`invalid character ${quoteChar(c)} in string literal`, p);
    if (c === 0x5c) {
      const e = src[p + 1];
      if (e === undefined) throw new JsonSyntaxError('unexpected end of JSON input', p + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          const h = src[p + k];
          if (h === undefined) throw new JsonSyntaxError('unexpected end of JSON input', p + k);
          if (!isHex(h)) throw new JsonSyntaxError(`invalid character ${quoteChar(h)} in \\u hexadecimal character escape`, p + k);
        }
        p += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) {
        throw new JsonSyntaxError(`invalid character ${quoteChar(e)} in string escape code`, p + 1);
      }
      p += 2;
      continue;
    }
    p++;
  }
}

function digitsFrom(src: Uint8Array, p: number, what: string): number {
  if (!isDigit(src[p])) {
    const c = src[p];
    if (c === undefined) throw new JsonSyntaxError('unexpected end of JSON input', p);
    throw new JsonSyntaxError(`invalid character ${quoteChar(c)} ${what}`, p);
  }
  while (isDigit(src[p])) p++;
  return p;
}

function scanNumber(src: Uint8Array, i: number): number {
  let p = i;
  if (src[p] === 0x2d) p++;
  if (src[p] === 0x30) p++;
  else p = digitsFrom(src, p, 'in numeric literal');
  if (src[p] === 0x2e) p = digitsFrom(src, p + 1, 'after decimal point in numeric literal');
  if (src[p] === 0x65 || src[p] === 0x45) {
    p++;
    if (src[p] === 0x2b || src[p] === 0x2d) p++;
    p = digitsFrom(src, p, 'in exponent of numeric literal');
  }
  return p;
}

function scanLiteral(src: Uint8Array, i: number): number {
  const first = src[i];
  const word = first === 0x74 ? 'true' : first === 0x66 ? 'false' : 'null';
  for (let k = 1; k < word.length; k++) {
    const c = src[i + k];
    if (c === undefined) throw new JsonSyntaxError('unexpected end of JSON input', i + k);
    if (c !== word.charCodeAt(k)) {
      throw new JsonSyntaxError(`invalid character ${quoteChar(c)} in literal ${word} (expecting '${word[k]}')`, i + k);
    }
  }
  return i + word.length;
}

/** Scans one value starting at src[i] (a value must begin there); returns its end and kind. */
function scanScalarOrString(src: Uint8Array, i: number): { end: number; kind: TokKind } | undefined {
  const c = src[i];
  if (c === 0x22) return { end: scanString(src, i), kind: TokKind.String };
  if (c === 0x2d || isDigit(c)) return { end: scanNumber(src, i), kind: TokKind.Scalar };
  if (c === 0x74 || c === 0x66 || c === 0x6e) return { end: scanLiteral(src, i), kind: TokKind.Scalar };
  return undefined;
}

/** The scanner's state between tokens; one method per grammar state keeps each step small. */
class Tokenizer {
  readonly tokens: Token[] = [];
  private readonly stack: number[] = [];
  private state: State = State.Value;
  private i = 0;
  private lastEnd = 0;

  constructor(private readonly src: Uint8Array) {}

  run(): ScanResult {
    const { src } = this;
    for (;;) {
      while (this.i < src.length && isSpace(src[this.i] as number)) this.i++;
      const c = src[this.i];
      if (c === undefined) {
        if (this.state !== State.Done) throw new JsonSyntaxError('unexpected end of JSON input', this.i);
        return { tokens: this.tokens, trailingStart: this.lastEnd };
      }
      this.step(c);
    }
  }

  private step(c: number): void {
    switch (this.state) {
      case State.FirstValueOrEnd:
      case State.Value:
        return this.value(c);
      case State.FirstKeyOrEnd:
      case State.Key:
        return this.key(c);
      case State.Colon:
        if (c !== 0x3a) throw this.unexpected(c, 'after object key');
        this.push(TokKind.Colon, this.i + 1);
        this.state = State.Value;
        return;
      case State.CommaOrEnd:
        return this.commaOrEnd(c);
      case State.Done:
        throw this.unexpected(c, 'after top-level value');
    }
  }

  private value(c: number): void {
    if (this.state === State.FirstValueOrEnd && c === 0x5d) return this.close();
    if (c === 0x7b || c === 0x5b) {
      if (this.stack.length >= MAX_DEPTH) throw new JsonSyntaxError('exceeded max depth', this.i);
      this.stack.push(c === 0x7b ? OBJ : ARR);
      this.push(TokKind.Open, this.i + 1);
      this.state = c === 0x7b ? State.FirstKeyOrEnd : State.FirstValueOrEnd;
      return;
    }
    const v = scanScalarOrString(this.src, this.i);
    if (v === undefined) throw this.unexpected(c, 'looking for beginning of value');
    this.push(v.kind, v.end);
    this.state = this.afterValue();
  }

  private key(c: number): void {
    if (this.state === State.FirstKeyOrEnd && c === 0x7d) return this.close();
    if (c !== 0x22) throw this.unexpected(c, 'looking for beginning of object key string');
    this.push(TokKind.String, scanString(this.src, this.i));
    this.state = State.Colon;
  }

  private commaOrEnd(c: number): void {
    const inObject = this.stack[this.stack.length - 1] === OBJ;
    if (c === 0x2c) {
      this.push(TokKind.Comma, this.i + 1);
      this.state = inObject ? State.Key : State.Value;
    } else if (c === (inObject ? 0x7d : 0x5d)) {
      this.close();
    } else {
      throw this.unexpected(c, inObject ? 'after object key:value pair' : 'after array element');
    }
  }

  private close(): void {
    this.stack.pop();
    this.push(TokKind.Close, this.i + 1);
    this.state = this.afterValue();
  }

  private afterValue(): State {
    return this.stack.length === 0 ? State.Done : State.CommaOrEnd;
  }

  private push(kind: TokKind, end: number): void {
    this.tokens.push({ kind, start: this.i, end });
    this.lastEnd = end;
    this.i = end;
  }

  private unexpected(c: number, context: string): JsonSyntaxError {
    return new JsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`, this.i);
  }
}

/**
 * Tokenises and validates `src` as exactly one JSON value surrounded by optional whitespace.
 * Throws `JsonSyntaxError` where Go's `json.Valid` would return false.
 */
export function scanJson(src: Uint8Array): ScanResult {
  return new Tokenizer(src).run();
}

/**
 * The exact bytes of each member value of a top-level JSON object, keyed by the decoded member name
 * (last one wins, as in Go). Used where Go hands a `json.Unmarshaler` the original bytes of a field.
 */
export function topLevelMembers(src: Uint8Array): Map<string, Uint8Array> | undefined {
  const { tokens } = scanJson(src);
  if (tokens[0]?.kind !== TokKind.Open || src[tokens[0].start] !== 0x7b) return undefined;
  const members = new Map<string, Uint8Array>();
  let depth = 0;
  let key: string | undefined;
  let valueStart = 0;
  for (let t = 1; t < tokens.length; t++) {
    const tok = tokens[t] as Token;
    if (depth === 0) {
      if (tok.kind === TokKind.Comma || tok.kind === TokKind.Colon) continue;
      if (key === undefined) {
        if (tok.kind !== TokKind.String) break; // the object's closing brace
        key = JSON.parse(new TextDecoder().decode(src.subarray(tok.start, tok.end))) as string;
        continue;
      }
      valueStart = tok.start;
    }
    if (tok.kind === TokKind.Open) depth++;
    if (tok.kind === TokKind.Close) depth--;
    if (depth === 0 && key !== undefined) {
      members.set(key, src.subarray(valueStart, tok.end));
      key = undefined;
    }
  }
  return members;
}
