#!/usr/bin/env node
// The installed command. Two steps: open TCP connections to the registries named on the command line
// (the small early bundle), then load the CLI bundle, compiled once and kept in the user's cache directory,
// and hand it those connections. `node out/cli/manifest-studio.js` runs the same CLI without either step.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const out = path.join(__dirname, '..', 'out', 'cli');
const bundle = path.join(out, 'manifest-studio.js');

/** @type {typeof import('../electron/cli/early')} */
let early;
try {
  early = require(path.join(out, 'early.js'));
} catch (e) {
  if (!isNotFound(e)) throw e;
  process.stderr.write(`manifest-studio: the command is not built (no ${out}).\nhint: Run \`npm run build:cli\` in ${path.join(__dirname, '..')}.\n`);
  process.exit(1);
}
const earlySockets = early.preconnect(process.argv.slice(2));
// undici parses HTTP with llhttp compiled to WebAssembly; V8 would recompile it with TurboFan on a
// background thread, competing for the CPU with the requests in flight of a run that parses a few
// kilobytes of headers. Set before the bundle compiles, so the flags (part of the code cache's key) are
// the same on every run.
require('node:v8').setFlagsFromString('--liftoff-only');
const cacheDir = path.join(early.userCacheDir(process.env, process.platform, early.homeFrom(process.env)), 'compile');
/** @type {typeof import('../electron/cli/bin')} */
const cli = loadCompiled(bundle, cacheDir);
void cli.run({ earlySockets });

/**
 * Requires `file` with a V8 code cache in `dir`: Node's own compile cache where the runtime has one
 * (`module.enableCompileCache`, Node 22.1+), else a cache of our own for this one file. A missing, stale
 * or unwritable cache costs one compile, never correctness.
 * @param {string} file
 * @param {string} dir
 * @returns {typeof import('../electron/cli/bin')}
 */
function loadCompiled(file, dir) {
  const Module = require('node:module');
  const newer = /** @type {{ enableCompileCache?: (dir: string) => unknown }} */ (/** @type {unknown} */ (Module));
  if (typeof newer.enableCompileCache === 'function') {
    newer.enableCompileCache(dir);
    return require(file);
  }
  const source = fs.readFileSync(file, 'utf8');
  // V8 checks its own version and flags, but of the source only the length: the content goes into the key.
  const key = require('node:crypto').createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex');
  const cacheFile = path.join(dir, `${path.basename(file)}.${key.slice(0, 16)}.v8`);
  const cached = readIfPresent(cacheFile);
  const vm = require('node:vm');
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new vm.Script(wrapper, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (!cached || script.cachedDataRejected) {
    // At exit, so the functions this run compiled lazily are in the cache too.
    process.once('exit', () => {
      writeAtomically(cacheFile, script.createCachedData());
      removeStale(dir, `${path.basename(file)}.`, path.basename(cacheFile));
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  const fn = script.runInThisContext({ displayErrors: true });
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

/** @param {string} file @returns {Buffer | undefined} */
function readIfPresent(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** @param {string} file @param {Buffer} data */
function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    // A concurrent run sees the old cache or the new one, never half a file.
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
  }
}

/**
 * Caches of earlier builds of the bundle: each upgrade writes a new one, and nothing reads the old ones.
 * @param {string} dir @param {string} prefix @param {string} keep
 */
function removeStale(dir, prefix, keep) {
  try {
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.v8') && name !== keep) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // No cache directory: nothing to clean.
  }
}

/** @param {unknown} e */
function isNotFound(e) {
  return e instanceof Error && 'code' in e && e.code === 'MODULE_NOT_FOUND';
}
