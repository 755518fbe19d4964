import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from './retry';

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Fri, 27 Nov 2026 06:00:00 GMT');
    expect(parseRetryAfter('Fri, 27 Nov 2026 06:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 05:00:00 GMT', now)).toBe(0);
  });
  it('ignores garbage', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
  });
});

describe('retry policy', () => {
  it('retries 429/502/503/504 always and 500 only for reads', () => {
    for (const s of [429, 502, 503, 504]) expect(isRetryableStatus(s, 'PUT')).toBe(true);
    expect(isRetryableStatus(500, 'GET')).toBe(true);
    expect(isRetryableStatus(500, 'PUT')).toBe(false);
    expect(isRetryableStatus(404, 'GET')).toBe(false);
  });
  it('caps backoff', () => {
    expect(backoffDelay(20, 1000)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(1, 10_000)).toBeGreaterThan(0);
  });
  it('sleep wakes up CANCELLED on abort', async () => {
    const ac = new AbortController();
    const p = sleep(10_000, ac.signal);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
