#!/bin/sh
":" /*
# The installed command begins as a shell script, for one reason. Node 20 parses its built-in root
# certificates and the NODE_EXTRA_CA_CERTS file as it starts, before any of our code runs: about 60 ms of
# CPU for a system bundle, paid by every run, even one that never opens a TLS connection (annotate, rm,
# plain-HTTP registries, a warm cache). So the variable is handed to the JavaScript below, which gives it
# back for the processes we start and has our registry client read the same file when a TLS connection first
# needs it. Not when NODE_OPTIONS is set (it may pick another certificate store) or our own variable already
# is: Node then reads it itself. `node bin/manifest-studio.js` (npm run cli, Windows) skips these lines.
if [ -n "$NODE_EXTRA_CA_CERTS" ] && [ -z "$NODE_OPTIONS" ] && [ -z "${MANIFEST_STUDIO_EXTRA_CA_CERTS+set}" ]; then
  MANIFEST_STUDIO_MOVED_CA_CERTS=$NODE_EXTRA_CA_CERTS
  export MANIFEST_STUDIO_MOVED_CA_CERTS
  unset NODE_EXTRA_CA_CERTS
fi
exec node "$0" "$@"
*/
'use strict';
// The installed command. It runs the bundled CLI; from a fresh checkout the bundle is built on first use
// (esbuild, well under a second) so `npm run --silent cli -- ARGS` works right after `npm ci`.
//
// Startup matters for a command scripts call in loops: compiling the ~0.7 MB bundle costs 50–150 ms on
// every run. So the bundle is compiled with a V8 code cache kept next to it (Node 20 has no
// module.enableCompileCache). The cache is keyed by the bundle's bytes and the Node build; a missing,
// stale or unwritable cache only costs that compile, never correctness.
const path = require('node:path');
const fs = require('node:fs');
takeMovedCaCerts();
const out = path.join(__dirname, '..', 'out', 'cli');
const bundle = path.join(out, 'manifest-studio.js');
if (!fs.existsSync(bundle) || !fs.existsSync(path.join(out, 'early.js'))) {
  require('../scripts/build-cli.js').buildCliSync();
}
// Connect to the registries this command will use, and send its first reads, while the main bundle loads
// (see electron/cli/early.ts). Node starts a connect on the next tick and writes a request once the socket
// reports connected, in the event loop's poll phase.
const talksToRegistry = require(path.join(out, 'early.js')).preconnect(process.argv.slice(2)) > 0;

// The load takes about 60 ms of CPU. Done in one piece it would hold every early answer until its end;
// done in steps, each in its own turn of the event loop (check phase, after poll), an answer that arrives
// meanwhile is read at once and the reads that follow it go out while the rest loads.
runInTurns([
  // Node's built-in modules the bundle loads whatever the command, and tls for those that talk to a
  // registry (the https attempt needs it even at a plain-HTTP one): loaded first, while V8's flags are
  // still Node's own, so Node's embedded code cache for them applies (any flag change voids it: about
  // 25 ms more). Found with `process.moduleLoadList`; one missing here is only compiled a little slower.
  ...['stream', 'net', 'http', 'crypto', 'os', 'fs/promises', ...(talksToRegistry ? ['tls'] : []), 'assert', 'vm', 'module'].map(
    (name) => () => require(`node:${name}`),
  ),
  // undici parses HTTP with llhttp compiled to WebAssembly. V8 first compiles it with its baseline
  // compiler and then re-compiles hot functions with TurboFan on a background thread: that job kept every
  // run alive for 100–150 ms after its output was written, and it competes for the CPU with the requests
  // in flight. A run parses a few kilobytes of headers: the baseline code is plenty. Set before the
  // bundle compiles, so the flag set (part of its code cache's key) is the same on every run.
  () => require('node:v8').setFlagsFromString('--liftoff-only'),
  ...cachedBundleSteps(bundle, `${bundle}.cache`, talksToRegistry),
]);

function runInTurns(steps) {
  let next = 0;
  const step = () => {
    steps[next++]();
    if (next < steps.length) setImmediate(step);
  };
  setImmediate(step);
}

// The cache holds the functions the run that wrote it had compiled. One written by `--help` lacks the
// registry client, so each later `inspect` would compile that again: a cache from a run that did not talk
// to a registry is marked partial and replaced by the first run that does.
function cachedBundleSteps(file, cacheFile, fullRun) {
  let key, cached, wrapper, script;
  const read = () => {
    const source = fs.readFileSync(file);
    // V8 rejects a cache from another V8 version or flag set itself, but of the source it checks only the
    // length: the content is part of our key.
    key = require('node:crypto').createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex');
    cached = readCache(cacheFile, key);
    wrapper = `(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n});`;
  };
  const compile = () => {
    script = new (require('node:vm').Script)(wrapper, { filename: file, ...(cached ? { cachedData: cached.data } : {}) });
    if (!cached || script.cachedDataRejected || (fullRun && !cached.full)) {
      // Written at exit, so the functions the run compiled lazily are in the cache too.
      process.once('exit', () => writeCache(cacheFile, key, script, fullRun));
    }
  };
  const run = () => {
    const Module = require('node:module');
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = Module._nodeModulePaths(path.dirname(file));
    const fn = script.runInThisContext({ displayErrors: true });
    fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  };
  return [read, compile, run];
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

/** Takes NODE_EXTRA_CA_CERTS over from the shell lines at the top, and gives it back to child processes. */
function takeMovedCaCerts() {
  const file = process.env.MANIFEST_STUDIO_MOVED_CA_CERTS;
  if (file === undefined) return;
  delete process.env.MANIFEST_STUDIO_MOVED_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = file;
  // A Node built to trust OpenSSL's store (some distributions) has a default we cannot rebuild from
  // `tls.rootCertificates`: run again with Node reading the variable itself, as it would have.
  if ((process.config.target_defaults?.defines ?? []).includes('NODE_OPENSSL_CERT_STORE')) {
    const { spawnSync } = require('node:child_process');
    process.on('SIGINT', () => undefined); // the child gets Ctrl-C too and decides; wait for it
    const r = spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    if (r.error) throw r.error;
    if (r.signal) {
      // Ended by a signal: end the same way, so the caller sees what happened.
      process.removeAllListeners('SIGINT');
      process.kill(process.pid, r.signal);
    }
    process.exit(r.status ?? 1);
  }
  try {
    // As Node: an unreadable file is a warning and the run goes on without it; a directory is ignored.
    if (!fs.statSync(file).isFile()) return;
    fs.accessSync(file, fs.constants.R_OK);
    process.env.MANIFEST_STUDIO_EXTRA_CA_CERTS = file;
  } catch (e) {
    process.stderr.write(`Warning: Ignoring extra certs from \`${file}\`, load failed: ${e.message}\n`);
  }
}
