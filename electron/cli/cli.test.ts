import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlagError, parseArgs } from './args';
import { FLAGS } from './commands';
import { runCli } from './main';

const fixtures = join(__dirname, '..', '..', 'test', 'fixtures', 'docker-cli');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), readStdin: async () => '' };
  const code = await runCli(argv, io, { HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent/.docker' }, new AbortController().signal);
  return { code, out, err };
}

/** docker's help minus its EXPERIMENTAL paragraph, with our program name: the only two differences we allow. */
function dockerHelp(command: string): string {
  const text = readFileSync(join(fixtures, `help-${command}.txt`), 'utf8');
  return text
    .replace(/\nEXPERIMENTAL:\n(?: {2}.*\n)+/, '')
    .replaceAll('docker manifest', 'manifest-studio');
}

describe('help texts', () => {
  for (const command of ['inspect', 'create', 'annotate', 'push', 'rm']) {
    it(`${command} --help matches docker's layout`, async () => {
      const r = await run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toBe(dockerHelp(command));
    });
  }
});

describe('argument errors as docker reports them', () => {
  it('a --config without its value is a flag error (exit 125) followed by the usage', async () => {
    const r = await run(['--config']);
    expect(r.code).toBe(125);
    expect(r.err.startsWith('flag needs an argument: --config\n\nUsage:  manifest-studio [--config DIR] COMMAND\n')).toBe(true);
    expect(r.out).toBe('');
  });

  it('--config DIR, --config=DIR and the word `manifest` come before the command', async () => {
    for (const argv of [['--config', '/x', 'manifest', '--version'], ['--config=/x', '--version'], ['manifest', 'version']]) {
      expect(await run(argv), argv.join(' ')).toEqual({ code: 0, out: 'manifest-studio 0.0.0-dev\n', err: '' });
    }
  });

  it('counts arguments with docker texts and exit 1', async () => {
    const r = await run(['create', 'a']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "manifest-studio: 'manifest-studio create' requires at least 2 arguments\n\nUsage:  manifest-studio create MANIFEST_LIST MANIFEST [MANIFEST...]\n\nSee 'manifest-studio create --help' for more information\n",
    );
    expect((await run(['inspect'])).err).toContain("'manifest-studio inspect' requires at least 1 and at most 2 arguments");
    expect((await run(['annotate', 'a'])).err).toContain("'manifest-studio annotate' requires 2 arguments");
    expect((await run(['push'])).err).toContain("'manifest-studio push' requires 1 argument\n");
    expect((await run(['rm'])).err).toContain("'manifest-studio rm' requires at least 1 argument");
  });

  it('exits 125 on flag errors', async () => {
    const bogus = await run(['inspect', '--bogus', 'x']);
    expect(bogus.code).toBe(125);
    expect(bogus.err.startsWith('unknown flag: --bogus\n\nUsage:  manifest-studio inspect [OPTIONS] [MANIFEST_LIST] MANIFEST\n')).toBe(true);
    expect((await run(['inspect', '-x', 'y'])).err).toContain("unknown shorthand flag: 'x' in -x");
    expect((await run(['annotate', '--os'])).err).toContain('flag needs an argument: --os');
    expect((await run(['inspect', '--insecure=foo', 'a'])).err).toContain(
      'invalid argument "foo" for "--insecure" flag: strconv.ParseBool: parsing "foo": invalid syntax',
    );
  });

  it('prints usage to stderr and exits 0 without a command, like docker', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('Usage:  manifest-studio');
  });

  it('rejects a malformed reference with docker text before any network', async () => {
    const r = await run(['inspect', 'UPPER']);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe('invalid reference format: repository name (library/UPPER) must be lowercase');
  });

  it('rm reports every missing draft, one per line', async () => {
    const r = await run(['rm', 'nope', 'UPPER', 'nope2']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'No such manifest: docker.io/library/nope:latest\ninvalid reference format: repository name (library/UPPER) must be lowercase\nNo such manifest: docker.io/library/nope2:latest\n',
    );
  });
});

describe('parseArgs', () => {
  it('takes flags anywhere, = values, bundles and repeated slices', () => {
    const p = parseArgs(['L', '--os=linux', 'E', '--os-features', 'a,b', '--os-features', 'c'], FLAGS.annotate);
    expect(p.args).toEqual(['L', 'E']);
    expect(p.flags.get('os')).toBe('linux');
    expect(p.flags.get('os-features')).toEqual(['a', 'b', 'c']);
    const q = parseArgs(['-ap', 'x'], [...FLAGS.create, { name: 'purge', short: 'p', kind: 'bool', description: '' }]);
    expect(q.flags.get('amend')).toBe(true);
    expect(q.flags.get('purge')).toBe(true);
    expect(parseArgs(['--', '--os'], FLAGS.annotate).args).toEqual(['--os']);
    expect(() => parseArgs(['--nope'], FLAGS.annotate)).toThrow(FlagError);
  });
});
