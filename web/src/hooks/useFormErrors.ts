import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom, focusFirstError } from '../errorMessages';

/**
 * Field and form-level errors of a form whose inputs have ids `<idPrefix>-<field>`: shows them, focuses the first
 * field in error, and splits a server's `validation_failed` answer between the fields and the form. What the
 * person typed is the form's own state and is never cleared here: a failed send keeps it for the next try.
 */
export function useFormErrors<Field extends string>(fields: readonly Field[], idPrefix: string) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);

  /** Shows these errors (an empty object clears them); answers whether there was any field error. */
  const show = (found: Partial<Record<Field, string>>, form: unknown = null): boolean => {
    setErrors(found);
    setFormError(form);
    focusFirstError(fields.map((field) => ({ id: `${idPrefix}-${field}`, hasError: Boolean(found[field]) })));
    return Object.keys(found).length > 0;
  };

  const showServerError = (error: unknown) => {
    const { fieldErrors, unmatched } = fieldErrorsFrom(t, error, fields);
    show(fieldErrors, unmatched ? error : null);
  };

  return { errors, formError, show, showServerError };
}
