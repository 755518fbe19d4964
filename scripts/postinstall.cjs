'use strict';
// `npm install`'s last step: in a checkout, download the Electron binary if it is missing (start.mjs
// --fetch-electron, which never fails the install). An installed copy of the CLI has no start.mjs and
// needs no Electron: nothing to do.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const start = join(__dirname, 'start.mjs');
if (existsSync(start)) {
  require('node:child_process').execFileSync(process.execPath, [start, '--fetch-electron'], { stdio: 'inherit' });
}
