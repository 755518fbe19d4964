'use strict';
// Bundles the plain-Node CLI into one file: one file loads much faster than hundreds of modules,
// which matters for a command that scripts call in loops.
const path = require('node:path');
const root = path.join(__dirname, '..');
const version = require(path.join(root, 'package.json')).version;

function options() {
  return {
    // Two independent bundles: the launcher loads the small `early` one first (see bin/manifest-studio.js).
    entryPoints: {
      'manifest-studio': path.join(root, 'electron', 'cli', 'bin.ts'),
      early: path.join(root, 'electron', 'cli', 'early.ts'),
    },
    outdir: path.join(root, 'out', 'cli'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: false,
    // Minified code parses faster; names are kept so stack traces of bugs stay readable.
    minify: true,
    keepNames: true,
    logLevel: 'silent',
    external: ['electron'],
    // Only the parts of undici the registry transport uses (see that file for why).
    alias: {
      undici: path.join(root, 'electron', 'registry', 'undici-lite.mjs'),
      'undici/lib': path.join(path.dirname(require.resolve('undici/package.json')), 'lib'),
    },
    define: { __STUDIO_VERSION__: JSON.stringify(version) },
  };
}

function buildCliSync() {
  require('esbuild').buildSync(options());
}

module.exports = { buildCliSync, options };
if (require.main === module) buildCliSync();
