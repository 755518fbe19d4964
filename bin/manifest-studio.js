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
const bundle = path.join(__dirname, '..', 'out', 'cli', 'manifest-studio.js');
if (!fs.existsSync(bundle)) {
  require('../scripts/build-cli.js').buildCliSync();
}
runCached(bundle, `${bundle}.cache`);

function runCached(file, cacheFile) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const { createHash } = require('node:crypto');
  const source = fs.readFileSync(file);
  // V8 rejects a cache from another V8 version or flag set itself, but of the source it checks only the
  // length: the content is part of our key.
  const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex');
  const cached = readCache(cacheFile, key);
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n});`;
  const script = new vm.Script(wrapper, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (!cached || script.cachedDataRejected) {
    // Written at exit, so the functions the run compiled lazily are in the cache too.
    process.once('exit', () => writeCache(cacheFile, key, script));
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const fn = script.runInThisContext({ displayErrors: true });
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
}

/** The cache file is `<key>\n<V8 code cache>`; anything else reads as "no cache". */
function readCache(cacheFile, key) {
  try {
    const buf = fs.readFileSync(cacheFile);
    const head = key.length + 1;
    if (buf.length <= head || buf.toString('latin1', 0, head) !== `${key}\n`) return undefined;
    return buf.subarray(head);
  } catch {
    return undefined;
  }
}

function writeCache(cacheFile, key, script) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${key}\n`, 'latin1'), script.createCachedData()]));
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
