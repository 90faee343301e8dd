import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isOrdered, isStorableText } from '../../validation';

export type CorrectionField =
  | { name: string; label: string; kind: 'text' | 'date'; hint?: string }
  | { name: string; label: string; kind: 'select'; options: readonly { value: string; label: string }[] }
  | { name: string; label: string; kind: 'checkbox' };

type Values = Record<string, string | boolean>;

/** What a correction command answers. */
interface Corrected {
  changed: boolean;
}

/**
 * One correction of an action or a session, sent with the revision the page shows (If-Match): its fields, the
 * reason (required or optional), and an optional confirmation before sending. A stale revision reloads the page's
 * data and says so; what was typed stays.
 */
export function CorrectionForm({
  id,
  path,
  revision,
  fields,
  initial,
  reason,
  submitLabel,
  confirm,
  danger,
  onDone,
}: {
  /** Prefix of the inputs' ids. */
  id: string;
  path: string;
  revision: number;
  fields: readonly CorrectionField[];
  initial: Values;
  reason: 'required' | 'optional';
  submitLabel: string;
  /** Asked before sending (a cancellation cannot be undone). */
  confirm?: string;
  danger?: boolean;
  onDone: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const names = [...fields.map((field) => field.name), 'reason'];
  const [values, setValues] = useState<Values>({ ...initial, reason: '' });
  const { errors, formError, show, showServerError } = useFormErrors(names, id);
  const [conflict, setConflict] = useState(false);

  const correct = useMutation({
    mutationFn: (body: Values) => command<Corrected>(path, body, { ifMatch: revision }),
    onSuccess: (answer) => {
      setConflict(false);
      setValues((current) => ({ ...current, reason: '' }));
      onDone(answer.changed);
    },
    onError: (error) => {
      const stale = isApiError(error) && error.code === 'revision_conflict';
      setConflict(stale);
      // The page shows the record as it is now; the form keeps what was typed for a second look.
      if (stale) void queryClient.invalidateQueries();
      showServerError(error);
    },
  });

  const validate = (input: Values) => {
    const found: Record<string, string> = {};
    for (const field of fields) {
      const value = input[field.name];
      if (typeof value !== 'string') continue;
      if (!value) found[field.name] = t('validation.required');
      else if (!isStorableText(value)) found[field.name] = t('validation.invalidCharacters');
    }
    const { startsOn, endsOn } = input;
    if (typeof startsOn === 'string' && typeof endsOn === 'string' && !found.endsOn) {
      if (!isOrdered(startsOn, endsOn)) found.endsOn = t('validation.endBeforeStart');
    }
    const why = String(input.reason);
    if (reason === 'required' && !why) found.reason = t('validation.required');
    else if (!isStorableText(why)) found.reason = t('validation.invalidCharacters');
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (correct.isPending) return;
    const input = Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value]),
    );
    if (show(validate(input))) return;
    if (confirm && !window.confirm(confirm)) return;
    correct.mutate(input);
  };

  const set = (name: string, value: string | boolean) => setValues({ ...values, [name]: value });
  const inputId = (name: string) => `${id}-${name}`;

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={conflict ? null : formError} message={conflict ? t('correction.conflict') : null} />
      {fields.map((field) => {
        if (field.kind === 'checkbox') {
          const error = errors[field.name];
          return (
            <div key={field.name} className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
              <input
                id={inputId(field.name)}
                name={field.name}
                type="checkbox"
                checked={values[field.name] === true}
                onChange={(event) => set(field.name, event.target.checked)}
              />
              <label htmlFor={inputId(field.name)}>{field.label}</label>
            </div>
          );
        }
        if (field.kind === 'select') {
          return (
            <SelectField
              key={field.name}
              id={inputId(field.name)}
              name={field.name}
              label={field.label}
              value={String(values[field.name])}
              error={errors[field.name]}
              onChange={(event) => set(field.name, event.target.value)}
            >
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </SelectField>
          );
        }
        return (
          <TextField
            key={field.name}
            id={inputId(field.name)}
            name={field.name}
            label={field.label}
            hint={field.hint}
            type={field.kind}
            required
            autoComplete="off"
            value={String(values[field.name])}
            error={errors[field.name]}
            onChange={(event) => set(field.name, event.target.value)}
          />
        );
      })}
      <TextField
        id={inputId('reason')}
        name="reason"
        label={reason === 'required' ? t('correction.reason') : t('correction.reasonOptional')}
        hint={t('correction.reasonHint')}
        required={reason === 'required'}
        autoComplete="off"
        value={String(values.reason)}
        error={errors.reason}
        onChange={(event) => set('reason', event.target.value)}
      />
      {danger ? (
        <button
          type="submit"
          className="button button-secondary button-danger"
          aria-disabled={correct.isPending || undefined}
        >
          {submitLabel}
        </button>
      ) : (
        <SubmitButton pending={correct.isPending}>{submitLabel}</SubmitButton>
      )}
    </form>
  );
}
