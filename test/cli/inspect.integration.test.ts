import { beforeAll, describe, expect, it } from 'vitest';
import { getHarness } from '../harness';
import { buildCli, docker, hasDocker, ours, sandbox } from './run';

const h = getHarness();
const plain = h.registries.plain;

beforeAll(() => buildCli());

describe.skipIf(!hasDocker)('inspect prints what docker prints', () => {
  const box = sandbox();
  const refs = () => h.catalog.tagged.filter((t) => t.seededIn.includes('plain')).map((t) => `${plain.host}/${t.ref}`);

  it.each([[false], [true]])('every seeded image and list, verbose=%s', async (verbose) => {
    for (const ref of refs()) {
      const flags = verbose ? ['--verbose'] : [];
      const [a, b] = await Promise.all([ours(box, ['inspect', ...flags, ref]), docker(box, ['manifest', 'inspect', '--insecure', ...flags, ref])]);
      expect(b.code, `docker on ${ref}: ${b.stderr}`).toBe(0);
      expect(a.stderr, ref).toBe('');
      expect(a.code, ref).toBe(0);
      expect(a.stdout, ref).toBe(b.stdout);
    }
  });

  it('prints the list with attestation entries as docker does (unknown/unknown kept for parity)', async () => {
    const r = await ours(box, ['inspect', `${plain.host}/${h.catalog.ociIndex.ref}`]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { mediaType: string; manifests: { platform: { os: string } }[] };
    expect(list.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(list.manifests.filter((m) => m.platform.os === 'unknown')).toHaveLength(3);
  });
});

describe('inspect against every registry mode', () => {
  it('reads through TLS with the CA from the settings file, and refuses an unknown CA with a hint', async () => {
    const tls = h.registries.tls;
    const ref = `${tls.host}/${h.catalog.multi.ref}`;
    const trusted = sandbox({ registries: { [tls.host]: { caFile: tls.caFile } } });
    const ok = await ours(trusted, ['inspect', ref]);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout).manifests).toHaveLength(12);
    const untrusted = await ours(sandbox(), ['inspect', ref]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/certificate/i);
    expect(untrusted.stderr).toMatch(/caFile|--insecure/);
    const insecure = await ours(sandbox(), ['inspect', '--insecure', ref]);
    expect(insecure.code).toBe(0);
  });

  it('says "log in" for a private registry instead of docker\'s "no such manifest"', async () => {
    for (const reg of [h.registries.basic, h.registries.token]) {
      const r = await ours(sandbox(), ['inspect', `${reg.host}/${h.catalog.amd64.ref}`]);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/no such manifest/i);
      expect(r.stderr).toMatch(/login|log in|authentication/i);
    }
  });

  it('says no such manifest for a missing tag, naming it', async () => {
    const r = await ours(sandbox(), ['inspect', `${plain.host}/test/multi:nope`]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/no such manifest|manifest unknown/i);
    expect(r.stderr).toContain('test/multi:nope');
  });

  it('fails fast and clearly for an unreachable registry', async () => {
    const r = await ours(sandbox(), ['inspect', '127.0.0.1:1/test/x:latest']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/127\.0\.0\.1:1/);
    expect(r.stderr).toMatch(/refused|running/i);
  });

  it('prints only the command output through npm run --silent cli', async () => {
    const { spawnSync } = await import('node:child_process');
    const box = sandbox();
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'inspect', `${plain.host}/${h.catalog.amd64.ref}`], {
      encoding: 'utf8',
      env: { ...process.env, ...box.env },
    });
    const direct = await ours(box, ['inspect', `${plain.host}/${h.catalog.amd64.ref}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(direct.stdout);
    expect(r.stderr).toBe('');
  });

  it('reads children and configs it fetched before from its content cache: same output, one request', async () => {
    const trace = { MANIFEST_STUDIO_TRACE: '1' };
    const ref = `${plain.host}/${h.catalog.multi.ref}`;
    const box = sandbox();
    const gets = (stderr: string): string[] => stderr.split('\n').filter((l) => / GET http:\/\//.test(l));
    const cold = await ours(box, ['inspect', '--verbose', ref], undefined, trace);
    expect(cold.code, cold.stderr).toBe(0);
    expect(gets(cold.stderr)).toHaveLength(25);
    const warm = await ours(box, ['inspect', '--verbose', ref], undefined, trace);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    // Only the list itself: a tag is always resolved afresh.
    expect(gets(warm.stderr)).toHaveLength(1);
    expect(gets(warm.stderr)[0]).toMatch(/\/manifests\/latest -> 200/);
    // The non-verbose form reads the children too (docker rebuilds the list from them): from the cache.
    const list = await ours(box, ['inspect', ref], undefined, trace);
    expect(gets(list.stderr)).toHaveLength(1);
    if (hasDocker) expect(list.stdout).toBe((await docker(box, ['manifest', 'inspect', '--insecure', ref])).stdout);
    // A damaged entry is not used: fetched again, and the output is still right.
    const { readdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const blobs = join(box.dir, 'cache', 'v1', encodeURIComponent(plain.host), ...(h.catalog.multi.ref.split(':')[0] ?? '').split('/'), 'blobs');
    const first = readdirSync(blobs)[0] as string;
    writeFileSync(join(blobs, first), '{"architecture":"tampered"}');
    const repaired = await ours(box, ['inspect', '--verbose', ref], undefined, trace);
    expect(repaired.stdout).toBe(cold.stdout);
    expect(gets(repaired.stderr).filter((l) => l.includes('/blobs/'))).toHaveLength(1);
    // MANIFEST_STUDIO_CACHE=off: everything from the registry again.
    const off = await ours(box, ['inspect', '--verbose', ref], undefined, { ...trace, MANIFEST_STUDIO_CACHE: 'off' });
    expect(off.stdout).toBe(cold.stdout);
    expect(gets(off.stderr)).toHaveLength(25);
  });

  it('takes the connections the launcher opened while the CLI loaded, over plain HTTP and TLS', async () => {
    const trace = { MANIFEST_STUDIO_TRACE: '1' };
    const plainRef = `${plain.host}/${h.catalog.multi.ref}`;
    const box = sandbox();
    const traced = await ours(box, ['inspect', '--verbose', plainRef], undefined, trace);
    expect(traced.code, traced.stderr).toBe(0);
    expect(traced.stdout).toBe((await ours(box, ['inspect', '--verbose', plainRef])).stdout);
    // Every request the client made went out on the launcher's connections (or kept-alive ones after
    // them): it opened no connection of its own over HTTP.
    const gets = traced.stderr.split('\n').filter((l) => / GET http:\/\//.test(l));
    expect(gets.filter((l) => /\/manifests\/sha256:/.test(l))).toHaveLength(12);
    expect(gets.filter((l) => /\/blobs\/sha256:/.test(l))).toHaveLength(12);
    expect(traced.stderr).toMatch(new RegExp(`connect http://${plain.host.replace(/\./g, '\\.')} early`));
    expect(traced.stderr).not.toMatch(new RegExp(`connect http://${plain.host.replace(/\./g, '\\.')} (ok|tcp|warm)`));

    const tls = h.registries.tls;
    const trusted = sandbox({ registries: { [tls.host]: { caFile: tls.caFile } } });
    const overTls = await ours(trusted, ['inspect', `${tls.host}/${h.catalog.multi.ref}`], undefined, trace);
    expect(overTls.code, overTls.stderr).toBe(0);
    expect(JSON.parse(overTls.stdout).manifests).toHaveLength(12);
    // Plain HTTP, tried at the same time on loopback, may take the launcher's socket first; https then
    // takes one of the plain connections opened while the scheme was in doubt. Either way the handshake
    // on it still checks the certificate against the settings' CA.
    expect(overTls.stderr).toMatch(new RegExp(`connect https?://${tls.host.replace(/\./g, '\\.')} early`));
    expect(overTls.stderr).toMatch(new RegExp(`connect https://${tls.host.replace(/\./g, '\\.')} (early|tcp)`));
    expect(overTls.stderr).toMatch(new RegExp(`connect https://${tls.host.replace(/\./g, '\\.')} ok`));
    const untrusted = await ours(sandbox(), ['inspect', `${tls.host}/${h.catalog.multi.ref}`], undefined, trace);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(new RegExp(`connect https://${tls.host.replace(/\./g, '\\.')} (early|tcp)`));
    expect(untrusted.stderr).toMatch(/certificate/i);
  });
});
