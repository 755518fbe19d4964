// Builds everything into out/: the Electron main bundle, the sandboxed preload, the loopback host, the CLI
// (esbuild, one CJS file each) and the renderer (vite, with the renderer's own vite.config.mts).
//   node scripts/build.mjs            production build
//   node scripts/build.mjs --dev      no minification, inline source maps, output checks stay on
//   node scripts/build.mjs --no-renderer   skip vite (e.g. when only main-side code changed)
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Options every Node-side bundle shares. @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: dev ? 'inline' : false,
  // Node-side bundles stay readable: stack traces in bug reports matter more than a few hundred KB.
  minify: false,
  logLevel: 'warning',
  define: {
    __STUDIO_VERSION__: JSON.stringify(version),
    'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production'),
  },
};

/** @type {(import('esbuild').BuildOptions & { outfile: string })[]} */
export const targets = [
  // Electron 41 runs Node 24 in main.
  { entryPoints: [join(root, 'electron/desktop/main/main.ts')], outfile: join(root, 'out/main/main.js'), target: 'node22', external: ['electron'] },
  // A sandboxed preload can require only `electron` (and a few built-ins): everything else is bundled in.
  { entryPoints: [join(root, 'electron/desktop/preload/preload.ts')], outfile: join(root, 'out/preload/preload.js'), target: 'chrome130', external: ['electron'] },
  // The host must run in plain Node: `electron` is not external here, so a stray import fails the build.
  { entryPoints: [join(root, 'electron/desktop/host/cli.ts')], outfile: join(root, 'out/host/cli.js'), target: 'node20' },
];

async function buildCli() {
  // The CLI's own build options (scripts/build-cli.js, used by bin/ on first run) stay the single source.
  const require = createRequire(import.meta.url);
  const { options } = require('./build-cli.js');
  await esbuild(options());
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.mts'), mode: dev ? 'development' : 'production', logLevel: 'warn' });
}

async function main() {
  const started = Date.now();
  await Promise.all([...targets.map((t) => esbuild({ ...common, ...t })), buildCli()]);
  if (!args.has('--no-renderer')) await buildRenderer();
  console.log(`built out/ in ${Date.now() - started} ms${dev ? ' (dev)' : ''}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
