#!/usr/bin/env node
'use strict';
// The installed command. It runs the bundled CLI; from a fresh checkout the bundle is built on first use
// (esbuild, well under a second) so `npm run --silent cli -- ARGS` works right after `npm ci`.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'manifest-studio.js');
if (!fs.existsSync(bundle)) {
  require('../scripts/build-cli.js').buildCliSync();
}
require(bundle);
