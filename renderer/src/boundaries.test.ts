/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

// The renderer's folder promises, checked over the source text (a lint rule would say the same; this runs
// wherever the renderer tests run). Test files may reach anywhere: they assemble what they test.
const sources = import.meta.glob(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts', '!./**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** `./features/drafts/api/push.ts` + `../../../navigation` → `navigation`, relative to src/. */
function resolve(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const path = new URL(spec, new URL(file, 'file:///src/')).pathname;
  return path.startsWith('/src/') ? path.slice('/src/'.length) : undefined;
}

function imports(file: string): string[] {
  const text = sources[file] ?? '';
  const specs = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s+'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? '');
  return specs.flatMap((s) => resolve(file, s) ?? []);
}

const featureOf = (path: string) => /^features\/([^/]+)/.exec(path.replace(/^\.\//, ''))?.[1];
const SHARED = ['api', 'server-state', 'navigation', 'images', 'ui'];

describe('renderer boundaries', () => {
  const files = Object.keys(sources);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(imports('./app/app.tsx')).toContain('features/drafts');
  });

  it('no feature imports another feature', () => {
    const crossings = files.flatMap((f) => {
      const own = featureOf(f);
      if (own === undefined) return [];
      return imports(f)
        .filter((target) => featureOf(target) !== undefined && featureOf(target) !== own)
        .map((target) => `${f} → ${target}`);
    });
    expect(crossings).toEqual([]);
  });

  it('the shell imports features only through their index.ts', () => {
    const deep = files
      .filter((f) => f.startsWith('./app/'))
      .flatMap((f) => imports(f).filter((t) => /^features\/[^/]+\/.+/.test(t) && !/^features\/[^/]+\/index$/.test(t)).map((t) => `${f} → ${t}`));
    expect(deep).toEqual([]);
  });

  it('shared modules never import features or the shell', () => {
    const up = files
      .filter((f) => SHARED.some((m) => f.startsWith(`./${m}/`)))
      .flatMap((f) => imports(f).filter((t) => t.startsWith('features/') || t.startsWith('app/')).map((t) => `${f} → ${t}`));
    expect(up).toEqual([]);
  });

  it('every feature has an index.ts', () => {
    const features = new Set(files.flatMap((f) => featureOf(f) ?? []));
    for (const name of features) expect(files).toContain(`./features/${name}/index.ts`);
  });
});
