/** Human messages for errors: translated per error code, falling back to the server's own message. */
import type { TFunction } from 'i18next';
import { isApiError } from './api';
import i18n from './i18n';

/** Looks up a translation by a key computed at run time (codes from the server), or returns null. */
export function translateKey(t: TFunction, key: string): string | null {
  return i18n.exists(key) ? (t as unknown as (key: string) => string)(key) : null;
}

/** Label of a code in a section (`categories.vae`), or the code itself when it has no translation. */
export function codeLabel(t: TFunction, section: string, code: string): string {
  return translateKey(t, `${section}.${code}`) ?? code;
}

export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  const translated = translateKey(t, `errors.${error.code}`);
  if (translated) return translated;
  if (error.code !== `http_${error.status}` && error.message) return error.message;
  if (error.status === 404) return t('errors.not_found');
  if (error.status === 413) return t('errors.payload_too_large');
  if (error.status === 429) return t('errors.rate_limited');
  if (error.status === 503) return t('errors.service_unavailable');
  return t('errors.generic');
}

/**
 * Splits the issues of a `validation_failed` error between known fields (by path) and the rest.
 * Returns the messages per field and whether some issue matched no field.
 */
export function fieldErrorsFrom<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): { fieldErrors: Partial<Record<Field, string>>; unmatched: boolean } {
  const fieldErrors: Partial<Record<Field, string>> = {};
  if (!isApiError(error) || error.code !== 'validation_failed') return { fieldErrors, unmatched: true };
  let unmatched = false;
  for (const issue of error.issues) {
    const field = fields.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message || error.message;
    else if (!field) unmatched = true;
  }
  if (error.issues.length === 0) unmatched = true;
  return { fieldErrors, unmatched };
}

/** Moves focus to the first field (by element id) that has an error. */
export function focusFirstError(order: readonly { id: string; hasError: boolean }[]): void {
  const first = order.find((field) => field.hasError);
  if (first) document.getElementById(first.id)?.focus();
}
