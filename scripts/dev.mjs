// `npm run dev`: builds in dev mode, then watches. Renderer changes rebuild with vite and reload the window;
// main or preload changes rebuild with esbuild and restart Electron.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { targets } = await import('./build.mjs');
/** @type {string} The electron package's main export is the binary's path. */
const electronPath = require('electron');

/** @type {import('node:child_process').ChildProcess | undefined} */
let child;
function startElectron() {
  child = spawn(electronPath, [root], { stdio: 'inherit', env: { ...process.env, MANIFEST_STUDIO_DEV_RELOAD: '1' } });
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM') process.exit(code ?? 0);
  });
}
function restartElectron() {
  if (!child) return startElectron();
  child.once('exit', startElectron);
  child.kill('SIGTERM');
}

/** @type {import('esbuild').Plugin} */
const restartOnRebuild = {
  name: 'restart-electron',
  setup(build) {
    let first = true;
    build.onEnd((result) => {
      if (first) return void (first = false);
      if (result.errors.length === 0) restartElectron();
    });
  },
};
const mainSide = targets.filter((t) => !t.outfile.includes('out/host'));
for (const t of mainSide) {
  const ctx = await context({ bundle: true, platform: 'node', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', ...t, plugins: [restartOnRebuild] });
  await ctx.watch();
}
const { build } = await import('vite');
await build({ configFile: join(root, 'vite.config.mts'), mode: 'development', logLevel: 'warn', build: { watch: {} } });
startElectron();
