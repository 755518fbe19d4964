/// <reference types="vite/client" />
/**
 * Test-only: typed access to the vectors in `test/fixtures/vectors/` (see its README.md and SOURCE.md).
 * Imported by `*.test.ts` files only; never exported from `index.ts`.
 *
 * Why `?raw` imports: they keep these tests free of `node:*` (so they type-check under the web tsconfig
 * too) and keep the JSON files out of the TypeScript projects (composite projects must list every file).
 * Each file is checked against a schema: a malformed fixture fails loudly instead of passing vacuously.
 */
import { z } from 'zod';
import dockerCliText from '../../test/fixtures/vectors/docker-cli-normalize.json?raw';
import normalizeText from '../../test/fixtures/vectors/reference-normalize.json?raw';
import parseText from '../../test/fixtures/vectors/reference-parse.json?raw';
import regexpText from '../../test/fixtures/vectors/reference-regexp.json?raw';

const json = (text: string): unknown => JSON.parse(text);

const nullableString = z.string().nullable();

const normalizeCase = z.object({
  id: z.string(),
  test: z.string(),
  func: z.enum(['ParseNormalizedNamed', 'ParseAnyReference', 'ParseDockerRef']),
  input: z.string(),
  valid: z.boolean(),
  normalized: nullableString,
  familiar: nullableString,
  dockerRef: nullableString,
  domain: nullableString,
  path: nullableString,
  tag: nullableString,
  digest: nullableString,
  error: nullableString,
  asserted: z.array(z.string()),
  note: nullableString,
});

const familiarMatchCase = z.object({
  id: z.string(),
  reference: z.string(),
  pattern: z.string(),
  matches: z.boolean().nullable(),
  expectError: z.boolean(),
});

const parseCase = z.object({
  id: z.string(),
  test: z.string(),
  func: z.enum(['Parse', 'ParseNamed', 'WithName', 'Field.UnmarshalText (Parse)']),
  input: z.string(),
  valid: z.boolean(),
  string: nullableString,
  name: nullableString,
  domain: nullableString,
  path: nullableString,
  tag: nullableString,
  digest: nullableString,
  error: nullableString,
  asserted: z.array(z.string()),
  note: nullableString,
  onlyAt: nullableString,
});

const composeCase = z.object({
  id: z.string(),
  base: z.string(),
  baseFunc: z.enum(['WithName', 'ParseNormalizedNamed']),
  steps: z.array(z.enum(['WithName', 'ParseNormalizedNamed', 'WithTag', 'WithDigest'])),
  tag: nullableString,
  digest: nullableString,
  valid: z.boolean(),
  string: nullableString,
  note: nullableString,
});

const regexpCase = z.object({
  id: z.string(),
  regexp: z.enum(['domainAndPort', 'anchoredName', 'reference', 'anchoredIdentifier']),
  input: z.string(),
  match: z.boolean(),
  subs: z.array(z.string()).nullable(),
});

export const normalizeVectors = z
  .object({ cases: z.array(normalizeCase), familiarMatch: z.array(familiarMatchCase) })
  .parse(json(normalizeText));

export const parseVectors = z
  .object({
    errors: z.record(z.string(), z.object({ text: z.string() })),
    cases: z.array(parseCase),
    compose: z.array(composeCase),
  })
  .parse(json(parseText));

export const regexpVectors = z.object({ cases: z.array(regexpCase) }).parse(json(regexpText));


/** Real docker CLI outputs recorded by `record-docker-cli.ts` (`docker manifest rm -- <input>`). */
export const dockerCliVectors = z
  .object({
    source: z.object({ program: z.string() }),
    cases: z.array(z.object({ input: z.string(), exitCode: z.number().nullable(), output: z.string() })),
  })
  .parse(json(dockerCliText));

export type NormalizeCase = z.infer<typeof normalizeCase>;
export type ParseCase = z.infer<typeof parseCase>;
export type ComposeCase = z.infer<typeof composeCase>;
export type RegexpCase = z.infer<typeof regexpCase>;
