#!/usr/bin/env node
'use strict';
// The installed command. It runs the bundled CLI; from a fresh checkout the bundle is built on first use
// (esbuild, well under a second) so `npm run --silent cli -- ARGS` works right after `npm ci`.
//
// Startup matters for a command scripts call in loops: compiling the ~0.9 MB bundle costs 50–150 ms on
// every run. So the bundle is compiled with a V8 code cache kept next to it (Node 20 has no
// module.enableCompileCache). The cache is keyed by the bundle's bytes and the Node build; a missing,
// stale or unwritable cache only costs that compile, never correctness.
const path = require('node:path');
const fs = require('node:fs');
// undici parses HTTP with llhttp compiled to WebAssembly. V8 first compiles it with its baseline compiler
// and then re-compiles hot functions with TurboFan on a background thread: that job kept every run alive
// for 100–150 ms after its output was written, and it competes for the CPU with the requests in flight
// (measured: about 50 ms slower even once the exit no longer waited for it). A run parses a few kilobytes
// of headers: the baseline code is plenty. Set before anything compiles, so the flag set (part of the
// code cache's key) is the same on every run.
require('node:v8').setFlagsFromString('--liftoff-only');
const out = path.join(__dirname, '..', 'out', 'cli');
const bundle = path.join(out, 'manifest-studio.js');
if (!fs.existsSync(bundle) || !fs.existsSync(path.join(out, 'early.js'))) {
  require('../scripts/build-cli.js').buildCliSync();
}
// Connect to the registries this command will use, and send its first read, while the main bundle loads
// (see electron/cli/early.ts). Node starts a connect on the next tick and writes a request once the socket
// reports connected, in the event loop's poll phase; loading in the check phase after it lets a connection
// that is up at once (loopback) carry its request before the loop is blocked by the load.
const talksToRegistry = require(path.join(out, 'early.js')).preconnect(process.argv.slice(2)) > 0;
setImmediate(() => runCached(bundle, `${bundle}.cache`, talksToRegistry));

// The cache holds the functions the run that wrote it had compiled. One written by `--help` lacks the
// registry client, so each later `inspect` would compile that again: a cache from a run that did not talk
// to a registry is marked partial and replaced by the first run that does.
function runCached(file, cacheFile, fullRun) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const { createHash } = require('node:crypto');
  const source = fs.readFileSync(file);
  // V8 rejects a cache from another V8 version or flag set itself, but of the source it checks only the
  // length: the content is part of our key.
  const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex');
  const cached = readCache(cacheFile, key);
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n});`;
  const script = new vm.Script(wrapper, { filename: file, ...(cached ? { cachedData: cached.data } : {}) });
  if (!cached || script.cachedDataRejected || (fullRun && !cached.full)) {
    // Written at exit, so the functions the run compiled lazily are in the cache too.
    process.once('exit', () => writeCache(cacheFile, key, script, fullRun));
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const fn = script.runInThisContext({ displayErrors: true });
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
}

/** The cache file is `<key> full|partial\n<V8 code cache>`; anything else reads as "no cache". */
function readCache(cacheFile, key) {
  try {
    const buf = fs.readFileSync(cacheFile);
    const newline = buf.indexOf(10);
    const [fileKey, kind] = buf.toString('latin1', 0, Math.max(newline, 0)).split(' ');
    if (newline < 0 || fileKey !== key || (kind !== 'full' && kind !== 'partial')) return undefined;
    return { data: buf.subarray(newline + 1), full: kind === 'full' };
  } catch {
    return undefined;
  }
}

function writeCache(cacheFile, key, script, full) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const head = Buffer.from(`${key} ${full ? 'full' : 'partial'}\n`, 'latin1');
    fs.writeFileSync(tmp, Buffer.concat([head, script.createCachedData()]));
    // Rename is atomic: a concurrent run sees the old cache or the new one, never half a file.
    fs.renameSync(tmp, cacheFile);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Read-only install: run without a cache.
    }
  }
}
