import { describe, expect, it } from 'vitest';
import { dockerCliVectors } from './test-vectors.test-util';
import { isStudioError } from '../errors';
import { parseDockerReference, referenceString } from './index';

/** What `docker manifest rm -- <input>` prints with an empty store, computed by our parser. */
function ourOutput(input: string): string {
  try {
    return `No such manifest: ${referenceString(parseDockerReference(input))}`;
  } catch (e) {
    if (isStudioError(e) && e.code === 'REFERENCE_INVALID') return e.message;
    throw e;
  }
}

describe(`parity with the real ${dockerCliVectors.source.program} (docker-cli-normalize.json)`, () => {
  it('covers every upstream vector input plus the extras', () => {
    expect(dockerCliVectors.cases.length).toBeGreaterThanOrEqual(290);
  });

  it.each(dockerCliVectors.cases.map((c) => [JSON.stringify(c.input).slice(0, 80), c] as const))('%s', (_l, c) => {
    expect(c.exitCode).toBe(1);
    expect(ourOutput(c.input)).toBe(c.output);
  });
});
