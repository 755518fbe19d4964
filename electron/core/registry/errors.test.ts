import { describe, expect, it } from 'vitest';
import { parseOciErrors, responseError, transportError } from './errors';

const ctx = { host: '127.0.0.1:5001', subject: '127.0.0.1:5001/a/b:latest', kind: 'manifest' as const, action: 'pull' as const };

describe('responseError', () => {
  it('maps OCI codes, not messages', () => {
    const e = responseError(404, '{"errors":[{"code":"NAME_UNKNOWN","message":"manifest unknown"}]}', undefined, ctx);
    expect(e.code).toBe('NAME_UNKNOWN');
    expect(e.message).toContain('HTTP 404');
    expect(responseError(404, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', undefined, ctx).code).toBe('MANIFEST_UNKNOWN');
    expect(responseError(429, '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}', undefined, ctx).code).toBe('TOO_MANY_REQUESTS');
    expect(responseError(400, '{"errors":[{"code":"SOMETHING_NEW"}]}', undefined, ctx).code).toBe('REGISTRY_ERROR');
  });

  it('a 401 is an auth failure with login advice, never "no such manifest"', () => {
    const body = '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Name":"a/b","Action":"pull"}]}]}';
    const e = responseError(401, body, 'Basic realm="r"', ctx);
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.message).not.toMatch(/no such manifest/);
    expect(e.message).toContain('authentication required for 127.0.0.1:5001');
    expect(e.message).toContain('HTTP 401');
    expect(e.hint).toContain('manifest-studio login 127.0.0.1:5001');
    // Even a 401 that claims MANIFEST_UNKNOWN in its body is about auth.
    expect(responseError(401, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', undefined, ctx).code).toBe('UNAUTHORIZED');
  });

  it('says why no credentials were sent when a helper failed, and what to do', () => {
    const problem = 'docker-credential-secretservice could not give them (Cannot autolaunch D-Bus without X11 $DISPLAY)';
    const e = responseError(401, '{"errors":[{"code":"UNAUTHORIZED"}]}', 'Basic realm="r"', { ...ctx, credentialProblem: problem });
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.hint).toContain(`No credentials were sent: ${problem}.`);
    expect(e.hint).toContain('"credsStore"');
    expect(e.hint).toContain('manifest-studio login 127.0.0.1:5001');
    // Credentials that were sent and rejected are another story.
    expect(responseError(401, '{}', 'Basic realm="r"', { ...ctx, authenticated: true, credentialProblem: problem }).hint).not.toContain('No credentials were sent');
  });

  it('insufficient_scope in the challenge means DENIED', () => {
    const e = responseError(401, '{"errors":[{"code":"UNAUTHORIZED"}]}', 'Bearer realm="x",error="insufficient_scope"', {
      ...ctx,
      authenticated: true,
      username: 'reader',
      action: 'push',
    });
    expect(e.code).toBe('DENIED');
    expect(e.message).toContain('not allowed to push to 127.0.0.1:5001/a/b:latest as reader');
    expect(e.hint).toContain('reader');
    // Anonymous callers get the same challenge; for them it means "log in".
    const anon = responseError(401, '{"errors":[{"code":"UNAUTHORIZED"}]}', 'Bearer realm="x",error="insufficient_scope"', ctx);
    expect(anon.code).toBe('UNAUTHORIZED');
    expect(anon.hint).toContain('manifest-studio login');
  });

  it('authenticated push rejection names the user and the action', () => {
    const e = responseError(401, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', undefined, {
      ...ctx,
      action: 'push',
      authenticated: true,
      username: 'reader',
    });
    expect(e.message).toContain('not authorized to push');
    expect(e.message).toContain('reader');
  });

  it('garbage bodies keep the status and a snippet', () => {
    const e = responseError(404, '<html>nope{{{', undefined, ctx);
    expect(e.code).toBe('MANIFEST_UNKNOWN');
    expect(e.message).toContain('HTTP 404: <html>nope{{{');
    expect(parseOciErrors('{"errors":[]}')).toBeUndefined();
    expect(parseOciErrors('{"errors":"x"}')).toBeUndefined();
    expect(responseError(500, 'oops', undefined, ctx).code).toBe('REGISTRY_ERROR');
  });
});

describe('transportError', () => {
  const withCode = (code: string): Error => Object.assign(new Error(code), { code });
  it('classifies network, TLS, timeout and abort', () => {
    expect(transportError(withCode('ECONNREFUSED'), 'https://127.0.0.1:1/v2/').message).toContain('is the registry running at https://127.0.0.1:1');
    const tls = transportError(withCode('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'https://h/v2/');
    expect(tls.code).toBe('TLS');
    expect(tls.hint).toContain('caFile');
    expect(tls.hint).toContain('--insecure');
    expect(transportError(withCode('UND_ERR_BODY_TIMEOUT'), 'https://h/').code).toBe('TIMEOUT');
    const ac = new AbortController();
    ac.abort();
    expect(transportError(new Error('x'), 'https://h/', ac.signal).code).toBe('CANCELLED');
    // undici wraps socket errors; the cause's code counts.
    const wrapped = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', cause: withCode('ECONNREFUSED') });
    expect(transportError(wrapped, 'http://h/').message).toContain('connection refused');
  });
});

describe('printable', () => {
  it('shows control characters from a registry as escapes, never raw', async () => {
    const { printable } = await import('./errors');
    expect(printable('a\u001b[2Jb\u0007c\u009bd\ne')).toBe('a\\u001b[2Jb\\u0007c\\u009bd\\u000ae');
    expect(printable('plain text: ok')).toBe('plain text: ok');
  });
});
