import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeLayer } from './seed-build';
import { gzipDeterministic, writeTar } from './tar';

const entries = [
  { path: 'etc/hello', content: 'hi\n' },
  { path: 'bin/' },
  { path: 'etc/' },
  { path: 'bin/run', content: '#!/bin/sh\n', mode: 0o755 },
];

describe('deterministic layers', () => {
  it('GNU tar reads the archive: sorted names, root owner, fixed mtime, modes kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ms-tar-test-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'layer.tar');
    writeFileSync(file, writeTar(entries));
    const listing = execFileSync('tar', ['--utc', '-tvf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.map((l) => l.split(/\s+/).pop())).toEqual(['bin/', 'bin/run', 'etc/', 'etc/hello']);
    for (const line of listing) expect(line).toMatch(/ root\/root .* 2024-01-01 00:00 /);
    expect(listing[1]).toMatch(/^-rwxr-xr-x /);
    expect(listing[3]).toMatch(/^-rw-r--r-- /);
    expect(execFileSync('tar', ['-xOf', file, 'etc/hello'], { encoding: 'utf8' })).toBe('hi\n');
  });

  it('produces identical bytes for identical input, whatever the entry order', () => {
    const a = makeLayer(entries);
    const b = makeLayer([...entries].reverse());
    expect(b.gz.equals(a.gz)).toBe(true);
    expect(b.digest).toBe(a.digest);
  });

  it('writes a gzip header without mtime or name and with OS unknown', () => {
    const gz = gzipDeterministic(writeTar(entries));
    expect([...gz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // no FNAME flag
    expect(gz.readUInt32LE(4)).toBe(0); // mtime
    expect(gz[9]).toBe(0xff);
    expect(gunzipSync(gz).equals(writeTar(entries))).toBe(true);
  });

  it('records the diff_id of the uncompressed tar', () => {
    const layer = makeLayer(entries);
    const hex = execFileSync('sh', ['-c', 'gzip -dc | sha256sum'], { input: layer.gz, encoding: 'utf8' }).split(' ')[0];
    expect(layer.diffId).toBe(`sha256:${hex}`);
  });
});
