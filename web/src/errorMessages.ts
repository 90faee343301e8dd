/** Human messages for errors: translated per error code, falling back to the server's own message. */
import i18next, { type TFunction } from 'i18next';
import { isApiError } from './api';
import { formatSize } from './format';

/** Looks up a translation by a key computed at run time (codes from the server), or returns null. */
function translateKey(t: TFunction, key: string, values: Record<string, unknown> = {}): string | null {
  return i18next.exists(key) ? (t as unknown as (key: string, values: object) => string)(key, values) : null;
}

/** Label of a code in a section (`evidenceKinds.solicitation`), or the code itself when it has no translation. */
export function codeLabel(t: TFunction, section: string, code: string): string {
  return translateKey(t, `${section}.${code}`) ?? code;
}

/** Codes that carry a `details.issues` list, field by field. */
const FIELD_ERROR_CODES = new Set(['validation_failed', 'invalid_characters']);

function describe(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  // A link that no longer takes answers names whom to ask (`_organisation` variant) when the server says.
  const organisation = error.detail('organisationName');
  // A file refused for its size says the limit (`_limit` variant) when the server gives it.
  const maxBytes = error.details?.maxBytes;
  const translated =
    (organisation && translateKey(t, `errors.${error.code}_organisation`, { organisation })) ||
    (typeof maxBytes === 'number' &&
      translateKey(t, `errors.${error.code}_limit`, { size: formatSize(maxBytes, i18next.language) })) ||
    translateKey(t, `errors.${error.code}`);
  if (translated) return translated;
  if (error.code !== `http_${error.status}` && error.message) return error.message;
  if (error.status === 404) return t('errors.not_found');
  if (error.status === 413) return t('errors.payload_too_large');
  if (error.status === 429) return t('errors.rate_limited');
  if (error.status === 503) return t('errors.service_unavailable');
  return t('errors.generic');
}

/** The message of an error; when waiting may help (429, 503, network), also when to try again. */
export function errorMessage(t: TFunction, error: unknown): string {
  const message = describe(t, error);
  if (!isApiError(error) || !error.isTransient) return message;
  const seconds = error.retryAfterSeconds;
  return `${message} ${seconds === null ? t('errors.retrySoon') : t('errors.retryIn', { seconds })}`;
}

/**
 * Splits the issues of a `validation_failed` or `invalid_characters` error between known fields (by path) and
 * the rest. Returns the messages per field and whether some issue matched no field.
 */
export function fieldErrorsFrom<Field extends string>(
  t: TFunction,
  error: unknown,
  fields: readonly Field[],
): { fieldErrors: Partial<Record<Field, string>>; unmatched: boolean } {
  const fieldErrors: Partial<Record<Field, string>> = {};
  if (!isApiError(error) || !FIELD_ERROR_CODES.has(error.code)) return { fieldErrors, unmatched: true };
  let unmatched = error.issues.length === 0;
  for (const issue of error.issues) {
    const field = fields.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
    if (!field) unmatched = true;
    else if (!fieldErrors[field]) {
      fieldErrors[field] =
        issue.code === 'invalid_characters'
          ? t('validation.invalidCharacters')
          : issue.message || errorMessage(t, error);
    }
  }
  return { fieldErrors, unmatched };
}

/** Moves focus to the first field (by element id) that has an error. */
export function focusFirstError(order: readonly { id: string; hasError: boolean }[]): void {
  const first = order.find((field) => field.hasError);
  if (first) document.getElementById(first.id)?.focus();
}
