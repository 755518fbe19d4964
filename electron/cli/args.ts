/**
 * A small command-line parser with the behaviour of docker's cobra/pflag that scripts rely on:
 * flags may appear anywhere among the arguments, `--flag=value` and `--flag value`, bundled short booleans
 * (`-ap`), string slices split on commas and repeatable, `--` ends flags.
 */

export type FlagKind = 'bool' | 'string' | 'stringSlice';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** Shown after the flag name in help (`string`, `strings`); derived from kind when omitted. */
  valueName?: string;
  description: string;
}

export interface ParsedArgs {
  flags: Map<string, boolean | string | string[]>;
  args: string[];
}

/** A flag the command does not know or a value that is missing: docker exits 125 for these. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/** A command line as `docker manifest` reads it: global options, the command, and the command's own arguments. */
export interface CommandLine {
  /** `--config DIR` or `--config=DIR` before the command. */
  configFlag: string | undefined;
  command: string | undefined;
  args: string[];
}

/**
 * Splits off what comes before the command: `--config` (docker's global option) and the word `manifest`,
 * so a `docker manifest …` line works after changing one word. A `--config` with no value is a FlagError.
 */
export function splitCommandLine(argv: readonly string[]): CommandLine {
  let rest = [...argv];
  let configFlag: string | undefined;
  while (rest[0]?.startsWith('--config')) {
    const a = rest.shift() as string;
    if (a.startsWith('--config=')) configFlag = a.slice('--config='.length);
    else {
      configFlag = rest.shift();
      if (configFlag === undefined) throw new FlagError('flag needs an argument: --config');
    }
  }
  if (rest[0] === 'manifest') rest = rest.slice(1);
  const [command, ...args] = rest;
  return { configFlag, command, args };
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const flags = new Map<string, boolean | string | string[]>();
  const args: string[] = [];
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));

  const set = (spec: FlagSpec, value: string | undefined, shown: string): void => {
    if (spec.kind === 'bool') {
      flags.set(spec.name, parseBool(value ?? 'true', shown));
    } else if (value === undefined) {
      throw new FlagError(`flag needs an argument: ${shown}`);
    } else if (spec.kind === 'string') {
      flags.set(spec.name, value);
    } else {
      const prev = flags.get(spec.name);
      const list = Array.isArray(prev) ? prev : [];
      flags.set(spec.name, [...list, ...splitSlice(value)]);
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const spec = byLong.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      let value = eq === -1 ? undefined : a.slice(eq + 1);
      if (value === undefined && spec.kind !== 'bool' && i + 1 < argv.length) value = argv[++i];
      set(spec, value, `--${name}`);
    } else if (a.startsWith('-') && a.length > 1) {
      // Bundled shorthands: every letter but the last must be a bool; the last may take a value.
      for (let j = 1; j < a.length; j++) {
        const letter = a[j] as string;
        const spec = byShort.get(letter);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in ${a}`);
        if (spec.kind === 'bool') {
          const rest = a.slice(j + 1);
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), `-${letter}`);
            break;
          }
          set(spec, undefined, `-${letter}`);
          continue;
        }
        let value: string | undefined = a.slice(j + 1).replace(/^=/, '');
        if (value === '') value = i + 1 < argv.length ? argv[++i] : undefined;
        set(spec, value, `-${letter}`);
        break;
      }
    } else {
      args.push(a);
    }
  }
  return { flags, args };
}

function parseBool(v: string, shown: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw new FlagError(`invalid argument "${v}" for "${shown}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
}

/** pflag reads slices as one CSV record; quotes are rare in practice, plain comma split covers them. */
function splitSlice(v: string): string[] {
  return v === '' ? [] : v.split(',');
}

export function flagBool(p: ParsedArgs, name: string): boolean {
  return p.flags.get(name) === true;
}

export function flagString(p: ParsedArgs, name: string): string {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : '';
}

export function flagSlice(p: ParsedArgs, name: string): string[] {
  const v = p.flags.get(name);
  return Array.isArray(v) ? v : [];
}
