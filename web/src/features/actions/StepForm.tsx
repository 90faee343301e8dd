import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';

/** One input of a step's form; its name is the field the route takes. */
export type StepField =
  | { name: string; kind: 'textarea'; label: string; maxLength: number; optional?: boolean }
  | {
      name: string;
      kind: 'select';
      label: string;
      options: { value: string; label: string }[];
      initial: string;
      /** Shown only when this other field has this value (the next step after a not-effective check). */
      when?: { field: string; value: string };
    };

type Values = Record<string, string>;

const initialValues = (fields: readonly StepField[]): Values =>
  Object.fromEntries(fields.map((field) => [field.name, field.kind === 'select' ? field.initial : '']));

/**
 * One step of an action: its own small form, sent with the revision the page shows (If-Match). When the action
 * changed meanwhile (409) the page reloads and says so; what was typed stays.
 */
export function StepForm({
  id,
  actionId,
  revision,
  path,
  fields,
  submitLabel,
  onDone,
}: {
  id: string;
  actionId: string;
  revision: number;
  path: string;
  fields: readonly StepField[];
  submitLabel: string;
  onDone: (answer: { followUpActionId?: string | null }) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => initialValues(fields));
  const [stale, setStale] = useState(false);
  const shown = fields.filter(
    (field) => field.kind !== 'select' || !field.when || values[field.when.field] === field.when.value,
  );
  const names = fields.map((field) => field.name);
  const { errors, formError, show, showServerError } = useFormErrors(names, id);
  const send = useMutation({
    mutationFn: (body: object) =>
      command<{ followUpActionId?: string | null }>(
        `/api/improvement-actions/${encodeURIComponent(actionId)}/${path}`,
        body,
        { ifMatch: revision },
      ),
    onSuccess: (answer) => {
      setValues(initialValues(fields));
      setStale(false);
      onDone(answer);
      void queryClient.invalidateQueries();
    },
    onError: (failure) => {
      if (isApiError(failure) && failure.code === 'revision_conflict') {
        setStale(true);
        show({});
        void queryClient.invalidateQueries();
        return;
      }
      setStale(false);
      showServerError(failure);
    },
  });

  const validate = () => {
    const found: Record<string, string> = {};
    for (const field of shown) {
      const value = values[field.name] ?? '';
      if (field.kind !== 'textarea') continue;
      if (!field.optional && !value.trim()) found[field.name] = t('validation.required');
      else if (value.trim().length > field.maxLength)
        found[field.name] = t('improvement.tooLong', { max: field.maxLength });
      else if (!isStorableText(value)) found[field.name] = t('validation.invalidCharacters');
    }
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending || show(validate())) return;
    const body: Record<string, string | null> = {};
    for (const field of shown) {
      const value = values[field.name] ?? '';
      body[field.name] = field.kind === 'textarea' && field.optional ? value.trim() || null : value;
    }
    send.mutate(body);
  };

  const fieldId = (name: string) => `${id}-${name}`;
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      {stale ? <ErrorAlert message={t('improvement.stale')} /> : <ErrorAlert error={formError} />}
      {shown.map((field) =>
        field.kind === 'textarea' ? (
          <TextAreaField
            key={field.name}
            id={fieldId(field.name)}
            label={field.label}
            hint={field.optional ? t('improvement.optional') : undefined}
            required={!field.optional}
            rows={3}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
          />
        ) : (
          <SelectField
            key={field.name}
            id={fieldId(field.name)}
            label={field.label}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
          >
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
        ),
      )}
      <SubmitButton pending={send.isPending}>{submitLabel}</SubmitButton>
    </form>
  );
}
