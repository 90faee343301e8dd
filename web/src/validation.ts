/** Client-side checks (the server validates again). */
export const MIN_PASSWORD_LENGTH = 12;

/** A pragmatic e-mail check: something@something.tld, no spaces. */
export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Whether `YYYY-MM-DD` strings are in order (or one is missing). */
export const isOrdered = (from: string, to: string): boolean => !from || !to || from <= to;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * False for a text the server refuses as `invalid_characters` (NUL, or half of a surrogate pair, e.g. pasted
 * from a broken document): said at once beside the field rather than after a round trip.
 */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);
