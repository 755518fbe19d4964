// The CLI bundle's `zod` (aliased in scripts/build-cli.js). `import { z } from 'zod'` hands esbuild one
// namespace object of everything zod exports, so it kept all of it: every locale, JSON Schema conversion,
// the schema compiler (the bulk of the bundle). This namespace holds only what our code calls;
// zod-lite.test.ts fails when the code calls a `z.name` that is missing here.
export * as z from './zod-used.mjs';
