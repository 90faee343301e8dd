import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { errorMessage } from '../../errorMessages';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import type { ComplaintView } from './complaints';

/** One input of a step's form; its name is the field the route takes. */
export type ActionField =
  | {
      name: string;
      kind: 'textarea' | 'text';
      label: string;
      maxLength: number;
      initial?: string;
      optional?: boolean;
    }
  | { name: 'on'; kind: 'date'; label: string }
  | {
      name: string;
      kind: 'select';
      label: string;
      options: { value: string; label: string }[];
      initial?: string;
    }
  | { name: string; kind: 'checkbox'; label: string; initial: boolean };

type Values = Record<string, string | boolean>;

const initialValues = (fields: readonly ActionField[], today: string): Values =>
  Object.fromEntries(
    fields.map((field) => [
      field.name,
      field.kind === 'date' ? today : field.kind === 'checkbox' ? field.initial : (field.initial ?? ''),
    ]),
  );

/**
 * A step of a complaint's handling: its own small form, sent with the revision the page shows (If-Match). When
 * the complaint changed meanwhile (409 `revision_conflict`) the page's data is reloaded and the person told so;
 * what they typed stays.
 */
export function ActionForm({
  id,
  path,
  complaint,
  fields,
  submitLabel,
  ifMatch = true,
  onDone,
}: {
  id: string;
  path: string;
  complaint: ComplaintView;
  fields: readonly ActionField[];
  submitLabel: string;
  /** Whether the command names the complaint's revision (not for an improvement request: its own stream). */
  ifMatch?: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = parisToday();
  const [values, setValues] = useState<Values>(() => initialValues(fields, today));
  const [stale, setStale] = useState(false);
  const names = fields.map((field) => field.name);
  const { errors, formError, show, showServerError } = useFormErrors(names, id);
  const send = useMutation({
    mutationFn: (body: object) =>
      command(
        `/api/complaints/${encodeURIComponent(complaint.id)}/${path}`,
        body,
        ifMatch ? { ifMatch: complaint.revision } : {},
      ),
    onSuccess: () => {
      setValues(initialValues(fields, today));
      setStale(false);
      onDone();
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
      if (isApiError(failure) && failure.code.startsWith('date_') && names.includes('on')) {
        show({ on: errorMessage(t, failure) });
        return;
      }
      showServerError(failure);
    },
  });

  const validate = () => {
    const found: Record<string, string> = {};
    for (const field of fields) {
      const value = values[field.name];
      if (typeof value !== 'string') continue;
      if (field.kind === 'date') {
        if (!value) found[field.name] = t('validation.required');
        else if (value > today) found[field.name] = t('errors.date_in_future');
      } else if ((field.kind === 'text' || field.kind === 'textarea') && !field.optional && !value.trim()) {
        found[field.name] = t('validation.required');
      } else if (field.kind === 'select' && !value) {
        found[field.name] = t('validation.required');
      } else if ('maxLength' in field && value.trim().length > field.maxLength) {
        found[field.name] = t('complaintForm.tooLong', { max: field.maxLength });
      } else if (!isStorableText(value)) {
        found[field.name] = t('validation.invalidCharacters');
      }
    }
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending || show(validate())) return;
    const body: Record<string, string | boolean | null> = {};
    for (const field of fields) {
      const value = values[field.name]!;
      body[field.name] =
        typeof value === 'string' && 'optional' in field && field.optional ? value.trim() || null : value;
    }
    send.mutate(body);
  };

  const set = (name: string, value: string | boolean) => setValues({ ...values, [name]: value });
  const fieldId = (name: string) => `${id}-${name}`;

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      {stale ? <ErrorAlert message={t('complaint.stale')} /> : <ErrorAlert error={formError} />}
      {fields.map((field) => {
        const value = values[field.name];
        switch (field.kind) {
          case 'textarea':
            return (
              <TextAreaField
                key={field.name}
                id={fieldId(field.name)}
                label={field.label}
                hint={field.optional ? t('complaintForm.optional') : undefined}
                required={!field.optional}
                rows={4}
                value={String(value)}
                error={errors[field.name]}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
          case 'text':
            return (
              <TextField
                key={field.name}
                id={fieldId(field.name)}
                label={field.label}
                required={!field.optional}
                autoComplete="off"
                value={String(value)}
                error={errors[field.name]}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
          case 'date':
            return (
              <TextField
                key={field.name}
                id={fieldId(field.name)}
                label={field.label}
                hint={t('complaint.onHint')}
                type="date"
                required
                max={today}
                min={complaint.receivedOn}
                value={String(value)}
                error={errors[field.name]}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
          case 'select':
            return (
              <SelectField
                key={field.name}
                id={fieldId(field.name)}
                label={field.label}
                value={String(value)}
                error={errors[field.name]}
                onChange={(event) => set(field.name, event.target.value)}
              >
                <option value="" disabled>
                  —
                </option>
                {field.options.map((option) => (
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
                  id={fieldId(field.name)}
                  type="checkbox"
                  checked={value === true}
                  onChange={(event) => set(field.name, event.target.checked)}
                />
                <label htmlFor={fieldId(field.name)}>{field.label}</label>
              </div>
            );
        }
        return null;
      })}
      <SubmitButton pending={send.isPending}>{submitLabel}</SubmitButton>
    </form>
  );
}
