import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getHarness, toolPath } from '../harness';
import { writeConfig } from './credentials-util';
import { bin, buildCli, ours, sandbox, scriptDir, type Sandbox } from './run';

const h = getHarness();
const { plain, tls, basic } = h.registries;
const root = join(__dirname, '..', '..');

beforeAll(() => buildCli());

/** A credential helper that records the NODE_EXTRA_CA_CERTS it was started with, and its parent's (from /proc). */
function envProbe(box: Sandbox): () => string[] {
  const log = join(box.dir, 'probe.log');
  const dir = scriptDir(
    'docker-credential-envprobe',
    [
      '#!/bin/sh',
      `{ echo "helper:\${NODE_EXTRA_CA_CERTS-unset}"`,
      `  tr '\\0' '\\n' < /proc/$PPID/environ | grep '^NODE_EXTRA_CA_CERTS=' | sed 's/^/node-started-with:/'; } >> '${log}'`,
      'case "$1" in get) echo "credentials not found in native keychain"; exit 1;; *) cat > /dev/null;; esac',
      '',
    ].join('\n'),
  );
  box.env.PATH = `${dir}:${toolPath()}`;
  writeConfig(box, { auths: {}, credsStore: 'envprobe' });
  return () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
}

describe('the installed command and NODE_EXTRA_CA_CERTS', () => {
  it('trusts the file for TLS, as Node does', async () => {
    const ref = `${tls.host}/${h.catalog.multi.ref}`;
    const r = await ours(sandbox(), ['inspect', ref], undefined, { NODE_EXTRA_CA_CERTS: tls.caFile });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).manifests).toHaveLength(12);
    // The file is what made the registry trusted.
    expect((await ours(sandbox(), ['inspect', ref])).stderr).toMatch(/certificate/i);
  });

  it.skipIf(!existsSync('/proc/self/environ'))('leaves the variable as it is, for Node and for the processes it starts', async () => {
    const box = sandbox();
    const seen = envProbe(box);
    const r = await ours(box, ['login', '-u', basic.username ?? '', '--password-stdin', basic.host], `${basic.password ?? ''}\n`, { NODE_EXTRA_CA_CERTS: tls.caFile });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen()).toContain(`helper:${tls.caFile}`);
    expect(seen()).toContain(`node-started-with:NODE_EXTRA_CA_CERTS=${tls.caFile}`);
  });

  it("shows Node's own warning for a file it cannot read, and goes on", async () => {
    const missing = join(sandbox().dir, 'no-such-ca.pem');
    const r = await ours(sandbox(), ['inspect', `${plain.host}/${h.catalog.amd64.ref}`], undefined, { NODE_EXTRA_CA_CERTS: missing });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^Warning: Ignoring extra certs from \`${missing}\`, load failed: [^\\n]*\\n$`));
    expect(JSON.parse(r.stdout).config.digest).toBe(h.catalog.amd64.config.digest);
  });
});

describe('the compile cache', () => {
  it("lives in the user's cache directory, and a second run uses it", async () => {
    const box = sandbox();
    const cacheHome = join(box.dir, 'xdg-cache');
    const first = await ours(box, ['--version'], undefined, { XDG_CACHE_HOME: cacheHome });
    expect(first.code, first.stderr).toBe(0);
    const dir = join(cacheHome, 'manifest-studio', 'compile');
    const written = readdirSync(dir);
    expect(written.length).toBeGreaterThan(0);
    const again = await ours(box, ['--version'], undefined, { XDG_CACHE_HOME: cacheHome });
    expect(again.stdout).toBe(first.stdout);
    expect(readdirSync(dir)).toEqual(written);
    // Node 20's own cache of the bundle: one written for an earlier build of it is removed with the next write.
    if (written.some((f) => f.endsWith('.v8'))) {
      writeFileSync(join(dir, 'manifest-studio.js.0000000000000000.v8'), 'old');
      const kept = written.filter((f) => f.endsWith('.v8'));
      for (const f of kept) writeFileSync(join(dir, f), 'stale for this Node');
      await ours(box, ['--version'], undefined, { XDG_CACHE_HOME: cacheHome });
      expect(readdirSync(dir).filter((f) => f.endsWith('.v8'))).toEqual(kept);
    }
  });

  it('a cache directory that cannot be written costs nothing but the cache', async () => {
    const box = sandbox();
    // Below a plain file: no directory can be made there, whoever runs it (root included).
    writeFileSync(join(box.dir, 'a-file'), '');
    const r = await ours(box, ['--version'], undefined, { XDG_CACHE_HOME: join(box.dir, 'a-file', 'cache') });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('npm shims', () => {
  it('run node on the file (cmd.exe, PowerShell and Git Bash shims), never /bin/sh', async () => {
    const npmRoot = join(dirname(realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())), '..');
    const cmdShim = (await import(join(npmRoot, 'node_modules', 'cmd-shim', 'lib', 'index.js'))) as { default: (from: string, to: string) => Promise<void> };
    const dir = mkdtempSync(join(tmpdir(), 'studio-shims-'));
    const shim = join(dir, 'manifest-studio');
    await cmdShim.default(bin, shim);
    const cmd = readFileSync(`${shim}.cmd`, 'utf8');
    expect(cmd).toMatch(/SET "_prog=node"/);
    expect(cmd).toMatch(/"%_prog%" +"%dp0%\\[^"]*manifest-studio\.js" %\*/);
    expect(readFileSync(`${shim}.ps1`, 'utf8')).toMatch(/& "node\$exe" +"\$basedir\/[^"]*manifest-studio\.js" \$args/);
    for (const text of [cmd, readFileSync(`${shim}.ps1`, 'utf8'), readFileSync(shim, 'utf8')]) expect(text).not.toMatch(/\/bin\/sh"/);
    // The sh shim (Git Bash, Cygwin) runs here as it runs there.
    const r = spawnSync('sh', [shim, '--version'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^manifest-studio \d/);
  });
});

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('a root-owned global install, run by another user', () => {
  it('works, and writes nothing next to the installed files', async () => {
    const work = mkdtempSync(join(tmpdir(), 'studio-global-'));
    chmodSync(work, 0o755);
    // The package as published: `npm pack` of a copy of the project's files (its prepare step builds the CLI).
    const pack = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    const prefix = join(work, 'prefix');
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, pack)], { encoding: 'utf8', stdio: 'pipe' });
    const installed = join(prefix, 'bin', 'manifest-studio');
    const home = join(work, 'home');
    mkdirSync(home);
    execFileSync('chown', ['-R', 'nobody', home]);
    const before = listTree(prefix);
    const asNobody = (args: string[]) =>
      spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', installed, ...args], {
        encoding: 'utf8',
        env: { PATH: toolPath(), HOME: home, DOCKER_CONFIG: join(home, 'docker'), MANIFEST_STUDIO_SETTINGS: join(home, 'none.json'), MANIFEST_STUDIO_CACHE: 'off' },
      });
    const r = asNobody(['inspect', `${plain.host}/${h.catalog.amd64.ref}`]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).config.digest).toBe(h.catalog.amd64.config.digest);
    expect(readdirSync(join(home, '.cache', 'manifest-studio', 'compile')).length).toBeGreaterThan(0);
    expect(asNobody(['--version']).stdout).toMatch(/^manifest-studio \d/);
    expect(listTree(prefix)).toEqual(before);
    // The command needs no Electron: a dev dependency, never installed with the package.
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'manifest-studio', 'node_modules', 'electron'))).toBe(false);
  }, 180_000);
});

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}
