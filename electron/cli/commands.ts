import type { FlagSpec, ParsedArgs } from './args';
import type { CommandHelp } from './help';
import type { TcpSockets } from '../core/net';

/** Where a command writes: stdout for results, stderr for errors and warnings. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads all of stdin (for `login --password-stdin`). */
  readStdin(): Promise<string>;
}

export interface CliContext {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  /** The `--config` global flag, if given. */
  configFlag: string | undefined;
  signal: AbortSignal;
  /** Connections the launcher opened ahead (see early.ts). */
  earlySockets?: TcpSockets;
}

export interface CommandSpec extends CommandHelp {
  /** Checks the argument count; returns docker's message for a wrong count. */
  checkArgs(args: readonly string[]): string | undefined;
  run(ctx: CliContext, parsed: ParsedArgs): Promise<number>;
}

const insecure = (description: string): FlagSpec => ({ name: 'insecure', kind: 'bool', description });

export const FLAGS = {
  inspect: [
    insecure('Allow communication with an insecure registry'),
    { name: 'verbose', short: 'v', kind: 'bool', description: 'Output additional info including layers and platform' },
  ],
  create: [
    { name: 'amend', short: 'a', kind: 'bool', description: 'Amend an existing manifest list' },
    insecure('Allow communication with an insecure registry'),
  ],
  annotate: [
    { name: 'arch', kind: 'string', description: 'Set architecture' },
    { name: 'os', kind: 'string', description: 'Set operating system' },
    { name: 'os-features', kind: 'stringSlice', description: 'Set operating system feature' },
    { name: 'os-version', kind: 'string', description: 'Set operating system version' },
    { name: 'variant', kind: 'string', description: 'Set architecture variant' },
  ],
  push: [
    insecure('Allow push to an insecure registry'),
    { name: 'purge', short: 'p', kind: 'bool', description: 'Remove the local manifest list after push' },
  ],
  rm: [],
  login: [
    { name: 'password', short: 'p', kind: 'string', description: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', kind: 'bool', description: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', short: 'u', kind: 'string', description: 'Username' },
  ],
  logout: [],
} as const satisfies Record<string, readonly FlagSpec[]>;

export function between(name: string, min: number, max: number): (args: readonly string[]) => string | undefined {
  return (args) => {
    if (args.length >= min && args.length <= max) return undefined;
    if (min === max) return `'${name}' requires ${min} argument${min === 1 ? '' : 's'}`;
    if (max === Infinity) return `'${name}' requires at least ${min} argument${min === 1 ? '' : 's'}`;
    if (min === 0) return `'${name}' accepts at most ${max} argument${max === 1 ? '' : 's'}`;
    return `'${name}' requires at least ${min} and at most ${max} arguments`;
  };
}
