import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { makeSandbox } from './fake-helper.test-util';
import type { Sandbox } from './fake-helper.test-util';
import { helperErase, helperGet, helperList, helperStore } from './helper-client';
import { CredentialHelperError, runHelper } from './helper-protocol';

let box: Sandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

async function failure(p: Promise<unknown>): Promise<CredentialHelperError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CredentialHelperError);
  return e as CredentialHelperError;
}

describe('runHelper / helper verbs', { timeout: 30_000 }, () => {
  it('round-trips store, get, list, erase and sends exactly what docker sends', async () => {
    const h = await box.helper('test');
    const opts = { env: box.env };
    await helperStore('test', 'localhost:5000', { username: 'alice', password: 's3cret' }, opts);
    await helperStore('test', 'https://index.docker.io/v1/', { username: 'bob', identityToken: 'refresh-tok' }, opts);
    expect(await helperGet('test', 'localhost:5000', opts)).toEqual({ username: 'alice', password: 's3cret' });
    expect(await helperGet('test', 'https://index.docker.io/v1/', opts)).toEqual({ identityToken: 'refresh-tok' });
    expect(await helperList('test', opts)).toEqual({ 'localhost:5000': 'alice', 'https://index.docker.io/v1/': '<token>' });
    await helperErase('test', 'localhost:5000', opts);
    expect(await helperGet('test', 'localhost:5000', opts)).toBeUndefined();

    const calls = await h.calls();
    expect(calls.map((c) => c.verb)).toEqual(['store', 'store', 'get', 'get', 'list', 'erase', 'get']);
    // Go's json.Encoder: compact, HTML-escaped (<token> → \u003ctoken\u003e), trailing newline.
    expect(calls[0]?.input).toBe('{"ServerURL":"localhost:5000","Username":"alice","Secret":"s3cret"}\n');
    expect(calls[1]?.input).toBe(
      '{"ServerURL":"https://index.docker.io/v1/","Username":"\\u003ctoken\\u003e","Secret":"refresh-tok"}\n',
    );
    expect(calls[2]?.input).toBe('localhost:5000'); // no trailing newline
    expect(calls[4]?.input).toBe('unused');
    expect(calls[5]?.input).toBe('localhost:5000');
    expect(await h.keychain()).toEqual({ 'https://index.docker.io/v1/': { Username: '<token>', Secret: 'refresh-tok' } });
  });

  it('maps the standard helper messages exactly', async () => {
    await box.helper('test');
    const opts = { env: box.env };
    const url = await failure(runHelper('test', 'get', '', opts));
    expect(url.failure).toBe('missing-server-url');
    expect(url.message).toBe('no credentials server URL');
    const user = await failure(helperStore('test', 'r.example', { password: 'x' }, opts));
    expect(user.failure).toBe('missing-username');
    expect(user.message).toBe('no credentials username');
    const nf = await failure(runHelper('test', 'get', 'nowhere.example', opts));
    expect(nf.failure).toBe('not-found');
    expect(nf.message).toBe('credentials not found in native keychain');
    // docker wraps "not found" for erase; helperErase treats it as nothing to do.
    const nfErase = await failure(runHelper('test', 'erase', 'nowhere.example', opts));
    expect(nfErase.message).toBe('error erasing credentials - err: exit status 1, out: `credentials not found in native keychain`');
    await expect(helperErase('test', 'nowhere.example', opts)).resolves.toBeUndefined();
  });

  it('reports a crashing helper with docker text, the helper name and its stderr', async () => {
    await box.helper('crashy', 'crash');
    const e = await failure(
      helperGet('crashy', 'ghcr.io', { env: box.env, configuredBy: '"credsStore" in /x/config.json' }),
    );
    expect(e.code).toBe('CREDENTIALS');
    expect(e.failure).toBe('failed');
    expect(e.message).toBe('error getting credentials - err: exit status 3, out: `boom: keychain exploded`');
    expect(e.hint).toContain('docker-credential-crashy (configured by "credsStore" in /x/config.json)');
    expect(e.hint).toContain('panic: runtime error');
    expect(e.stderr).toBe('panic: runtime error\n');
  });

  it('kills a hanging helper after the timeout', async () => {
    await box.helper('stuck', 'hang');
    const started = Date.now();
    const e = await failure(helperGet('stuck', 'ghcr.io', { env: box.env, timeoutMs: 400 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.failure).toBe('timeout');
    expect(e.message).toContain('docker-credential-stuck did not answer within 400ms');
    expect(e.hint).toContain('keychain unlock');
  });

  it('honours an AbortSignal', async () => {
    await box.helper('stuck', 'hang');
    const ac = new AbortController();
    const p = helperGet('stuck', 'ghcr.io', { env: box.env, signal: ac.signal, timeoutMs: 30_000 });
    setTimeout(() => ac.abort(), 200);
    const e: unknown = await p.catch((err: unknown) => err);
    expect(e).toBeInstanceOf(StudioError);
    expect((e as StudioError).code).toBe('CANCELLED');
  });

  it('reports a helper missing from PATH with docker text', async () => {
    const e = await failure(helperGet('desktop', 'ghcr.io', { env: box.env }));
    expect(e.failure).toBe('not-installed');
    expect(e.message).toBe(
      'error getting credentials - err: exec: "docker-credential-desktop": executable file not found in $PATH, out: ``',
    );
  });

  it('refuses helper names that are paths and output that is not the protocol', async () => {
    expect((await failure(runHelper('../../bin/sh', 'get', 'x', { env: box.env }))).failure).toBe('invalid-name');
    await box.helper('junk', 'garbage');
    const e = await failure(helperGet('junk', 'ghcr.io', { env: box.env }));
    expect(e.failure).toBe('bad-output');
    expect(e.message).toBe('error getting credentials - err: stdout is not JSON');
  });
});
