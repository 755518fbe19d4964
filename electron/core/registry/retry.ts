import { StudioError } from '../../../shared/errors';
import type { RetryOptions } from './types';

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, maxDelayMs: 10_000 };

/** Statuses worth another try for any replayable request. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Whether a status may be retried; 500 only for idempotent reads, where repeating is harmless. */
export function isRetryableStatus(status: number, method: string): boolean {
  if (RETRY_STATUSES.has(status)) return true;
  return status === 500 && (method === 'GET' || method === 'HEAD');
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date, relative to `now`.
 * Returns undefined when absent or unparseable so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // HTTP dates always name a month; this keeps `Date.parse` from reading "-5" as a year.
  if (!/[a-z]{3}/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Exponential backoff with jitter, capped. `attempt` counts from 1 (the first retry). */
export function backoffDelay(attempt: number, maxDelayMs: number): number {
  const base = 250 * 2 ** (attempt - 1);
  return Math.min(maxDelayMs, base / 2 + Math.random() * (base / 2));
}

/** Waits, but wakes up as CANCELLED when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Per-request timeout (connect, headers, idle body) unless the caller sets one. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export function cancelled(): StudioError {
  return new StudioError('CANCELLED', 'operation cancelled');
}

/** Resolves like `p`, but rejects CANCELLED as soon as `signal` aborts. */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  // `p` is dropped either way once the signal wins: its failure is nobody's to report.
  p.catch(() => undefined);
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    // Not `.finally()`: that returns a promise which rejects along with `p`, and nobody would handle it.
    const done = (): void => signal.removeEventListener('abort', onAbort);
    p.then(
      (v) => {
        done();
        resolve(v);
      },
      (e: unknown) => {
        done();
        reject(e);
      },
    );
  });
}
