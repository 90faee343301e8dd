import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { TextField } from '../../components/TextField';
import { useViewer } from '../../data/viewer';
import { formatNumber, formatPercent, formatRating, parisToday } from '../../format';
import { type ComplaintStatisticsView, useComplaintStatistics, yearBefore } from './complaints';
import { DeadlineSettingsForm } from './DeadlineSettingsForm';

type StepFigures = ComplaintStatisticsView['acknowledgement'];

/** A small two-column table of counts (by group, channel or outcome). */
function CountTable({
  id,
  title,
  rows,
}: {
  id: string;
  title: string;
  rows: { label: string; count: number }[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {rows.length === 0 ? (
        <p>{t('complaintStats.nothing')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" className="numeric">
                {t('complaintStats.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td className="numeric">{formatNumber(row.count, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** `/complaints/statistics`: deadlines kept over a period (the last 12 months by default), and the settings. */
export function ComplaintStatisticsPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const today = parisToday();
  const [draft, setDraft] = useState({ from: yearBefore(today), to: today });
  const [period, setPeriod] = useState(draft);
  const [periodError, setPeriodError] = useState<string | null>(null);
  const statistics = useComplaintStatistics(period);
  const role = viewer.data?.role;
  const canSet = role === 'admin' || role === 'quality_manager';
  const number = (value: number) => formatNumber(value, i18n.language);
  const missing = t('complaintStats.notAvailable');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft.from || !draft.to || draft.to < draft.from) {
      setPeriodError(t('complaintStats.periodError'));
      document.getElementById('complaint-stats-to')?.focus();
      return;
    }
    setPeriodError(null);
    setPeriod(draft);
  };

  /** One measure for both steps: a short table that fits a phone (measures as rows, steps as columns). */
  const measure = (label: string, value: (figures: StepFigures) => string) =>
    statistics.data && (
      <tr>
        <th scope="row">{label}</th>
        <td className="numeric">{value(statistics.data.acknowledgement)}</td>
        <td className="numeric">{value(statistics.data.answer)}</td>
      </tr>
    );
  const share = (figures: StepFigures) =>
    figures.shareInTime === null ? missing : formatPercent(figures.shareInTime, i18n.language);
  const median = (figures: StepFigures) =>
    figures.medianWorkingDays === null ? missing : formatRating(figures.medianWorkingDays, i18n.language);

  return (
    <>
      <PageTitle page={t('complaintStats.title')} />
      <p>
        <Link to="/complaints">{t('complaintStats.back')}</Link>
      </p>
      <h1>{t('complaintStats.title')}</h1>
      <p>{t('complaintStats.intro')}</p>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <fieldset>
          <legend>{t('complaintStats.period')}</legend>
          <div className="field-row">
            <TextField
              id="complaint-stats-from"
              label={t('complaintStats.from')}
              type="date"
              required
              value={draft.from}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
            <TextField
              id="complaint-stats-to"
              label={t('complaintStats.to')}
              type="date"
              required
              min={draft.from || undefined}
              value={draft.to}
              error={periodError ?? undefined}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          </div>
        </fieldset>
        <button type="submit" className="button button-secondary">
          {t('complaintStats.apply')}
        </button>
      </form>

      {statistics.isPending && <Loading />}
      {statistics.isError && (
        <QueryError error={statistics.error} onRetry={() => void statistics.refetch()} />
      )}
      {statistics.data && (
        <section aria-labelledby="complaint-stats-deadlines">
          <h2 id="complaint-stats-deadlines">{t('complaintStats.caption')}</h2>
          <p aria-live="polite">{t('complaintStats.complaints', { count: statistics.data.complaints })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('complaintStats.measure')}</th>
                <th scope="col" className="numeric">
                  {t('complaintStats.acknowledgement')}
                </th>
                <th scope="col" className="numeric">
                  {t('complaintStats.answer')}
                </th>
              </tr>
            </thead>
            <tbody>
              {measure(t('complaintStats.share'), share)}
              {measure(t('complaintStats.median'), median)}
              {measure(t('complaintStats.inTime'), (figures) => number(figures.inTime))}
              {measure(t('complaintStats.late'), (figures) => number(figures.late))}
              {measure(t('complaintStats.overdue'), (figures) => number(figures.overdue))}
              {measure(t('complaintStats.pending'), (figures) => number(figures.pending))}
            </tbody>
          </table>
          <CountTable
            id="complaint-stats-groups"
            title={t('complaintStats.byGroup')}
            rows={statistics.data.byGroup.map((entry) => ({
              label: t(`complainantGroups.${entry.group}`),
              count: entry.count,
            }))}
          />
          <CountTable
            id="complaint-stats-channels"
            title={t('complaintStats.byChannel')}
            rows={statistics.data.byChannel.map((entry) => ({
              label: t(`complaintChannels.${entry.channel}`),
              count: entry.count,
            }))}
          />
          <CountTable
            id="complaint-stats-outcomes"
            title={t('complaintStats.byOutcome')}
            rows={statistics.data.byOutcome.map((entry) => ({
              label: t(`complaintOutcomes.${entry.outcome}`),
              count: entry.count,
            }))}
          />
        </section>
      )}

      {canSet && <DeadlineSettingsForm />}
    </>
  );
}
