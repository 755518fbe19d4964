import { flagBool, flagSlice, flagString } from './args';
import { type CliContext, type CommandSpec, FLAGS, between } from './commands';
import { StudioError } from '../../shared/errors';
import { createCore, dockerAnnotate, dockerCreate, dockerRm, login, loginDomain, logout } from '../core/operations';
import { dockerInspect } from './docker-inspect';
import { dockerPush } from './docker-push';
import { credentialKey } from '../core/credentials';

// A synchronous content cache: its entries are on disk once verified, so an exiting CLI has nothing to flush.
const core = (ctx: CliContext) =>
  createCore({
    configFlag: ctx.configFlag,
    env: ctx.env,
    syncCache: true,
    onWarning: (line) => ctx.io.err(`${line}\n`),
    ...(ctx.earlySockets ? { earlySockets: ctx.earlySockets } : {}),
  });

/** Every subcommand, in the order help lists them. Texts follow `docker manifest` 28.2.2. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'annotate',
    usage: 'annotate [OPTIONS] MANIFEST_LIST MANIFEST',
    short: 'Add additional information to a local image manifest',
    flags: FLAGS.annotate,
    hintVerb: 'Run',
    checkArgs: between('annotate', 2, 2),
    async run(ctx, p) {
      await dockerAnnotate(core(ctx), {
        list: p.args[0] as string,
        entry: p.args[1] as string,
        os: flagString(p, 'os'),
        arch: flagString(p, 'arch'),
        variant: flagString(p, 'variant'),
        osVersion: flagString(p, 'os-version'),
        osFeatures: flagSlice(p, 'os-features'),
      });
      return 0;
    },
  },
  {
    name: 'create',
    usage: 'create MANIFEST_LIST MANIFEST [MANIFEST...]',
    short: 'Create a local manifest list for annotating and pushing to a registry',
    flags: FLAGS.create,
    hintVerb: 'See',
    checkArgs: between('create', 2, Infinity),
    async run(ctx, p) {
      const [list, ...components] = p.args as [string, ...string[]];
      const out = await dockerCreate(core(ctx), {
        list,
        components,
        amend: flagBool(p, 'amend'),
        insecure: flagBool(p, 'insecure'),
        signal: ctx.signal,
      });
      ctx.io.out(out);
      return 0;
    },
  },
  {
    name: 'inspect',
    usage: 'inspect [OPTIONS] [MANIFEST_LIST] MANIFEST',
    short: 'Display an image manifest, or manifest list',
    flags: FLAGS.inspect,
    hintVerb: 'Run',
    checkArgs: between('inspect', 1, 2),
    async run(ctx, p) {
      const [a, b] = p.args as [string, string | undefined];
      const out = await dockerInspect(core(ctx), {
        list: b === undefined ? undefined : a,
        ref: b ?? a,
        verbose: flagBool(p, 'verbose'),
        insecure: flagBool(p, 'insecure'),
        signal: ctx.signal,
      });
      ctx.io.out(out);
      return 0;
    },
  },
  {
    name: 'login',
    usage: 'login [OPTIONS] [SERVER]',
    short: 'Log in to a registry (verified against it, stored as docker stores it)',
    flags: FLAGS.login,
    hintVerb: 'Run',
    checkArgs: between('login', 0, 1),
    async run(ctx, p) {
      let password = flagString(p, 'password');
      if (flagBool(p, 'password-stdin')) {
        if (password) throw new StudioError('BAD_INPUT', '--password and --password-stdin are mutually exclusive');
        password = (await ctx.io.readStdin()).replace(/\r?\n$/, '');
      } else if (password) {
        ctx.io.err('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
      }
      await login(core(ctx), p.args[0], flagString(p, 'username'), password, ctx.signal);
      ctx.io.out('Login Succeeded\n');
      return 0;
    },
  },
  {
    name: 'logout',
    usage: 'logout [SERVER]',
    short: 'Log out from a registry',
    flags: FLAGS.logout,
    hintVerb: 'Run',
    checkArgs: between('logout', 0, 1),
    async run(ctx, p) {
      ctx.io.out(`Removing login credentials for ${credentialKey(loginDomain(p.args[0]))}\n`);
      await logout(core(ctx), p.args[0]);
      return 0;
    },
  },
  {
    name: 'push',
    usage: 'push [OPTIONS] MANIFEST_LIST',
    short: 'Push a manifest list to a repository',
    flags: FLAGS.push,
    hintVerb: 'Run',
    checkArgs: between('push', 1, 1),
    async run(ctx, p) {
      const out = await dockerPush(core(ctx), {
        list: p.args[0] as string,
        purge: flagBool(p, 'purge'),
        insecure: flagBool(p, 'insecure'),
        signal: ctx.signal,
      });
      ctx.io.out(out);
      return 0;
    },
  },
  {
    name: 'rm',
    usage: 'rm MANIFEST_LIST [MANIFEST_LIST...]',
    short: 'Delete one or more manifest lists from local storage',
    flags: FLAGS.rm,
    hintVerb: 'See',
    checkArgs: between('rm', 1, Infinity),
    async run(ctx, p) {
      await dockerRm(core(ctx), p.args);
      return 0;
    },
  },
];
