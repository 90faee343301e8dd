import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useViewer } from '../../data/viewer';
import { useFormErrors } from '../../hooks/useFormErrors';
import {
  type RetentionCategory,
  type RetentionSettings,
  useRetentionSettings,
  useSetRetentionPeriods,
} from './retention';

/** `/retention`: how long each category of personal data is kept, and what is due to be erased (admins). */
export function RetentionPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const isAdmin = viewer.data?.role === 'admin';
  return (
    <>
      <PageTitle page={t('retention.title')} />
      <h1>{t('retention.title')}</h1>
      {viewer.isPending && <Loading />}
      {viewer.data && (isAdmin ? <RetentionSettingsView /> : <p>{t('retention.adminsOnly')}</p>)}
    </>
  );
}

function RetentionSettingsView() {
  const { t } = useTranslation();
  const settings = useRetentionSettings();
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <p>{t('retention.intro')}</p>
      <StatusMessage>{saved}</StatusMessage>
      {settings.isPending && <Loading />}
      {settings.isError && <QueryError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        // A new revision (saved here or elsewhere) starts the form again from what the server holds.
        <RetentionForm key={settings.data.revision} settings={settings.data} onSaved={setSaved} />
      )}
    </>
  );
}

function RetentionForm({
  settings,
  onSaved,
}: {
  settings: RetentionSettings;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const categories = settings.categories.map((row) => row.category);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.categories.map((row) => [row.category, String(row.months)])),
  );
  const { errors, formError, show, showServerError } = useFormErrors(categories, 'retention');
  const save = useSetRetentionPeriods(settings, {
    onSuccess: ({ changed }) => {
      show({});
      onSaved(changed ? t('retention.saved') : t('retention.unchanged'));
    },
    onError: showServerError,
  });
  const { minMonths: min, maxMonths: max } = settings;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const periods: Partial<Record<RetentionCategory, number>> = {};
    const invalid: Partial<Record<RetentionCategory, string>> = {};
    for (const category of categories) {
      const text = (values[category] ?? '').trim();
      const months = Number(text);
      if (!/^\d+$/.test(text) || months < min || months > max) {
        invalid[category] = t('retention.outOfBounds', { min, max });
      } else periods[category] = months;
    }
    if (show(invalid)) return;
    save.mutate(periods);
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      {settings.categories.map((row) => (
        // The panel wraps the group, so that its legend stays inside the frame.
        <div key={row.category} className="panel">
          <fieldset>
            <legend>
              {t(`retentionCategories.${row.category}`)}{' '}
              {row.isDefault && <span className="badge">{t('retention.defaultBadge')}</span>}
            </legend>
            <p className="hint">{t(`retentionCategoryHints.${row.category}`)}</p>
            <TextField
              id={`retention-${row.category}`}
              label={t('retention.months')}
              hint={t('retention.bounds', { min, max, default: row.defaultMonths })}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              required
              value={values[row.category] ?? ''}
              error={errors[row.category]}
              onChange={(event) => setValues({ ...values, [row.category]: event.target.value })}
            />
            <ul className="card-meta plain-list">
              {row.dueNow > 0 && <li>{t('retention.dueNow', { count: row.dueNow })}</li>}
              {row.dueSoon > 0 && <li>{t('retention.dueSoon', { count: row.dueSoon })}</li>}
              {row.dueNow + row.dueSoon === 0 && <li>{t('retention.nothingDue')}</li>}
            </ul>
          </fieldset>
        </div>
      ))}
      <SubmitButton pending={save.isPending}>{t('retention.save')}</SubmitButton>
    </form>
  );
}
