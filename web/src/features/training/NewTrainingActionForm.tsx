import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { type ActionCategory, enumValue, enumValues } from '../../data/graphql';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import { trainingMessages } from './messages';

/** The schema's `ActionCategory` values, in the order of their labels. */
const ACTION_CATEGORIES = enumValues<ActionCategory>(trainingMessages.fr.categories);

const FIELDS = ['title', 'category', 'certifying'] as const;

interface NewTrainingAction {
  title: string;
  category: ActionCategory;
  certifying: boolean;
}

const EMPTY: NewTrainingAction = { title: '', category: 'training', certifying: false };

export function NewTrainingActionForm({ onCreated }: { onCreated: (title: string) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<NewTrainingAction>(EMPTY);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'action');

  const create = useMutation({
    mutationFn: (input: NewTrainingAction) => command('/api/training-actions', input),
    onSuccess: (_created, input) => {
      setValues(EMPTY);
      onCreated(input.title);
    },
    onError: showServerError,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const title = values.title.trim();
    const titleError = !title
      ? t('validation.required')
      : isStorableText(title)
        ? null
        : t('validation.invalidCharacters');
    if (show(titleError ? { title: titleError } : {})) return;
    create.mutate({ ...values, title });
  };

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <TextField
        id="action-title"
        name="title"
        label={t('actions.fieldTitle')}
        required
        autoComplete="off"
        value={values.title}
        error={errors.title}
        onChange={(event) => setValues({ ...values, title: event.target.value })}
      />
      <SelectField
        id="action-category"
        name="category"
        label={t('actions.category')}
        value={values.category}
        error={errors.category}
        onChange={(event) =>
          setValues({
            ...values,
            category: enumValue(ACTION_CATEGORIES, event.target.value) ?? values.category,
          })
        }
      >
        {ACTION_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {t(`categories.${category}`)}
          </option>
        ))}
      </SelectField>
      <div className={`field field-checkbox${errors.certifying ? ' field-invalid' : ''}`}>
        <input
          id="action-certifying"
          name="certifying"
          type="checkbox"
          checked={values.certifying}
          aria-describedby={errors.certifying ? 'action-certifying-error' : undefined}
          onChange={(event) => setValues({ ...values, certifying: event.target.checked })}
        />
        <label htmlFor="action-certifying">{t('actions.certifying')}</label>
        {errors.certifying && (
          <p className="field-error" id="action-certifying-error" role="alert">
            {errors.certifying}
          </p>
        )}
      </div>
      <SubmitButton pending={create.isPending}>{t('actions.submit')}</SubmitButton>
    </form>
  );
}
