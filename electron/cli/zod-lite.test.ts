import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
/** Names on `z` that are types only: TypeScript erases them, so the bundle needs nothing for them. */
const TYPES = new Set(['infer', 'input', 'output', 'ZodType', 'ZodError']);

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.test-util.ts'))
    .map((f) => join(dir, f));
}

/** The names zod-used.mjs re-exports from zod (esbuild fails the build if zod lacks one). */
function offered(): Set<string> {
  const text = readFileSync(join(__dirname, 'zod-used.mjs'), 'utf8');
  const list = /export\s*\{([^}]*)\}\s*from\s*'zod\/v4'/.exec(text)?.[1] ?? '';
  return new Set(list.split(',').map((n) => n.trim()).filter((n) => n !== ''));
}

describe("the CLI bundle's zod (zod-lite.mjs)", () => {
  it('offers every z.name the code calls', () => {
    const called = new Set<string>();
    for (const file of [...sources(join(root, 'electron')), ...sources(join(root, 'shared'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bz\.([A-Za-z]+)/g)) called.add(m[1] as string);
    }
    expect(called.size).toBeGreaterThan(10);
    const have = offered();
    expect([...called].filter((n) => !TYPES.has(n) && !have.has(n))).toEqual([]);
  });
});
