import { z } from 'zod';

// zod decides for each object schema, when the schema is built, whether to compile a fast path for it with
// `new Function`. The CLI parses a handful of small documents per run, too few for the compiled code to pay
// back the compiling. Schemas are built as their modules load, so bin.ts imports this module before any other.
z.config({ jitless: true });
