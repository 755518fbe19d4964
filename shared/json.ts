import type { z } from 'zod';

/** JSON text read against a schema: the schema's value, or undefined for anything else (bad JSON included). */
export function parseJsonAs<T>(schema: z.ZodType<T>, text: string): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
