'use strict';
// Bundles the plain-Node CLI into one file: one file loads much faster than hundreds of modules,
// which matters for a command that scripts call in loops.
const path = require('node:path');
const root = path.join(__dirname, '..');
const version = require(path.join(root, 'package.json')).version;

/** @returns {import('esbuild').BuildOptions} */
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
    // Whitespace and syntax minified (less to read and parse), identifiers not: stack traces of bugs stay
    // readable without esbuild's keepNames, whose 1,500 `Object.defineProperty(fn, "name")` calls cost
    // every run about 12 ms of start-up.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
    external: ['electron'],
    alias: {
      // Only the parts of undici the registry transport uses (see that file for why).
      undici: path.join(root, 'electron', 'core', 'registry', 'undici-lite.mjs'),
      // undici loads node:http2 for HTTP/2, which the transport never enables (about 4.5 ms per start).
      // Its own fallback for a Node without http2 takes over when this stand-in throws.
      'node:http2': path.join(root, 'electron', 'core', 'registry', 'no-http2.cjs'),
      // Only the parts of zod our schemas use (see that file).
      zod: path.join(root, 'electron', 'cli', 'zod-lite.mjs'),
      'zod/v4': path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'index.js'),
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
