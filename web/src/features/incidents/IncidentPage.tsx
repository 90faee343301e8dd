import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { useViewer } from '../../data/viewer';
import { formatDate, parisToday } from '../../format';
import { LinkedActions } from '../actions/LinkedActions';
import { type IncidentView, useIncident } from './incidents';

/**
 * One step form: a text, perhaps a date, sent with the revision the page shows (If-Match). A stale revision
 * reloads the page's data; what was typed stays.
 */
function StepForm({
  id,
  path,
  incident,
  textLabel,
  dateLabel,
  dateField,
  textField,
  submitLabel,
  maxLength = 5000,
  multiline = true,
  onDone,
}: {
  id: string;
  path: string;
  incident: IncidentView;
  textLabel: string;
  dateLabel?: string;
  dateField?: string;
  textField: string;
  submitLabel: string;
  maxLength?: number;
  multiline?: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = parisToday();
  const [text, setText] = useState('');
  const [on, setOn] = useState(today);
  const [error, setError] = useState<string | undefined>();
  const send = useMutation({
    mutationFn: () =>
      command(
        `/api/incidents/${encodeURIComponent(incident.id)}/${path}`,
        dateField ? { [textField]: text, [dateField]: on } : { [textField]: text },
        { ifMatch: incident.revision },
      ),
    onSuccess: () => {
      setText('');
      onDone();
      void queryClient.invalidateQueries();
    },
    onError: (failure) => {
      if (isApiError(failure) && failure.code === 'revision_conflict') void queryClient.invalidateQueries();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) return;
    if (!text.trim()) {
      setError(t('validation.required'));
      document.getElementById(`${id}-text`)?.focus();
      return;
    }
    setError(undefined);
    send.mutate();
  };
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={send.error} />
      {multiline ? (
        <TextAreaField
          id={`${id}-text`}
          label={textLabel}
          required
          rows={3}
          maxLength={maxLength}
          value={text}
          error={error}
          onChange={(event) => setText(event.target.value)}
        />
      ) : (
        <TextField
          id={`${id}-text`}
          label={textLabel}
          required
          maxLength={maxLength}
          autoComplete="off"
          value={text}
          error={error}
          onChange={(event) => setText(event.target.value)}
        />
      )}
      {dateField && dateLabel && (
        <TextField
          id={`${id}-on`}
          label={dateLabel}
          type="date"
          max={today}
          min={incident.occurredOn}
          value={on}
          onChange={(event) => setOn(event.target.value)}
        />
      )}
      <SubmitButton pending={send.isPending}>{submitLabel}</SubmitButton>
    </form>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** `/incidents/:id`: one difficulty or disruption, its measures, its resolution or reopening, its history. */
export function IncidentPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const incident = useIncident(id);
  const viewer = useViewer();
  const [status, setStatus] = useState<string | null>(null);
  const role = viewer.data?.role;
  const canRecord = !!role && role !== 'auditor';
  const canManage = role === 'admin' || role === 'quality_manager';

  if (incident.isPending) return <Loading />;
  if (incident.isError) return <QueryError error={incident.error} onRetry={() => void incident.refetch()} />;
  const back = (
    <p>
      <Link to="/incidents">{t('incident.back')}</Link>
    </p>
  );
  if (!incident.data) {
    return (
      <>
        <PageTitle page={t('incident.notFound')} />
        {back}
        <h1>{t('incident.notFound')}</h1>
      </>
    );
  }
  const data = incident.data;
  const date = (day: string) => formatDate(day, i18n.language);
  const heading = t('incidents.details', {
    category: t(`incidentCategories.${data.category}`),
    date: date(data.occurredOn),
  });
  const writable = !data.erased;

  return (
    <>
      <PageTitle page={heading} />
      {back}
      <h1>{heading}</h1>
      <StatusMessage>{status}</StatusMessage>
      <p className="card-meta">
        <span className={`badge${data.status === 'open' ? ' badge-warning' : ''}`}>
          {t(`incidentStatuses.${data.status}`)}
        </span>
        <span className="badge">{t(`incidentKinds.${data.kind}`)}</span>
        <span>{t(`incidentSeverities.${data.severity}`)}</span>
      </p>
      {data.erased && <p className="alert">{t('incident.erased')}</p>}
      <dl className="contact-details">
        <dt>{t('incident.description')}</dt>
        <dd className="contact-said">{data.detailsHidden ? t('incidents.hidden') : data.description}</dd>
        <dt>{t('incident.session')}</dt>
        <dd>
          {data.session ? `${data.session.trainingTitle} — ${data.session.sessionTitle}` : t('incident.none')}
        </dd>
        <dt>{t('incident.site')}</dt>
        <dd>{data.site ?? t('incident.none')}</dd>
        <dt>{t('incident.indicators')}</dt>
        <dd>{data.indicators.join(', ')}</dd>
      </dl>

      <Section id="incident-measures" title={t('incident.measuresTitle')}>
        {data.measures.length === 0 ? (
          <p>{t('incident.noMeasure')}</p>
        ) : (
          <ul className="card-list">
            {data.measures.map((measure) => (
              <li key={measure.revision} className="card">
                <p className="card-meta">{date(measure.on)}</p>
                {measure.text !== null && <p className="contact-said">{measure.text}</p>}
              </li>
            ))}
          </ul>
        )}
        {canRecord && writable && data.status === 'open' && (
          <StepForm
            id="incident-measure"
            path="measures"
            incident={data}
            textField="measure"
            textLabel={t('incident.measure')}
            dateField="takenOn"
            dateLabel={t('incident.measureOn')}
            submitLabel={t('incident.addMeasure')}
            onDone={() => setStatus(t('incident.measureAdded'))}
          />
        )}
      </Section>

      <Section
        id="incident-resolution"
        title={data.status === 'resolved' ? t('incident.resolutionTitle') : t('incident.resolve')}
      >
        {data.status === 'resolved' && data.resolvedOn && (
          <p>
            {t('incident.resolvedNotice', {
              date: date(data.resolvedOn),
              resolution: data.resolution ?? '',
            })}
          </p>
        )}
        {canManage && writable && data.status === 'open' && (
          <StepForm
            id="incident-resolve"
            path="resolve"
            incident={data}
            textField="resolution"
            textLabel={t('incident.resolution')}
            dateField="resolvedOn"
            dateLabel={t('incident.resolvedOn')}
            submitLabel={t('incident.resolve')}
            onDone={() => setStatus(t('incident.resolvedDone'))}
          />
        )}
        {canManage && writable && data.status === 'resolved' && (
          <StepForm
            id="incident-reopen"
            path="reopen"
            incident={data}
            textField="reason"
            textLabel={t('incident.reason')}
            submitLabel={t('incident.reopen')}
            maxLength={2000}
            onDone={() => setStatus(t('incident.reopened'))}
          />
        )}
      </Section>

      <Section id="incident-improvement" title={t('incident.improvementTitle')}>
        <LinkedActions type="incident" id={data.id} />
        {canManage && writable && (
          <>
            <p>{t('incident.improvementIntro')}</p>
            <StepForm
              id="incident-improvement"
              path="improvement-requests"
              incident={data}
              textField="title"
              textLabel={t('incident.improvementLabel')}
              submitLabel={t('incident.improvementSubmit')}
              maxLength={200}
              multiline={false}
              onDone={() => setStatus(t('incident.improvementDone'))}
            />
          </>
        )}
      </Section>

      <Section id="incident-history" title={t('incident.historyTitle')}>
        <ol>
          {data.steps.map((step) => (
            <li key={step.revision}>{t(`incidentSteps.${step.step}`, { date: date(step.on) })}</li>
          ))}
        </ol>
      </Section>
    </>
  );
}
