import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isOrdered, isStorableText } from '../../validation';

const FIELDS = ['title', 'startsOn', 'endsOn', 'site'] as const;
type Field = (typeof FIELDS)[number];
type NewSession = Record<Field, string>;

/** `POST /api/training-actions/:id/sessions` answers the new session's id. */
interface CreatedSession {
  id: string;
}

const EMPTY: NewSession = { title: '', startsOn: '', endsOn: '', site: '' };

export function NewSessionForm({
  trainingActionId,
  onCreated,
}: {
  trainingActionId: string;
  onCreated: (session: { id: string; title: string }) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<NewSession>(EMPTY);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'session');

  const create = useMutation({
    mutationFn: (input: NewSession) =>
      command<CreatedSession>(
        `/api/training-actions/${encodeURIComponent(trainingActionId)}/sessions`,
        input,
      ),
    onSuccess: (created, input) => {
      setValues(EMPTY);
      onCreated({ id: created.id, title: input.title });
    },
    onError: showServerError,
  });

  const validate = (input: NewSession): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      if (!input[field]) found[field] = t('validation.required');
      else if (!isStorableText(input[field])) found[field] = t('validation.invalidCharacters');
    }
    if (!found.endsOn && !isOrdered(input.startsOn, input.endsOn))
      found.endsOn = t('validation.endBeforeStart');
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const input = { ...values, title: values.title.trim(), site: values.site.trim() };
    if (show(validate(input))) return;
    create.mutate(input);
  };

  const bind = (field: Field) => ({
    id: `session-${field}`,
    name: field,
    value: values[field],
    error: errors[field],
    required: true,
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <TextField label={t('action.sessionTitle')} autoComplete="off" {...bind('title')} />
      <div className="field-row">
        <TextField label={t('action.startsOn')} type="date" {...bind('startsOn')} />
        <TextField
          label={t('action.endsOn')}
          type="date"
          min={values.startsOn || undefined}
          {...bind('endsOn')}
        />
      </div>
      <TextField label={t('action.site')} hint={t('action.siteHint')} autoComplete="off" {...bind('site')} />
      <SubmitButton pending={create.isPending}>{t('action.submit')}</SubmitButton>
    </form>
  );
}
