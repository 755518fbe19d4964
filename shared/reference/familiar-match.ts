import { StudioError } from '../errors';
import { type DigestOnlyReference, familiarName, familiarString } from './normalize';
import type { ImageReference } from './parse';

/**
 * Upstream `FamiliarMatch`: shell-style `pattern` (Go `path.Match`) against the familiar string, then,
 * for a named reference, against the familiar name. docker manifest does not use it; it exists so a UI
 * filter can follow docker's matching rules. A malformed pattern throws `BAD_INPUT`.
 */
export function familiarMatch(pattern: string, ref: ImageReference | DigestOnlyReference): boolean {
  const named = 'path' in ref;
  const matched = pathMatch(pattern, named ? familiarString(ref) : ref.digest);
  if (matched || !named) return matched;
  return pathMatch(pattern, familiarName(ref));
}

class BadPattern extends Error {}

/**
 * A port of Go's `path.Match` (`*` stops at `/`, `?`, `[...]` classes with `^` and ranges, `\` escapes),
 * including its check that the rest of a pattern is well formed after a mismatch. Works on code points.
 */
export function pathMatch(pattern: string, name: string): boolean {
  try {
    return matchPattern(Array.from(pattern), Array.from(name));
  } catch (e) {
    if (e instanceof BadPattern) throw new StudioError('BAD_INPUT', 'syntax error in pattern');
    throw e;
  }
}

function matchPattern(pattern: string[], name: string[]): boolean {
  let p = pattern;
  let s = name;
  outer: while (p.length > 0) {
    const { star, chunk, rest } = scanChunk(p);
    p = rest;
    if (star && chunk.length === 0) return !s.includes('/');
    const here = matchChunk(chunk, s);
    if (here !== undefined && (here.length === 0 || p.length > 0)) {
      s = here;
      continue;
    }
    if (star) {
      for (let i = 0; i < s.length && s[i] !== '/'; i++) {
        const t = matchChunk(chunk, s.slice(i + 1));
        if (t === undefined || (p.length === 0 && t.length > 0)) continue;
        s = t;
        continue outer;
      }
    }
    // Go reports a malformed remainder even when the match already failed.
    while (p.length > 0) {
      const next = scanChunk(p);
      p = next.rest;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return s.length === 0;
}

function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let i = 0;
  while (i < pattern.length && pattern[i] === '*') i++;
  const star = i > 0;
  const p = pattern.slice(i);
  let inRange = false;
  let j = 0;
  for (; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') {
      if (j + 1 < p.length) j++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) break;
  }
  return { star, chunk: p.slice(0, j), rest: p.slice(j) };
}

/** Returns the unmatched rest of `s`, or undefined when the chunk does not match; throws on bad syntax. */
function matchChunk(chunk: string[], input: string[]): string[] | undefined {
  let c = chunk;
  let s = input;
  let failed = false;
  while (c.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const head = c[0];
    if (head === '[') {
      const r = failed ? '' : (s[0] ?? '');
      if (!failed) s = s.slice(1);
      const cls = matchClass(c.slice(1), r);
      c = cls.rest;
      if (cls.matched === false) failed = true;
    } else if (head === '?') {
      if (!failed) {
        if (s[0] === '/') failed = true;
        s = s.slice(1);
      }
      c = c.slice(1);
    } else {
      if (head === '\\') {
        c = c.slice(1);
        if (c.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (c[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      c = c.slice(1);
    }
  }
  return failed ? undefined : s;
}

function matchClass(chunk: string[], r: string): { matched: boolean; rest: string[] } {
  let c = chunk;
  let negated = false;
  if (c[0] === '^') {
    negated = true;
    c = c.slice(1);
  }
  let match = false;
  for (let n = 0; ; n++) {
    if (c[0] === ']' && n > 0) return { matched: match !== negated, rest: c.slice(1) };
    const lo = getEsc(c);
    let hi = lo.r;
    c = lo.rest;
    if (c[0] === '-') {
      const h = getEsc(c.slice(1));
      hi = h.r;
      c = h.rest;
    }
    const code = r.codePointAt(0) ?? -1;
    if ((lo.r.codePointAt(0) ?? 0) <= code && code <= (hi.codePointAt(0) ?? 0)) match = true;
  }
}

function getEsc(chunk: string[]): { r: string; rest: string[] } {
  let c = chunk;
  if (c.length === 0 || c[0] === '-' || c[0] === ']') throw new BadPattern();
  if (c[0] === '\\') {
    c = c.slice(1);
    if (c.length === 0) throw new BadPattern();
  }
  const r = c[0] ?? '';
  const rest = c.slice(1);
  if (rest.length === 0) throw new BadPattern();
  return { r, rest };
}
