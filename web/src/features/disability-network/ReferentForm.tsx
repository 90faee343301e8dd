import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import type { NetworkView } from './network';
import { useNetworkCommand } from './useNetworkCommand';

const TRAINING_FIELDS = ['title', 'on', 'provider'] as const;
const MAX_TRAININGS = 50;
const ID = 'referent';

interface TrainingValues {
  title: string;
  on: string;
  provider: string;
}

interface ReferentValues {
  is: 'member' | 'person';
  memberId: string;
  name: string;
  trainings: TrainingValues[];
}

const EMPTY_TRAINING: TrainingValues = { title: '', on: '', provider: '' };

const valuesOf = (referent: NetworkView['referent']): ReferentValues => ({
  is: referent?.name ? 'person' : 'member',
  memberId: referent?.memberId ?? '',
  name: referent?.name ?? '',
  trainings: referent?.trainings.map((training) => ({ ...training })) ?? [],
});

/** Sets the disability referent (a member, or a person by name) with their trainings, as one replacement. */
export function ReferentForm({
  network,
  onDone,
}: {
  network: NetworkView;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const today = parisToday();
  const [values, setValues] = useState<ReferentValues>(() => valuesOf(network.referent));
  const { mutation, stale } = useNetworkCommand('/api/disability-network/referent', network.revision);
  const fields = [
    'memberId',
    'name',
    ...values.trainings.flatMap((_, index) => TRAINING_FIELDS.map((field) => `trainings.${index}.${field}`)),
  ];
  const { errors, formError, show, showServerError } = useFormErrors(fields, ID);
  const fieldId = (field: string) => `${ID}-${field}`;

  const setTraining = (index: number, change: Partial<TrainingValues>) =>
    setValues({
      ...values,
      trainings: values.trainings.map((training, at) =>
        at === index ? { ...training, ...change } : training,
      ),
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Record<string, string> = {};
    if (values.is === 'member' && !values.memberId) found.memberId = t('validation.required');
    if (values.is === 'person' && !values.name.trim()) found.name = t('validation.required');
    if (values.is === 'person' && !isStorableText(values.name))
      found.name = t('validation.invalidCharacters');
    values.trainings.forEach((training, index) => {
      for (const field of TRAINING_FIELDS) {
        const key = `trainings.${index}.${field}`;
        if (!training[field].trim()) found[key] = t('validation.required');
        else if (!isStorableText(training[field])) found[key] = t('validation.invalidCharacters');
      }
      if (training.on > today) found[`trainings.${index}.on`] = t('disabilityNetwork.dateInFuture');
    });
    if (show(found)) return;
    mutation.mutate(
      {
        memberId: values.is === 'member' ? values.memberId : null,
        name: values.is === 'person' ? values.name.trim() : null,
        trainings: values.trainings.map((training) => ({
          title: training.title.trim(),
          on: training.on,
          provider: training.provider.trim(),
        })),
      },
      {
        onSuccess: () => onDone(t('disabilityNetwork.referentSaved')),
        onError: (error) => showServerError(error),
      },
    );
  };

  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      <ErrorAlert message={stale ? t('disabilityNetwork.stale') : null} error={stale ? null : formError} />
      <fieldset>
        <legend>{t('disabilityNetwork.referentIsLegend')}</legend>
        {(['member', 'person'] as const).map((is) => (
          <div key={is} className="field field-checkbox">
            <input
              id={fieldId(`is-${is}`)}
              type="radio"
              name="referent-is"
              value={is}
              checked={values.is === is}
              onChange={() => setValues({ ...values, is })}
            />
            <label htmlFor={fieldId(`is-${is}`)}>
              {t(is === 'member' ? 'disabilityNetwork.referentMember' : 'disabilityNetwork.referentPerson')}
            </label>
          </div>
        ))}
      </fieldset>
      {values.is === 'member' ? (
        <SelectField
          id={fieldId('memberId')}
          label={t('disabilityNetwork.referentMemberLabel')}
          value={values.memberId}
          error={errors.memberId}
          onChange={(event) => setValues({ ...values, memberId: event.target.value })}
        >
          <option value="">{t('disabilityNetwork.chooseMember')}</option>
          {network.referentCandidates.map((member) => (
            <option key={member.id} value={member.id}>
              {member.displayName}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          id={fieldId('name')}
          label={t('disabilityNetwork.referentNameLabel')}
          autoComplete="off"
          required
          maxLength={150}
          value={values.name}
          error={errors.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
        />
      )}
      <fieldset>
        <legend>{t('disabilityNetwork.trainingsTitle')}</legend>
        {values.trainings.length === 0 && <p>{t('disabilityNetwork.noTrainings')}</p>}
        {values.trainings.map((training, index) => {
          const number = index + 1;
          const id = (field: (typeof TRAINING_FIELDS)[number]) => fieldId(`trainings.${index}.${field}`);
          const error = (field: (typeof TRAINING_FIELDS)[number]) => errors[`trainings.${index}.${field}`];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div key={index} className="panel">
              <TextField
                id={id('title')}
                label={t('disabilityNetwork.trainingTitle', { number })}
                required
                maxLength={200}
                value={training.title}
                error={error('title')}
                onChange={(event) => setTraining(index, { title: event.target.value })}
              />
              <div className="field-row">
                <TextField
                  id={id('on')}
                  label={t('disabilityNetwork.trainingOn', { number })}
                  type="date"
                  required
                  max={today}
                  value={training.on}
                  error={error('on')}
                  onChange={(event) => setTraining(index, { on: event.target.value })}
                />
                <TextField
                  id={id('provider')}
                  label={t('disabilityNetwork.trainingProvider', { number })}
                  required
                  maxLength={200}
                  value={training.provider}
                  error={error('provider')}
                  onChange={(event) => setTraining(index, { provider: event.target.value })}
                />
              </div>
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  setValues({ ...values, trainings: values.trainings.filter((_, at) => at !== index) })
                }
              >
                {t('disabilityNetwork.removeTraining', { number })}
              </button>
            </div>
          );
        })}
        {values.trainings.length < MAX_TRAININGS && (
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setValues({ ...values, trainings: [...values.trainings, EMPTY_TRAINING] });
                const next = values.trainings.length;
                requestAnimationFrame(() =>
                  document.getElementById(fieldId(`trainings.${next}.title`))?.focus(),
                );
              }}
            >
              {t('disabilityNetwork.addTraining')}
            </button>
          </p>
        )}
      </fieldset>
      <SubmitButton pending={mutation.isPending}>{t('disabilityNetwork.saveReferent')}</SubmitButton>
    </form>
  );
}
