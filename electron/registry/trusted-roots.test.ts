import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { TrustedRoots } from './trusted-roots';

const dir = mkdtempSync(join(tmpdir(), 'ms-roots-'));
const pem = join(dir, 'extra.pem');
writeFileSync(pem, rootCertificates[0] ?? '');
const missing = join(dir, 'missing.pem');

describe('TrustedRoots', () => {
  it("leaves Node's default context alone when there is nothing to add", () => {
    expect(new TrustedRoots().context({ rejectUnauthorized: true })).toBeUndefined();
  });

  it('gives every unverified host one shared context without roots', () => {
    const roots = new TrustedRoots(missing);
    const unverified = roots.context({ rejectUnauthorized: false });
    expect(unverified).toBeDefined();
    expect(roots.context({ rejectUnauthorized: false })).toBe(unverified);
    expect(roots.context({ rejectUnauthorized: false, ca: [rootCertificates[0] ?? ''] })).toBe(unverified);
  });

  it('builds one context with the extra file for every host without settings of its own', () => {
    const roots = new TrustedRoots(pem);
    const first = roots.context({ rejectUnauthorized: true });
    expect(first).toBeDefined();
    expect(roots.context({ rejectUnauthorized: true })).toBe(first);
    // A host's own CAs get a context of their own.
    const own = roots.context({ rejectUnauthorized: true, ca: [rootCertificates[1] ?? ''] });
    expect(own).toBeDefined();
    expect(own).not.toBe(first);
  });

  it('reads the file only for a verifying connection, and says which file it could not read', () => {
    const roots = new TrustedRoots(missing);
    expect(roots.context({ rejectUnauthorized: false })).toBeDefined();
    expect(() => roots.context({ rejectUnauthorized: true })).toThrow(expect.objectContaining({ code: 'SETTINGS_INVALID', message: expect.stringContaining(missing) }));
  });
});
