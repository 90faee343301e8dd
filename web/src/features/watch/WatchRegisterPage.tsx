import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type WatchStatus, type WatchTheme } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate, parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { watchMessages } from './messages';
import { useWatchCommand } from './useWatchCommand';
import { useWatchRegister, useWatchSettings, type WatchFilter } from './watch';

const THEMES = enumValues<WatchTheme>(watchMessages.fr.watchThemes);
const STATUSES = enumValues<WatchStatus>(watchMessages.fr.watchStatuses);
const NOTE_FIELDS = ['theme', 'title', 'sourceName', 'sourceUrl', 'informationOn', 'summary'] as const;

const EMPTY_NOTE = {
  theme: 'legal_regulatory' as WatchTheme,
  title: '',
  sourceName: '',
  sourceUrl: '',
  informationOn: '',
  summary: '',
};

function NewNoteForm({ onDone }: { onDone: () => void }) {
  const [values, setValues] = useState(EMPTY_NOTE);
  const { mutation, t } = useWatchCommand('/api/watch-notes', { staleMessage: '' });
  const { errors, formError, show, showServerError } = useFormErrors(NOTE_FIELDS, 'watch-new');
  const today = parisToday();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Partial<Record<(typeof NOTE_FIELDS)[number], string>> = {};
    for (const field of ['title', 'sourceName', 'informationOn', 'summary'] as const) {
      if (!values[field].trim()) found[field] = t('validation.required');
    }
    if (values.informationOn > today) found.informationOn = t('errors.information_date_in_future');
    if (show(found)) return;
    mutation.mutate(
      { ...values, sourceUrl: values.sourceUrl.trim() || null },
      {
        onSuccess: () => {
          setValues(EMPTY_NOTE);
          onDone();
        },
        onError: (error) => showServerError(error),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="panel">
      <ErrorAlert error={formError} />
      <SelectField
        id="watch-new-theme"
        label={t('watch.theme')}
        value={values.theme}
        error={errors.theme}
        onChange={(event) =>
          setValues({ ...values, theme: enumValue(THEMES, event.target.value) ?? values.theme })
        }
      >
        {THEMES.map((theme) => (
          <option key={theme} value={theme}>
            {t(`watchThemes.${theme}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="watch-new-title"
        label={t('watch.noteTitle')}
        value={values.title}
        error={errors.title}
        maxLength={200}
        onChange={(event) => setValues({ ...values, title: event.target.value })}
      />
      <div className="field-row">
        <TextField
          id="watch-new-sourceName"
          label={t('watch.sourceName')}
          value={values.sourceName}
          error={errors.sourceName}
          maxLength={200}
          onChange={(event) => setValues({ ...values, sourceName: event.target.value })}
        />
        <TextField
          id="watch-new-sourceUrl"
          label={t('watch.sourceUrl')}
          type="url"
          value={values.sourceUrl}
          error={errors.sourceUrl}
          onChange={(event) => setValues({ ...values, sourceUrl: event.target.value })}
        />
      </div>
      <TextField
        id="watch-new-informationOn"
        label={t('watch.informationOn')}
        type="date"
        max={today}
        value={values.informationOn}
        error={errors.informationOn}
        onChange={(event) => setValues({ ...values, informationOn: event.target.value })}
      />
      <TextAreaField
        id="watch-new-summary"
        label={t('watch.summary')}
        value={values.summary}
        error={errors.summary}
        maxLength={5000}
        rows={4}
        onChange={(event) => setValues({ ...values, summary: event.target.value })}
      />
      <SubmitButton pending={mutation.isPending}>{t('watch.record')}</SubmitButton>
    </form>
  );
}

function SettingsForm() {
  const settings = useWatchSettings();
  const [days, setDays] = useState<string | null>(null);
  const { mutation, status, setStatus, t } = useWatchCommand('/api/watch-settings', {
    revision: settings.data?.revision,
    staleMessage: watchMessages.fr.watch.staleSettings,
  });
  if (!settings.data) return settings.isError ? <QueryError error={settings.error} /> : <Loading />;
  const value = days ?? String(settings.data.exploitWithinDays);
  return (
    <form
      noValidate
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (mutation.isPending) return;
        mutation.mutate(
          { exploitWithinDays: Number(value) },
          {
            onSuccess: () => {
              setDays(null);
              setStatus(t('watch.settingsSaved'));
            },
          },
        );
      }}
    >
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={mutation.error && !status ? mutation.error : null} />
      <TextField
        id="watch-settings-delay"
        label={t('watch.delay')}
        type="number"
        min={1}
        max={365}
        inputMode="numeric"
        value={value}
        onChange={(event) => setDays(event.target.value)}
      />
      <SubmitButton pending={mutation.isPending}>{t('watch.saveSettings')}</SubmitButton>
    </form>
  );
}

/** `/watch`: the watch register, its counters per theme, filters and search, a new note and the delay. */
export function WatchRegisterPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const [filter, setFilter] = useState<WatchFilter>({
    theme: null,
    status: null,
    notExploited: false,
    from: '',
    to: '',
    search: '',
  });
  const [status, setStatus] = useState<string | null>(null);
  const register = useWatchRegister(filter);
  const role = viewer.data?.role;
  const canRecord = role !== undefined && role !== 'auditor';
  const canManage = role === 'admin' || role === 'quality_manager';
  const rows = register.data?.watchNotes;
  const exportHref = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams({ format });
    if (filter.theme) query.set('theme', filter.theme);
    if (filter.status) query.set('status', filter.status);
    if (filter.notExploited) query.set('notExploited', 'true');
    if (filter.from) query.set('from', filter.from);
    if (filter.to) query.set('to', filter.to);
    if (filter.search.trim()) query.set('search', filter.search.trim());
    return `/api/watch-notes/export?${query.toString()}`;
  };

  return (
    <>
      <PageTitle page={t('watch.title')} />
      <h1>{t('watch.title')}</h1>
      <p>{t('watch.intro')}</p>
      <StatusMessage>{status}</StatusMessage>

      {register.data && (
        <section aria-labelledby="watch-counters">
          <h2 id="watch-counters">{t('watch.countersTitle')}</h2>
          <ul className="card-list">
            {register.data.watchCounters.map((row) => (
              <li key={row.theme} className="card">
                <h3 className="card-title">{t(`watchThemes.${row.theme}`)}</h3>
                <p className="card-meta">
                  <span>
                    {t('watch.total')} : {row.total}
                  </span>
                  <span>
                    {t('watch.toAnalyse')} : {row.toAnalyse}
                  </span>
                  <span className={row.notExploited > 0 ? 'badge badge-warning' : undefined}>
                    {t('watch.notExploited')} : {row.notExploited}
                  </span>
                  <span className={row.communicationMissing > 0 ? 'badge badge-warning' : undefined}>
                    {t('watch.communicationMissing')} : {row.communicationMissing}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {canRecord && (
        <section aria-labelledby="watch-new">
          <h2 id="watch-new">{t('watch.newTitle')}</h2>
          <NewNoteForm onDone={() => setStatus(t('watch.recorded'))} />
        </section>
      )}

      <section aria-labelledby="watch-list">
        <h2 id="watch-list">{t('watch.listTitle')}</h2>
        <fieldset className="panel">
          <legend>{t('watch.filtersTitle')}</legend>
          <div className="field-row">
            <SelectField
              id="watch-filter-theme"
              label={t('watch.theme')}
              value={filter.theme ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, theme: enumValue(THEMES, event.target.value) ?? null })
              }
            >
              <option value="">{t('watch.allThemes')}</option>
              {THEMES.map((theme) => (
                <option key={theme} value={theme}>
                  {t(`watchThemes.${theme}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="watch-filter-status"
              label={t('watch.status')}
              value={filter.status ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, status: enumValue(STATUSES, event.target.value) ?? null })
              }
            >
              <option value="">{t('watch.allStatuses')}</option>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(`watchStatuses.${value}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="field-row">
            <TextField
              id="watch-filter-from"
              label={t('watch.from')}
              type="date"
              value={filter.from}
              onChange={(event) => setFilter({ ...filter, from: event.target.value })}
            />
            <TextField
              id="watch-filter-to"
              label={t('watch.to')}
              type="date"
              min={filter.from || undefined}
              value={filter.to}
              onChange={(event) => setFilter({ ...filter, to: event.target.value })}
            />
          </div>
          <TextField
            id="watch-filter-search"
            label={t('watch.search')}
            type="search"
            value={filter.search}
            onChange={(event) => setFilter({ ...filter, search: event.target.value })}
          />
          <div className="field field-checkbox">
            <input
              id="watch-filter-not-exploited"
              type="checkbox"
              checked={filter.notExploited}
              onChange={(event) => setFilter({ ...filter, notExploited: event.target.checked })}
            />
            <label htmlFor="watch-filter-not-exploited">{t('watch.onlyNotExploited')}</label>
          </div>
        </fieldset>

        <p>
          <a href={exportHref('csv')} download>
            {t('watch.exportCsv')}
          </a>{' '}
          ·{' '}
          <a href={exportHref('xlsx')} download>
            {t('watch.exportXlsx')}
          </a>
        </p>
        {register.isPending && <Loading />}
        {register.isError && <QueryError error={register.error} onRetry={() => void register.refetch()} />}
        {rows?.length === 0 && <p>{t('watch.empty')}</p>}
        {rows && rows.length > 0 && (
          <ul className="card-list">
            {rows.map((note) => (
              <li key={note.id} className="card">
                <h3 className="card-title">
                  <Link to={`/watch/${encodeURIComponent(note.id)}`}>{note.title}</Link>
                </h3>
                <p className="card-meta">
                  <span className="badge">{t(`watchStatuses.${note.status}`)}</span>
                  {note.notExploited && (
                    <span className="badge badge-warning">{t('watch.flagNotExploited')}</span>
                  )}
                  {note.communicationMissing && (
                    <span className="badge badge-warning">{t('watch.flagCommunicationMissing')}</span>
                  )}
                  <span>{t(`watchThemes.${note.theme}`)}</span>
                  <span>
                    {note.sourceName} — {formatDate(note.informationOn, i18n.language)}
                  </span>
                </p>
                {note.status === 'to_analyse' && (
                  <p>{t('watch.dueOn', { date: formatDate(note.exploitDueOn, i18n.language) })}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="watch-settings">
          <h2 id="watch-settings">{t('watch.settingsTitle')}</h2>
          <SettingsForm />
        </section>
      )}
    </>
  );
}
