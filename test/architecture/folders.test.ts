import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { moduleOf, resolveSpecifier } from '../../scripts/lint/folder-rules.mjs';

// The folder promises of docs/ARCHITECTURE.md, checked on the real tree and the real bundles.

const root = join(__dirname, '..', '..');
const rel = (file: string): string => relative(root, file).split(sep).join('/');

function productFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => join(root, dir, f))
    .filter((f) => /\.tsx?$/.test(f) && !/\.d\.ts$|\.test\.tsx?$|\.test-util\.ts$|[\\/]testing[\\/]/.test(f));
}

/** Every relative import of every product file, resolved to files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of ['shared', 'electron', 'renderer'].flatMap(productFiles)) {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|^import\s+['"](\.[^'"]+)['"]/gm)];
    const targets = specs.map((m) => resolveSpecifier(file, m[1] ?? m[2] ?? m[3] ?? '')).filter((t): t is string => !!t && /\.tsx?$/.test(t));
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one member, or a self-loop (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indexes.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexes.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, indexes.get(w) ?? 0));
    }
    if (low.get(v) === indexes.get(v)) {
      const scc: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        scc.push(w);
        if (w === v) break;
      }
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!indexes.has(v)) visit(v);
  return found;
}

describe('imports', () => {
  const graph = importGraph();

  it('have no cycle between files', () => {
    expect(cycles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  it('have no cycle between folders (each folder with an index.ts is one node)', () => {
    const folderOf = (f: string): string => moduleOf(f)?.dir ?? dirname(f);
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      const to = targets.map(folderOf).filter((t) => t !== from && !from.startsWith(t + sep) && !t.startsWith(from + sep));
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
    }
    expect(cycles(folders).map((c) => c.map(rel))).toEqual([]);
  });
});

describe('the lint rules for folders', () => {
  const eslint = new ESLint({ cwd: root });
  const problems = async (file: string, code: string): Promise<string[]> =>
    (await eslint.lintText(code, { filePath: join(root, file) }))[0]?.messages.map((m) => m.ruleId ?? m.message) ?? [];

  it('refuse an import across the promised layers, with the folder it is in', async () => {
    expect(await problems('electron/cli/probe.ts', "export { createAppService } from '../desktop/service';\n")).toContain('studio/layers');
    expect(await problems('electron/core/registry/probe.ts', "export { COMMANDS } from '../../cli/command-table';\n")).toContain('studio/layers');
    expect(await problems('renderer/src/probe.ts', "export { createCore } from '../../electron/core/operations';\n")).toContain('studio/layers');
    expect(await problems('test/harness/probe.ts', "export { RegistryClient } from '../../electron/core/registry';\n")).toContain('studio/layers');
  });

  it('keep renderer features apart: no feature imports another, shared modules never import one', async () => {
    expect(await problems('renderer/src/features/inspect/probe.ts', "export { DraftsScreen } from '../drafts';\n")).toContain('studio/layers');
    expect(await problems('renderer/src/ui/probe.ts', "export { DraftsScreen } from '../features/drafts';\n")).toContain('studio/layers');
    expect(await problems('renderer/src/features/inspect/probe.ts', "export { Dialog } from '../../ui';\n")).toEqual([]);
    expect(await problems('renderer/src/app/probe.ts', "export { DraftsScreen } from '../features/drafts';\n")).toEqual([]);
    expect(await problems('renderer/src/app/probe.ts', "export { PushDialog } from '../features/drafts/push-dialog';\n")).toContain('studio/through-index');
  });

  it("refuse a folder's private file, and let the folder's own files and index through", async () => {
    expect(await problems('electron/cli/probe.ts', "export { Transport } from '../core/registry/transport';\n")).toContain('studio/through-index');
    expect(await problems('electron/cli/probe.ts', "export { RegistryClient } from '../core/registry';\n")).toEqual([]);
    expect(await problems('electron/core/registry/probe.ts', "export { Transport } from './transport';\n")).toEqual([]);
  });
});

describe('the CLI bundles', () => {
  const inputs = async (entry: 'manifest-studio' | 'early'): Promise<string[]> => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own options, as the build uses them
    const { options } = require('../../scripts/build-cli.js') as { options: () => import('esbuild').BuildOptions };
    const base = options();
    const entries = base.entryPoints as Record<string, string>;
    const result = await build({ ...base, entryPoints: { [entry]: entries[entry] ?? '' }, write: false, metafile: true });
    return Object.keys(result.metafile.inputs);
  };

  it('never pull in desktop or renderer code, nor Electron', async () => {
    const files = await inputs('manifest-studio');
    expect(files.some((f) => f.startsWith('electron/cli/'))).toBe(true);
    expect(files.filter((f) => /^(electron\/desktop|renderer)\/|node_modules\/electron\//.test(f))).toEqual([]);
  });

  it('the launcher\'s first step loads neither undici nor zod', async () => {
    const files = await inputs('early');
    expect(files.filter((f) => /node_modules\/(undici|zod)\//.test(f))).toEqual([]);
  });
});
