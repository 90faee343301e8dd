import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { type ActionCategory, enumValues } from '../../data/graphql';
import { trainingMessages } from '../training/messages';
import { CheckboxField, Facts } from './fields';
import { type OrganisationProfile, useProfileCommand } from './organisation';

const CATEGORIES = enumValues<ActionCategory>(trainingMessages.fr.categories);
const CONDITIONS = ['certifying', 'subcontracting', 'workBasedTraining', 'alternance', 'newEntrant'] as const;
type Condition = (typeof CONDITIONS)[number];
type Activities = { categories: ActionCategory[] } & Record<Condition, boolean>;

const valuesOf = (profile: OrganisationProfile): Activities => ({
  categories: [...(profile.activities?.categories ?? [])],
  certifying: profile.activities?.certifying ?? false,
  subcontracting: profile.activities?.subcontracting ?? false,
  workBasedTraining: profile.activities?.workBasedTraining ?? false,
  alternance: profile.activities?.alternance ?? false,
  newEntrant: profile.activities?.newEntrant ?? false,
});

/** What the organisation runs: the categories of action and the conditions that make indicators apply. */
export function ActivitiesSection({
  profile,
  canEdit,
  onSaved,
}: {
  profile: OrganisationProfile;
  canEdit: boolean;
  onSaved: (section: string) => void;
}) {
  const { t } = useTranslation();
  const title = t('organisation.activitiesTitle');
  const [values, setValues] = useState(() => valuesOf(profile));
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const save = useProfileCommand<Activities>(profile, () => 'activities', {
    onSuccess: () => {
      setError(null);
      onSaved(title);
    },
    onError: setError,
  });
  const seeIndicators = (
    <p>
      <Link to="/referential">{t('organisation.seeIndicators')}</Link>
    </p>
  );

  if (!canEdit) {
    const activities = profile.activities;
    return (
      <section aria-labelledby="activities-title" className="panel">
        <h2 id="activities-title">{title}</h2>
        {activities ? (
          <Facts
            items={[
              {
                label: t('organisation.categoriesLegend'),
                value: activities.categories.map((category) => t(`categories.${category}`)).join(', '),
              },
              ...CONDITIONS.filter((condition) => activities[condition]).map((condition) => ({
                label: t(`organisation.${condition}`),
                value: t('organisation.yes'),
              })),
            ]}
          />
        ) : (
          <p>{t('organisation.activitiesUndeclared')}</p>
        )}
        {seeIndicators}
      </section>
    );
  }

  const toggle = (category: ActionCategory, on: boolean) =>
    setValues({
      ...values,
      categories: on
        ? CATEGORIES.filter((known) => known === category || values.categories.includes(known))
        : values.categories.filter((known) => known !== category),
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    setMissing(values.categories.length === 0);
    if (values.categories.length > 0) save.mutate(values);
  };

  return (
    <section aria-labelledby="activities-title">
      <h2 id="activities-title">{title}</h2>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <p className="hint">{t('organisation.activitiesHint')}</p>
        <ErrorAlert error={error} message={missing ? t('errors.no_action_category') : null} />
        <fieldset>
          <legend>{t('organisation.categoriesLegend')}</legend>
          {CATEGORIES.map((category) => (
            <CheckboxField
              key={category}
              id={`activities-${category}`}
              label={t(`categories.${category}`)}
              checked={values.categories.includes(category)}
              onChange={(on) => toggle(category, on)}
            />
          ))}
        </fieldset>
        {CONDITIONS.map((condition) => (
          <CheckboxField
            key={condition}
            id={`activities-${condition}`}
            label={t(`organisation.${condition}`)}
            checked={values[condition]}
            onChange={(on) => setValues({ ...values, [condition]: on })}
          />
        ))}
        <SubmitButton pending={save.isPending}>{t('organisation.save')}</SubmitButton>
        {seeIndicators}
      </form>
    </section>
  );
}
