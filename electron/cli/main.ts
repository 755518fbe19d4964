import { FlagError, parseArgs, splitCommandLine } from './args';
import type { CliContext, CliIo, CommandSpec } from './commands';
import { COMMANDS } from './command-table';
import { PROGRAM, commandHelp, rootHelp, usageHint } from './help';
import { toErrorData } from '../../shared/errors';
import { STUDIO_VERSION } from '../core/operations';
import type { TcpSockets } from '../core/net';

/** docker's exit code for flag errors (cobra's "usage" errors); everything else that fails is 1. */
const EXIT_USAGE = 125;

/**
 * Runs one CLI invocation and returns its exit code. Pure of process globals so tests can drive it
 * in-process; `electron/cli/bin.ts` binds it to the real process.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
  options: { earlySockets?: TcpSockets } = {},
): Promise<number> {
  let line;
  try {
    line = splitCommandLine(argv);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    io.err(`${e.message}\n\n${rootHelp(COMMANDS)}`);
    return EXIT_USAGE;
  }
  const { configFlag, command: name } = line;
  if (name === undefined) {
    io.err(rootHelp(COMMANDS));
    return 0;
  }
  if (name === '--help' || name === 'help' || name === '-h') {
    io.out(rootHelp(COMMANDS));
    return 0;
  }
  if (name === '--version' || name === 'version') {
    io.out(`${PROGRAM} ${STUDIO_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`${PROGRAM}: unknown command: ${PROGRAM} ${name}\n\nUsage:  ${PROGRAM} COMMAND\n\nRun '${PROGRAM} --help' for more information\n`);
    return 1;
  }
  return runCommand(command, line.args, { io, env, configFlag, signal, ...(options.earlySockets ? { earlySockets: options.earlySockets } : {}) });
}

async function runCommand(command: CommandSpec, argv: string[], ctx: CliContext): Promise<number> {
  if (argv.includes('--help')) {
    ctx.io.out(commandHelp(command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs(argv, command.flags);
  } catch (e) {
    if (e instanceof FlagError) {
      ctx.io.err(`${e.message}\n${usageHint(command)}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const countError = command.checkArgs(parsed.args);
  if (countError) {
    ctx.io.err(`${PROGRAM}: '${PROGRAM} ${countError.slice(1)}\n${usageHint(command)}`);
    return 1;
  }
  try {
    return await command.run(ctx, parsed);
  } catch (e) {
    const data = toErrorData(e);
    ctx.io.err(`${data.message}\n${data.hint ? `hint: ${data.hint}\n` : ''}`);
    return 1;
  }
}
