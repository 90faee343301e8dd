import { z } from 'zod';

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'This date does not exist');

/** The issue reason a text with characters PostgreSQL cannot store carries (see the error handler). */
export const INVALID_CHARACTERS = 'invalid_characters';

/** NUL, or half of a surrogate pair without its other half: PostgreSQL refuses both in text and jsonb. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store the text as it is. */
export const isStorableText = (value: string) => !UNSTORABLE.test(value);

const storable = (schema: z.ZodString) =>
  schema.refine(isStorableText, {
    message: 'Contains a character that cannot be stored (NUL or an unpaired surrogate)',
    params: { reason: INVALID_CHARACTERS },
  });

/** The one schema of a required one-line text: trimmed, not empty, at most `max` characters, storable. */
export const text = (max: number) => storable(z.string().trim().min(1).max(max));

/** Free text that may be left empty: trimmed, empty becomes null. */
export const optionalText = (max: number) =>
  storable(z.string().max(max))
    .transform((value) => value.trim() || null)
    .nullish()
    .transform((value) => value ?? null);
