import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getHarness } from '../harness';
import { buildCli, docker, hasDocker, ours, sandbox, type Sandbox } from './run';

const h = getHarness();
const host = h.registries.plain.host;
const images = () => [h.catalog.amd64, h.catalog.armV7, h.catalog.arm64, h.catalog.windows].map((i) => `${host}/${i.ref}`);
let n = 0;
/** A fresh target repository per test, so tests never see each other's lists. */
const target = (name: string) => `${host}/test/${name}-${process.pid}-${++n}:v1`;

beforeAll(() => buildCli());

function snapshot(box: Sandbox): Record<string, string> {
  const root = join(box.dockerConfig, 'manifests');
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  for (const dir of readdirSync(root)) {
    for (const f of readdirSync(join(root, dir))) out[`${dir}/${f}`] = readFileSync(join(root, dir, f), 'latin1');
  }
  return out;
}

async function ok(p: Promise<{ code: number | null; stdout: string; stderr: string }>): Promise<string> {
  const r = await p;
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe.skipIf(!hasDocker)('drafts are interchangeable with docker', () => {
  it('writes the same draft files docker writes, and prints what docker prints for them', async () => {
    const a = sandbox();
    const b = sandbox();
    const list = target('same-files');
    expect(await ok(ours(a, ['create', list, ...images()]))).toBe(`Created manifest list ${list}\n`);
    expect(await ok(docker(b, ['manifest', 'create', '--insecure', list, ...images()]))).toBe(`Created manifest list ${list}\n`);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(Object.keys(snapshot(a))).toHaveLength(4);
    for (const flags of [[], ['--verbose']]) {
      expect(await ok(ours(a, ['inspect', ...flags, list]))).toBe(await ok(docker(a, ['manifest', 'inspect', ...flags, list])));
      expect(await ok(ours(a, ['inspect', ...flags, list, images()[1] as string]))).toBe(
        await ok(docker(a, ['manifest', 'inspect', ...flags, list, images()[1] as string])),
      );
    }
  });

  it('annotates like docker: same bytes on disk for the same flags', async () => {
    const a = sandbox();
    const b = sandbox();
    const list = target('annotate');
    const arm64 = images()[2] as string;
    await ok(ours(a, ['create', list, ...images()]));
    await ok(ours(b, ['create', list, ...images()]));
    const flags = ['--variant', 'v8', '--os-features', 'foo,bar', '--os-version', '1.0'];
    await ok(ours(a, ['annotate', ...flags, list, arm64]));
    await ok(docker(b, ['manifest', 'annotate', ...flags, list, arm64]));
    expect(snapshot(a)).toEqual(snapshot(b));
    // Appending features skips duplicates, as docker does.
    await ok(ours(a, ['annotate', '--os-features', 'bar,baz', list, arm64]));
    await ok(docker(b, ['manifest', 'annotate', '--os-features', 'bar,baz', list, arm64]));
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('pushes the same list digest as docker for the same draft, and docker reads what we pushed', async () => {
    const a = sandbox();
    const b = sandbox();
    const mine = target('push-ours');
    const theirs = target('push-docker');
    await ok(ours(a, ['create', mine, ...images()]));
    await ok(docker(b, ['manifest', 'create', '--insecure', theirs, ...images()]));
    const outA = await ok(ours(a, ['push', mine]));
    const outB = await ok(docker(b, ['manifest', 'push', theirs]));
    const linesA = outA.trimEnd().split('\n');
    const linesB = outB.trimEnd().split('\n');
    expect(linesA.at(-1)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(linesA.at(-1)).toBe(linesB.at(-1));
    expect(linesA).toHaveLength(5);
    const strip = (l: string, repo: string) => l.replace(repo.replace(/:v1$/, ''), 'TARGET');
    expect(linesA.slice(0, 4).map((l) => strip(l, mine))).toEqual(linesB.slice(0, 4).map((l) => strip(l, theirs)));
    // The pushed list reads back identically through docker and through us.
    const remote = await ok(docker(sandbox(), ['manifest', 'inspect', '--insecure', mine]));
    expect(await ok(ours(sandbox(), ['inspect', mine]))).toBe(remote);
    expect(JSON.parse(remote).manifests).toHaveLength(4);
  });

  it('pushes a draft docker created (after docker annotated it), and docker pushes one we created', async () => {
    const a = sandbox();
    const list1 = target('docker-made');
    await ok(docker(a, ['manifest', 'create', '--insecure', list1, ...images()]));
    await ok(docker(a, ['manifest', 'annotate', '--variant', 'v8', list1, images()[2] as string]));
    const out1 = await ok(ours(a, ['push', '--purge', list1]));
    const digest1 = out1.trimEnd().split('\n').at(-1);
    expect(existsSync(join(a.dockerConfig, 'manifests'))).toBe(true);
    expect(Object.keys(snapshot(a))).toHaveLength(0);
    const remote1 = JSON.parse(await ok(ours(sandbox(), ['inspect', list1]))) as { manifests: { platform: { variant?: string } }[] };
    expect(remote1.manifests.map((m) => m.platform.variant)).toContain('v8');

    const b = sandbox();
    const list2 = target('ours-made');
    await ok(ours(b, ['create', list2, ...images()]));
    await ok(ours(b, ['annotate', '--variant', 'v8', list2, images()[2] as string]));
    const out2 = await ok(docker(b, ['manifest', 'push', list2]));
    expect(out2.trimEnd().split('\n').at(-1)).toBe(digest1);
  });

  it('refuses a list as a component with docker text and a hint', async () => {
    const box = sandbox();
    const r = await ours(box, ['create', target('nested'), `${host}/${h.catalog.multi.ref}`]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`${host}/${h.catalog.multi.ref} is a manifest list`);
    expect(snapshot(box)).toEqual({});
  });

  it('refuses entries from another registry at push, keeping the draft', async () => {
    const box = sandbox();
    const list = `127.0.0.1:1/test/elsewhere:v1`;
    await ok(ours(box, ['create', list, images()[0] as string]));
    const before = snapshot(box);
    const r = await ours(box, ['push', '--purge', list]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`cannot use source images from a different registry than the target image: ${host} != 127.0.0.1:1`);
    expect(snapshot(box)).toEqual(before);
  });
});

describe('push beyond docker', () => {
  it('pushes to a TLS registry on loopback (docker always uses http there: docker/cli#1951)', async () => {
    const tls = h.registries.tls;
    const box = sandbox({ registries: { [tls.host]: { caFile: tls.caFile } } });
    const list = `${tls.host}/test/tls-push-${process.pid}:v1`;
    const parts = [h.catalog.amd64, h.catalog.arm64].map((i) => `${tls.host}/${i.ref}`);
    await ok(ours(box, ['create', list, ...parts]));
    const out = await ok(ours(box, ['push', list]));
    const digest = out.trimEnd().split('\n').at(-1);
    const back = await ok(ours(box, ['inspect', '--verbose', list]));
    expect(JSON.parse(back)).toHaveLength(2);
    expect(digest).toMatch(/^sha256:/);
  });

  it('pushes a digest-only list reference by the list digest', async () => {
    const box = sandbox();
    const repo = `${host}/test/by-digest-${process.pid}`;
    const fake = `sha256:${'0'.repeat(64)}`;
    await ok(ours(box, ['create', `${repo}@${fake}`, images()[0] as string]));
    const out = await ok(ours(box, ['push', `${repo}@${fake}`]));
    const digest = out.trimEnd().split('\n').at(-1) as string;
    expect(digest).not.toBe(fake);
    expect(await ok(ours(box, ['inspect', `${repo}@${digest}`]))).toContain('"manifests"');
  });
});
