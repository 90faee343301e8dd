/** Client-side checks (the server validates again). */
export const MIN_PASSWORD_LENGTH = 12;

/** A pragmatic e-mail check: something@something.tld, no spaces. */
export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Whether `YYYY-MM-DD` strings are in order (or one is missing). */
export const isOrdered = (from: string, to: string): boolean => !from || !to || from <= to;
