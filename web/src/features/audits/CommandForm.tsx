import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { isStorableText } from '../../validation';

/** One field of a command form: its name in the body, label, and kind. */
export interface FormField {
  name: string;
  label: string;
  kind: 'text' | 'date' | 'textarea' | 'select' | 'number' | 'checkbox';
  options?: readonly { value: string; label: string }[];
  hint?: string;
  optional?: boolean;
}

/**
 * A small form that posts one command: labelled fields, required ones checked before sending, the server's
 * errors shown field by field or above the form (announced), a stale revision reloads the page's data.
 */
export function CommandForm({
  id,
  path,
  fields,
  initial,
  submitLabel,
  revision,
  onDone,
}: {
  id: string;
  path: string;
  fields: readonly FormField[];
  initial: Record<string, string | boolean>;
  submitLabel: string;
  revision?: number;
  onDone: (answer: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);

  const send = useMutation({
    mutationFn: (body: object) =>
      command<Record<string, unknown>>(path, body, revision === undefined ? {} : { ifMatch: revision }),
    onSuccess: (answer) => {
      setFormError(null);
      setValues(initial);
      void queryClient.invalidateQueries();
      onDone(answer);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'revision_conflict') void queryClient.invalidateQueries();
      setFormError(error);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) return;
    const found: Record<string, string> = {};
    for (const field of fields) {
      const value = values[field.name];
      if (typeof value !== 'string') continue;
      if (!field.optional && !value.trim()) found[field.name] = t('validation.required');
      else if (!isStorableText(value)) found[field.name] = t('validation.invalidCharacters');
    }
    setErrors(found);
    const first = fields.find((field) => found[field.name]);
    if (first) {
      document.getElementById(`${id}-${first.name}`)?.focus();
      return;
    }
    const body: Record<string, unknown> = {};
    for (const field of fields) {
      const value = values[field.name];
      body[field.name] = field.kind === 'number' ? Number(value) : value;
    }
    send.mutate(body);
  };

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      {fields.map((field) => {
        const fieldId = `${id}-${field.name}`;
        const value = values[field.name];
        const set = (next: string | boolean) => setValues({ ...values, [field.name]: next });
        const common = { id: fieldId, label: field.label, hint: field.hint, error: errors[field.name] };
        switch (field.kind) {
          case 'textarea':
            return (
              <TextAreaField
                key={field.name}
                {...common}
                required={!field.optional}
                value={String(value ?? '')}
                onChange={(event) => set(event.target.value)}
              />
            );
          case 'select':
            return (
              <SelectField
                key={field.name}
                {...common}
                value={String(value ?? '')}
                onChange={(event) => set(event.target.value)}
              >
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </SelectField>
            );
          case 'checkbox':
            return (
              <div key={field.name} className="field field-checkbox">
                <input
                  id={fieldId}
                  type="checkbox"
                  checked={value === true}
                  onChange={(event) => set(event.target.checked)}
                />
                <label htmlFor={fieldId}>{field.label}</label>
              </div>
            );
          default:
            return (
              <TextField
                key={field.name}
                {...common}
                type={field.kind === 'number' ? 'number' : field.kind === 'date' ? 'date' : 'text'}
                inputMode={field.kind === 'number' ? 'numeric' : undefined}
                required={!field.optional}
                value={String(value ?? '')}
                onChange={(event) => set(event.target.value)}
              />
            );
        }
      })}
      <SubmitButton id={`${id}-submit`} pending={send.isPending}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
