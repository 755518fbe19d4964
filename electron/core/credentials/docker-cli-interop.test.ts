import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DockerCredentials } from './docker-credentials';
import { makeSandbox } from './fake-helper.test-util';
import type { Sandbox } from './fake-helper.test-util';
import { lookPath } from './look-path';

/**
 * The docker CLI (client only, no daemon) must read what we write. `docker logout` works offline: it
 * parses config.json, erases through the configured store (calling our helper) and rewrites the file
 * with docker's own encoder — so its output is also a docker-written file for us to read back.
 */
const docker = await lookPath('docker', process.env);
const run = promisify(execFile);

let box: Sandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const creds = () => new DockerCredentials(box.configDir, { env: box.env, platform: 'linux' });
const dockerLogout = (server: string) =>
  run(docker ?? 'docker', ['--config', box.configDir, 'logout', server], { env: { ...box.env, DOCKER_CLI_HINTS: 'false' } });

describe.skipIf(docker === undefined)('docker CLI reads what we write', { timeout: 60_000 }, () => {
  it('parses our auths entries and re-encodes them identically', async () => {
    const c = creds();
    await c.store('localhost:5999', { username: 'gone', password: 'soon' });
    await c.store('ghcr.io', { username: 'user:with', password: 'p@ss:wörd' });
    await c.store('docker.io', { username: 'hub', identityToken: 'refresh-token' });
    const ours = await readFile(join(box.configDir, 'config.json'), 'utf8');

    const { stdout, stderr } = await dockerLogout('localhost:5999');
    expect(stdout).toBe('Removing login credentials for localhost:5999\n');
    expect(stderr).not.toMatch(/WARNING: Error parsing config file/);

    const theirs = await readFile(join(box.configDir, 'config.json'), 'utf8');
    // docker decoded every entry and wrote it back byte-for-byte as we had written it.
    const withoutRemoved = JSON.parse(ours) as { auths: Record<string, unknown> };
    delete withoutRemoved.auths['localhost:5999'];
    expect(theirs).toBe(JSON.stringify(withoutRemoved, null, '\t'));
    expect(await c.get('docker.io')).toEqual({ username: 'hub', identityToken: 'refresh-token' });
    expect(await c.get('ghcr.io')).toEqual({ username: 'user', password: 'with:p@ss:wörd' });
  });

  it('uses the helper we configured, with the key we stored under', async () => {
    const h = await box.helper('test');
    await mkdir(box.configDir, { recursive: true });
    await writeFile(join(box.configDir, 'config.json'), JSON.stringify({ credsStore: 'test', auths: {} }));
    await creds().store('localhost:5999', { username: 'alice', password: 'pw' });
    expect(await h.keychain()).toEqual({ 'localhost:5999': { Username: 'alice', Secret: 'pw' } });

    await dockerLogout('localhost:5999');
    const erases = (await h.calls()).filter((c) => c.verb === 'erase').map((c) => c.input);
    expect(erases).toContain('localhost:5999');
    expect(await h.keychain()).toEqual({});
    expect(await creds().get('localhost:5999')).toBeUndefined();
  });

  it('where docker only warns about a malformed auth, we refuse with the same words', async () => {
    await mkdir(box.configDir, { recursive: true });
    await writeFile(join(box.configDir, 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: b64('nocolon') } } }));
    const { stderr } = await dockerLogout('quay.io');
    expect(stderr).toContain('Error parsing config file');
    await expect(creds().get('ghcr.io')).rejects.toMatchObject({
      code: 'CREDENTIALS',
      message: expect.stringContaining('Error parsing config file') as unknown,
    });
  });
});
