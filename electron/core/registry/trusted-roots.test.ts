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

  it("leaves hosts without CAs of their own to Node's default context, which holds the extra file already", () => {
    expect(new TrustedRoots(pem).context({ rejectUnauthorized: true })).toBeUndefined();
  });

  it('gives a host with CAs of its own a context of its own; a missing extra file is left out, as Node leaves it', () => {
    const own = { rejectUnauthorized: true, ca: [rootCertificates[1] ?? ''] };
    expect(new TrustedRoots(pem).context(own)).toBeDefined();
    expect(new TrustedRoots(missing).context(own)).toBeDefined();
  });
});
