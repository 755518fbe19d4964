import type { FlagSpec } from './args';

/** What the help and usage texts need to know about a command. */
export interface CommandHelp {
  name: string;
  /** After the program name: `inspect [OPTIONS] [MANIFEST_LIST] MANIFEST`. */
  usage: string;
  short: string;
  long?: string;
  flags: readonly FlagSpec[];
  /** docker says "See" for commands with variadic args and "Run" for the others; we keep its words. */
  hintVerb: 'See' | 'Run';
}

export const PROGRAM = 'manifest-studio';

/** `--help` text, laid out like docker's cobra template. */
export function commandHelp(c: CommandHelp): string {
  const parts = [`Usage:  ${PROGRAM} ${c.usage}`, '', c.long ?? c.short, ''];
  if (c.flags.length > 0) parts.push('Options:', ...flagLines(c.flags), '');
  return parts.join('\n');
}

/** The block docker prints after an argument-count or flag error. */
export function usageHint(c: CommandHelp): string {
  return `\nUsage:  ${PROGRAM} ${c.usage}\n\n${c.hintVerb} '${PROGRAM} ${c.name} --help' for more information\n`;
}

function flagLines(flags: readonly FlagSpec[]): string[] {
  const left = flags.map((f) => {
    const short = f.short ? `-${f.short}, ` : '    ';
    const value = f.valueName ?? (f.kind === 'string' ? 'string' : f.kind === 'stringSlice' ? 'strings' : '');
    return `  ${short}--${f.name}${value ? ` ${value}` : ''}`;
  });
  const width = Math.max(...left.map((l) => l.length)) + 3;
  return left.map((l, i) => l.padEnd(width) + (flags[i] as FlagSpec).description);
}

export function rootHelp(commands: readonly CommandHelp[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  return [
    `Usage:  ${PROGRAM} [--config DIR] COMMAND`,
    '',
    'Inspect, create, annotate and push multi-platform image lists (Docker manifest lists and OCI indexes).',
    `A drop-in for \`docker manifest\`: same commands, flags, output and local drafts (in DIR/manifests,`,
    'DIR being --config, $DOCKER_CONFIG or ~/.docker).',
    '',
    'Global options:',
    '      --config string   Location of client config files (default "~/.docker")',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.short}`),
    '',
    `Run '${PROGRAM} COMMAND --help' for more information on a command.`,
    '',
  ].join('\n');
}
