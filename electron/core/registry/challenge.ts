/** One `WWW-Authenticate` challenge: scheme (lower case) and parameters (keys lower case). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` value (RFC 7235): several challenges, quoted strings with escapes and
 * commas inside quotes, token68 values. Unparseable tails are dropped rather than thrown: a registry's
 * odd header must not turn into a crash, only into "no usable challenge".
 */
export function parseWwwAuthenticate(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  const values = Array.isArray(header) ? header : [header];
  return values.flatMap(parseOne);
}

function parseOne(input: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = input.length;
  const skipWs = (): void => {
    while (i < n && (input[i] === ' ' || input[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(input[i] ?? '')) i++;
    return input.slice(start, i);
  };
  const readQuoted = (): string => {
    i++; // opening quote
    let s = '';
    while (i < n && input[i] !== '"') {
      if (input[i] === '\\' && i + 1 < n) i++;
      s += input[i];
      i++;
    }
    i++; // closing quote
    return s;
  };
  let current: Challenge | undefined;
  while (i < n) {
    skipWs();
    if (input[i] === ',') {
      i++;
      continue;
    }
    const token = readToken();
    if (token === '') {
      i++; // skip a stray character
      continue;
    }
    skipWs();
    if (input[i] === '=' && current) {
      i++;
      skipWs();
      const value = input[i] === '"' ? readQuoted() : readToken();
      current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
      // token68 form (`Basic abc==`) carries no parameters we use; skip it.
      const save = i;
      const t68 = input.slice(i).match(/^[A-Za-z0-9\-._~+/]+=*\s*(,|$)/);
      if (t68 && !/^[A-Za-z0-9\-._~+/]+\s*=\s*[^=,\s]/.test(input.slice(save))) i += t68[0].length;
    }
  }
  return out;
}
