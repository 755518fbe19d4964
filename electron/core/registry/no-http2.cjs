'use strict';
// The CLI bundle's node:http2 (aliased in scripts/build-cli.js): undici requires it inside a try block and
// carries on without HTTP/2 when that fails, which is all the registry transport needs (HTTP/1.1 only).
throw new Error('node:http2 is left out of the CLI bundle');
