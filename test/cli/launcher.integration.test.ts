import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getHarness } from '../harness';
import { writeConfig } from './credentials-util';
import { bin, buildCli, ours, sandbox, scriptDir, type Sandbox } from './run';

const h = getHarness();
const { plain, tls, basic } = h.registries;

beforeAll(() => buildCli());

/**
 * A credential helper that records what it was started with: its own NODE_EXTRA_CA_CERTS, and the one its
 * parent (our Node process) was started with, from /proc (the environment at exec, whatever the process
 * changed in it later).
 */
function envProbe(box: Sandbox): () => string[] {
  const log = join(box.dir, 'probe.log');
  const dir = scriptDir(
    'docker-credential-envprobe',
    [
      '#!/bin/sh',
      `{ echo "helper:\${NODE_EXTRA_CA_CERTS-unset}"; echo "moved:\${MANIFEST_STUDIO_MOVED_CA_CERTS-unset}"`,
      `  tr '\\0' '\\n' < /proc/$PPID/environ | grep '^NODE_EXTRA_CA_CERTS=' | sed 's/^/node-started-with:/'; } >> '${log}'`,
      'case "$1" in get) echo "credentials not found in native keychain"; exit 1;; *) cat > /dev/null;; esac',
      '',
    ].join('\n'),
  );
  box.env.PATH = `${dir}:${process.env.PATH ?? ''}`;
  writeConfig(box, { auths: {}, credsStore: 'envprobe' });
  return () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
}

const login = (box: Sandbox, env: NodeJS.ProcessEnv) =>
  ours(box, ['login', '-u', basic.username ?? '', '--password-stdin', basic.host], `${basic.password ?? ''}\n`, env);

describe.skipIf(!existsSync('/proc/self/environ'))('the installed command and NODE_EXTRA_CA_CERTS', () => {
  it('trusts the file for TLS as Node would', async () => {
    const ref = `${tls.host}/${h.catalog.multi.ref}`;
    const r = await ours(sandbox(), ['inspect', ref], undefined, { NODE_EXTRA_CA_CERTS: tls.caFile });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).manifests).toHaveLength(12);
    // The file is what made the registry trusted.
    expect((await ours(sandbox(), ['inspect', ref])).stderr).toMatch(/certificate/i);
  });

  it('starts Node without it and gives it back to the processes it starts', async () => {
    const box = sandbox();
    const seen = envProbe(box);
    const r = await login(box, { NODE_EXTRA_CA_CERTS: tls.caFile });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen()).toContain(`helper:${tls.caFile}`);
    expect(seen()).toContain('moved:unset');
    expect(seen().filter((l) => l.startsWith('node-started-with:'))).toEqual([]);
  });

  it('is left to Node when NODE_OPTIONS is set, or when Node runs the file itself', async () => {
    const box = sandbox();
    const seen = envProbe(box);
    expect((await login(box, { NODE_EXTRA_CA_CERTS: tls.caFile, NODE_OPTIONS: '--max-http-header-size=32768' })).code).toBe(0);
    const direct = spawnSync(process.execPath, [bin, 'login', '-u', basic.username ?? '', '--password-stdin', basic.host], {
      env: { ...box.env, NODE_EXTRA_CA_CERTS: tls.caFile },
      input: `${basic.password ?? ''}\n`,
      encoding: 'utf8',
    });
    expect(direct.stderr).toBe('');
    expect(seen().filter((l) => l.startsWith('node-started-with:'))).toEqual([`node-started-with:NODE_EXTRA_CA_CERTS=${tls.caFile}`, `node-started-with:NODE_EXTRA_CA_CERTS=${tls.caFile}`]);
    expect(seen().filter((l) => l.startsWith('helper:'))).toEqual([`helper:${tls.caFile}`, `helper:${tls.caFile}`]);
  });

  it('warns about a file it cannot read, as Node does, and goes on', async () => {
    const missing = join(sandbox().dir, 'no-such-ca.pem');
    const r = await ours(sandbox(), ['inspect', `${plain.host}/${h.catalog.amd64.ref}`], undefined, { NODE_EXTRA_CA_CERTS: missing });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^Warning: Ignoring extra certs from \`${missing}\`, load failed: ENOENT[^\\n]*\\n$`));
    expect(JSON.parse(r.stdout).config.digest).toBe(h.catalog.amd64.config.digest);
  });
});
