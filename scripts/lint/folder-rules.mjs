// ESLint rules for the folder promises of docs/ARCHITECTURE.md, on relative imports between our own files.
//  - studio/layers: which top-level folder (zone) may import which.
//  - studio/through-index: a folder with an index.ts is entered only through it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');

/** Zones, most specific first: a file belongs to the first whose folder holds it. @type {[string, string][]} */
const ZONES = [
  ['renderer/src/features', 'feature'],
  ['renderer/src/app', 'renderer'],
  ['renderer/src/main.tsx', 'renderer'],
  ['renderer/src/testing', 'renderer'],
  ['renderer/dev', 'renderer'],
  ['renderer', 'renderer-shared'],
  ['electron/core', 'core'],
  ['electron/cli', 'cli'],
  ['electron/desktop', 'desktop'],
  ['shared', 'shared'],
  ['renderer', 'renderer'],
  ['test/harness', 'harness'],
  ['test', 'tests'],
  ['e2e', 'tests'],
  ['scripts', 'scripts'],
  ['build', 'scripts'],
];

/** What each zone may import; a zone not listed may import anything. @type {Record<string, string[] | undefined>} */
const ALLOWED = {
  shared: ['shared'],
  core: ['shared', 'core'],
  cli: ['shared', 'core', 'cli'],
  desktop: ['shared', 'core', 'desktop'],
  // The shell (app/, main.tsx) assembles features; a feature uses the renderer's shared modules and itself
  // (checked below); the shared modules (api, ui, navigation, server-state, images) never reach up.
  renderer: ['shared', 'renderer', 'renderer-shared', 'feature'],
  feature: ['shared', 'renderer-shared', 'feature'],
  'renderer-shared': ['shared', 'renderer-shared'],
  // The harness is an independent witness of the product: it never uses product code.
  harness: ['harness'],
};

/** @type {Record<string, string>} */
const WHY = {
  shared: 'shared/ runs everywhere and imports only shared/.',
  core: 'The core serves every face: it never imports the CLI, the desktop app or the renderer.',
  cli: 'The CLI uses the core and shared/, never desktop code (docs/ARCHITECTURE.md).',
  desktop: 'The desktop app uses the core and shared/, never the CLI; the renderer talks to it over IPC only.',
  renderer: 'The renderer is a sandboxed page: it shares only shared/ with main, and asks main through renderer/src/api.',
  feature: 'A feature uses shared/ and the renderer\'s shared modules, never another feature or the shell: start another feature through a navigation route.',
  'renderer-shared': 'The renderer\'s shared modules (api, ui, navigation, server-state, images) never import a feature or the shell.',
  harness: 'test/harness stays an independent witness: it never imports product code.',
};

const RENDERER = ['renderer', 'renderer-shared', 'feature'];
const TEST_FILE = /\.test\.tsx?$|\.test-util\.ts$|\/testing\//;

/** @param {string} file */
function zoneOf(file) {
  const rel = relative(root, file).split(sep).join('/');
  for (const [prefix, zone] of ZONES) if (rel === prefix || rel.startsWith(`${prefix}/`)) return zone;
  return undefined;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '/index.ts', '/index.tsx'];

/** @param {string} file The feature folder holding `file` (`renderer/src/features/<name>`). */
function featureOf(file) {
  return /^renderer\/src\/features\/[^/]+/.exec(relative(root, file).split(sep).join('/'))?.[0];
}

/** @param {string} fromFile @param {string} spec @returns {string | undefined} */
export function resolveSpecifier(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec.replace(/\?.*$/, ''));
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** @param {string} dir */
function indexIn(dir) {
  for (const name of ['index.ts', 'index.tsx']) if (existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** The innermost folder holding `file` that has an index.ts (a module), below the repository root. */
/** @param {string} file @returns {{ dir: string; index: string } | undefined} */
export function moduleOf(file) {
  for (let dir = dirname(file); dir.startsWith(root + sep); dir = dirname(dir)) {
    const index = indexIn(dir);
    if (index) return { dir, index };
  }
  return undefined;
}

/**
 * @typedef {{ source?: import('estree').Node & { value?: unknown } | null }} WithSource
 * @typedef {import('eslint').Rule.RuleContext} Context
 */

/** @param {(node: import('estree').Node, spec: string) => void} check @returns {import('eslint').Rule.RuleListener} */
function importSources(check) {
  /** @param {WithSource} node */
  const visit = (node) => {
    if (node.source && typeof node.source.value === 'string') check(node.source, node.source.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

/**
 * @param {Context} context
 * @param {(node: import('estree').Node, spec: string, file: string, target: string) => void} onImport
 */
function relativeImports(context, onImport) {
  const file = context.filename;
  return importSources((node, spec) => {
    if (!spec.startsWith('.')) return;
    const target = resolveSpecifier(file, spec);
    if (target) onImport(node, spec, file, target);
  });
}

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: { type: 'problem', schema: [], docs: { description: 'Which folder may import which (docs/ARCHITECTURE.md).' } },
  create(context) {
    return relativeImports(context, (node, spec, file, target) => {
      const from = zoneOf(file);
      const to = zoneOf(target);
      // A test may use the harness and the fixtures besides what its folder may use; a renderer test may
      // assemble what it tests from anywhere in the renderer.
      const own = from ? ALLOWED[from] : undefined;
      const test = TEST_FILE.test(file);
      const allowed = own && [...own, ...(test ? ['tests', 'harness'] : []), ...(test && RENDERER.includes(from ?? '') ? RENDERER : [])];
      if (from === 'feature' && to === 'feature' && !test && featureOf(file) !== featureOf(target)) {
        context.report({ node, message: `A feature never imports another feature ('${spec}'). ${WHY.feature}` });
        return;
      }
      if (!allowed || !to || allowed.includes(to)) return;
      context.report({ node, message: `${from} may not import ${to} ('${spec}'). ${from ? WHY[from] : ''}` });
    });
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const throughIndex = {
  meta: { type: 'problem', schema: [], docs: { description: "A folder with an index.ts is entered only through it." } },
  create(context) {
    return relativeImports(context, (node, spec, file, target) => {
      const mod = moduleOf(target);
      if (!mod || target === mod.index) return;
      if (file.startsWith(mod.dir + sep)) return;
      const folder = relative(root, mod.dir).split(sep).join('/');
      context.report({ node, message: `Import ${folder} through its index.ts, not '${spec}': its other files are private to it.` });
    });
  },
};

export const folderRules = { rules: { layers, 'through-index': throughIndex } };
