import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import {
  enumValues,
  type ImprovementActionOriginType,
  type ImprovementActionPriority,
  type ImprovementActionType,
} from '../../data/graphql';
import { errorMessage } from '../../errorMessages';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import { useActionOwners } from './actions';
import { actionsMessages } from './messages';

const TYPES = enumValues<ImprovementActionType>(actionsMessages.fr.actionTypes);
const PRIORITIES = enumValues<ImprovementActionPriority>(actionsMessages.fr.actionPriorities);
const ORIGINS = enumValues<ImprovementActionOriginType>(actionsMessages.fr.actionOrigins);

export interface OriginValue {
  type: ImprovementActionOriginType;
  id: string | null;
  indicator: number | null;
}

export interface ContentValues {
  title: string;
  description: string;
  type: ImprovementActionType;
  priority: ImprovementActionPriority;
  ownerId: string;
  dueOn: string;
  origins: OriginValue[];
}

const FIELDS = [
  'title',
  'description',
  'type',
  'priority',
  'ownerId',
  'dueOn',
  'origins',
  'indicator',
] as const;

/**
 * What an action says: a new one (POST /api/improvement-actions) or an edit (its revision as If-Match). A new
 * one names one origin (a record when it comes from one); an edit keeps the origins it has.
 */
export function ContentForm({
  id,
  initial,
  actionId,
  revision,
  submitLabel,
  onDone,
}: {
  id: string;
  initial: ContentValues;
  actionId?: string;
  revision?: number;
  submitLabel: string;
  onDone: (answer: { id: string }) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const owners = useActionOwners();
  const [values, setValues] = useState<ContentValues>(initial);
  const [indicator, setIndicator] = useState(initial.origins[0]?.indicator?.toString() ?? '');
  const [stale, setStale] = useState(false);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, id);
  const editing = actionId !== undefined;
  const origin = values.origins[0];
  const send = useMutation({
    mutationFn: (body: object) =>
      editing
        ? command<{ id: string }>(`/api/improvement-actions/${encodeURIComponent(actionId)}/edit`, body, {
            ifMatch: revision,
          })
        : command<{ id: string }>('/api/improvement-actions', body),
    onSuccess: (answer) => {
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
      if (isApiError(failure) && failure.code === 'due_date_past') {
        show({ dueOn: errorMessage(t, failure) });
        return;
      }
      if (isApiError(failure) && failure.code === 'owner_not_member') {
        show({ ownerId: errorMessage(t, failure) });
        return;
      }
      showServerError(failure);
    },
  });

  const validate = () => {
    const found: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!values.title.trim()) found.title = t('validation.required');
    else if (values.title.trim().length > 300) found.title = t('improvement.tooLong', { max: 300 });
    else if (!isStorableText(values.title)) found.title = t('validation.invalidCharacters');
    if (values.description.trim().length > 5000) found.description = t('improvement.tooLong', { max: 5000 });
    else if (!isStorableText(values.description)) found.description = t('validation.invalidCharacters');
    if (!values.ownerId) found.ownerId = t('validation.required');
    if (!editing && values.dueOn && values.dueOn < parisToday()) found.dueOn = t('errors.due_date_past');
    if (!editing && origin?.type === 'non_conformity') {
      const number = Number(indicator);
      if (!Number.isInteger(number) || number < 1 || number > 32)
        found.indicator = t('errors.indicator_unknown');
    }
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending || show(validate())) return;
    const origins = values.origins.map((item, index) =>
      index === 0 && !editing
        ? { ...item, indicator: item.type === 'non_conformity' ? Number(indicator) : null }
        : item,
    );
    send.mutate({
      title: values.title.trim(),
      description: values.description.trim() || null,
      type: values.type,
      priority: values.priority,
      ownerId: values.ownerId,
      dueOn: values.dueOn || null,
      origins,
    });
  };

  const set = (patch: Partial<ContentValues>) => setValues({ ...values, ...patch });
  const fieldId = (name: string) => `${id}-${name}`;
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      {stale ? <ErrorAlert message={t('improvement.stale')} /> : <ErrorAlert error={formError} />}
      <TextField
        id={fieldId('title')}
        label={t('improvement.titleLabel')}
        required
        autoComplete="off"
        value={values.title}
        error={errors.title}
        onChange={(event) => set({ title: event.target.value })}
      />
      <TextAreaField
        id={fieldId('description')}
        label={t('improvement.description')}
        hint={t('improvement.optional')}
        rows={3}
        value={values.description}
        error={errors.description}
        onChange={(event) => set({ description: event.target.value })}
      />
      <div className="field-row">
        <SelectField
          id={fieldId('type')}
          label={t('improvement.type')}
          value={values.type}
          onChange={(event) =>
            set({ type: TYPES.find((type) => type === event.target.value) ?? values.type })
          }
        >
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`actionTypes.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fieldId('priority')}
          label={t('improvement.priority')}
          value={values.priority}
          onChange={(event) =>
            set({
              priority: PRIORITIES.find((priority) => priority === event.target.value) ?? values.priority,
            })
          }
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`actionPriorities.${priority}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field-row">
        <SelectField
          id={fieldId('ownerId')}
          label={t('improvement.ownerLabel')}
          required
          value={values.ownerId}
          error={errors.ownerId}
          onChange={(event) => set({ ownerId: event.target.value })}
        >
          <option value="" disabled>
            —
          </option>
          {(owners.data ?? []).map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.displayName}
            </option>
          ))}
        </SelectField>
        <TextField
          id={fieldId('dueOn')}
          label={t('improvement.dueOnLabel')}
          hint={t('improvement.dueOnHint')}
          type="date"
          value={values.dueOn}
          error={errors.dueOn}
          onChange={(event) => set({ dueOn: event.target.value })}
        />
      </div>
      {!editing && origin && (
        <div className="field-row">
          <SelectField
            id={fieldId('origins')}
            label={t('improvement.originLabel')}
            value={origin.type}
            disabled={origin.id !== null}
            error={errors.origins}
            onChange={(event) =>
              set({
                origins: [
                  {
                    type: ORIGINS.find((type) => type === event.target.value) ?? origin.type,
                    id: null,
                    indicator: null,
                  },
                ],
              })
            }
          >
            {ORIGINS.map((type) => (
              <option key={type} value={type}>
                {t(`actionOrigins.${type}`)}
              </option>
            ))}
          </SelectField>
          {origin.type === 'non_conformity' && (
            <TextField
              id={fieldId('indicator')}
              label={t('improvement.indicatorLabel')}
              type="number"
              inputMode="numeric"
              min={1}
              max={32}
              required
              value={indicator}
              error={errors.indicator}
              onChange={(event) => setIndicator(event.target.value)}
            />
          )}
        </div>
      )}
      <SubmitButton pending={send.isPending}>{submitLabel}</SubmitButton>
    </form>
  );
}
