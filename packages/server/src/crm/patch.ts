import { z } from 'zod';

/**
 * A PATCH body from a create schema: every field optional and without its default, so a field
 * left out keeps its stored value (zod's `.partial()` would fill in the defaults).
 *
 * @example
 * const body = patchOf(visitSchema); // { nextStep: '…' } changes the next step only
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()]),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<S[K]> }>;
}
