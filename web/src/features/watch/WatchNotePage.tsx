import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type WatchChannel, type WatchImpact } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate, formatDateTime, parisToday } from '../../format';
import { watchMessages } from './messages';
import { useWatchCommand } from './useWatchCommand';
import { useWatchNote, type WatchNoteView } from './watch';

const IMPACTS = enumValues<WatchImpact>(watchMessages.fr.watchImpacts);
const CHANNELS = enumValues<WatchChannel>(watchMessages.fr.watchChannels);

type Say = (message: string) => void;

function AnalyseForm({ note, onDone }: { note: WatchNoteView; onDone: Say }) {
  const [values, setValues] = useState({
    impact: (note.impact ?? 'to_study') as WatchImpact,
    analysis: note.analysis ?? '',
    decision: note.decision ?? '',
    changes: note.changes ?? '',
  });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const { mutation, status, t } = useWatchCommand(`/api/watch-notes/${note.id}/analyses`, {
    revision: note.revision,
    staleMessage: watchMessages.fr.watchNote.stale,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Record<string, string> = {};
    if (!values.analysis.trim()) found.analysis = t('validation.required');
    if (!values.decision.trim()) found.decision = t('validation.required');
    setMissing(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`watch-analyse-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    mutation.mutate(values, { onSuccess: () => onDone(t('watchNote.analysed')) });
  };
  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={status ? null : mutation.error} />
      <SelectField
        id="watch-analyse-impact"
        label={t('watchNote.impact')}
        value={values.impact}
        onChange={(event) =>
          setValues({ ...values, impact: enumValue(IMPACTS, event.target.value) ?? values.impact })
        }
      >
        {IMPACTS.map((impact) => (
          <option key={impact} value={impact}>
            {t(`watchImpacts.${impact}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="watch-analyse-analysis"
        label={t('watchNote.analysis')}
        rows={3}
        maxLength={5000}
        value={values.analysis}
        error={missing.analysis}
        onChange={(event) => setValues({ ...values, analysis: event.target.value })}
      />
      <TextField
        id="watch-analyse-decision"
        label={t('watchNote.decision')}
        maxLength={2000}
        value={values.decision}
        error={missing.decision}
        onChange={(event) => setValues({ ...values, decision: event.target.value })}
      />
      <TextAreaField
        id="watch-analyse-changes"
        label={t('watchNote.changes')}
        rows={2}
        maxLength={5000}
        value={values.changes}
        onChange={(event) => setValues({ ...values, changes: event.target.value })}
      />
      <SubmitButton pending={mutation.isPending}>{t('watchNote.analyse')}</SubmitButton>
    </form>
  );
}

function CommunicateForm({ note, onDone }: { note: WatchNoteView; onDone: Say }) {
  const today = parisToday();
  const [values, setValues] = useState({
    groups: '',
    channel: 'meeting' as WatchChannel,
    on: today,
    message: '',
  });
  const [missing, setMissing] = useState<string | undefined>();
  const { mutation, status, t } = useWatchCommand(`/api/watch-notes/${note.id}/communications`, {
    revision: note.revision,
    staleMessage: watchMessages.fr.watchNote.stale,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const groups = values.groups
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean);
    if (groups.length === 0) {
      setMissing(t('errors.audience_missing'));
      document.getElementById('watch-communicate-groups')?.focus();
      return;
    }
    setMissing(undefined);
    mutation.mutate(
      {
        communicationId: crypto.randomUUID(),
        groups,
        channel: values.channel,
        communicatedOn: values.on,
        message: values.message,
      },
      {
        onSuccess: () => {
          setValues({ ...values, groups: '', message: '' });
          onDone(t('watchNote.communicated'));
        },
      },
    );
  };
  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={status ? null : mutation.error} />
      <TextField
        id="watch-communicate-groups"
        label={t('watchNote.groups')}
        hint={t('watchNote.groupsHint')}
        value={values.groups}
        error={missing}
        onChange={(event) => setValues({ ...values, groups: event.target.value })}
      />
      <div className="field-row">
        <SelectField
          id="watch-communicate-channel"
          label={t('watchNote.channel')}
          value={values.channel}
          onChange={(event) =>
            setValues({ ...values, channel: enumValue(CHANNELS, event.target.value) ?? values.channel })
          }
        >
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`watchChannels.${channel}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="watch-communicate-on"
          label={t('watchNote.communicatedOn')}
          type="date"
          min={note.informationOn}
          max={today}
          value={values.on}
          onChange={(event) => setValues({ ...values, on: event.target.value })}
        />
      </div>
      <TextAreaField
        id="watch-communicate-message"
        label={t('watchNote.message')}
        rows={2}
        maxLength={2000}
        value={values.message}
        onChange={(event) => setValues({ ...values, message: event.target.value })}
      />
      <SubmitButton pending={mutation.isPending}>{t('watchNote.communicate')}</SubmitButton>
    </form>
  );
}

function ImprovementForm({ note, onDone }: { note: WatchNoteView; onDone: Say }) {
  const [title, setTitle] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const { mutation, t } = useWatchCommand(`/api/watch-notes/${note.id}/improvement-requests`, {
    staleMessage: watchMessages.fr.watchNote.stale,
  });
  return (
    <form
      noValidate
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (mutation.isPending) return;
        if (!title.trim()) {
          setMissing(t('validation.required'));
          document.getElementById('watch-improvement-title')?.focus();
          return;
        }
        setMissing(undefined);
        mutation.mutate(
          { title },
          {
            onSuccess: () => {
              setTitle('');
              onDone(t('watchNote.improvementRequested'));
            },
          },
        );
      }}
    >
      <ErrorAlert error={mutation.error} />
      <TextField
        id="watch-improvement-title"
        label={t('watchNote.improvementLabel')}
        maxLength={300}
        value={title}
        error={missing}
        onChange={(event) => setTitle(event.target.value)}
      />
      <SubmitButton pending={mutation.isPending}>{t('watchNote.requestImprovement')}</SubmitButton>
    </form>
  );
}

function ArchiveButton({ note, onDone }: { note: WatchNoteView; onDone: Say }) {
  const { mutation, status, t } = useWatchCommand(`/api/watch-notes/${note.id}/archive`, {
    revision: note.revision,
    staleMessage: watchMessages.fr.watchNote.stale,
  });
  return (
    <div className="panel">
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={status ? null : mutation.error} />
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={mutation.isPending || undefined}
        onClick={() => {
          if (!mutation.isPending) mutation.mutate({}, { onSuccess: () => onDone(t('watchNote.archived')) });
        }}
      >
        {t('watchNote.archive')}
      </button>
    </div>
  );
}

/** `/watch/:id`: a note, its flags and timeline, and one form per step allowed now. */
export function WatchNotePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const note = useWatchNote(id);
  const viewer = useViewer();
  const [status, setStatus] = useState<string | null>(null);
  const canManage = viewer.data?.role === 'admin' || viewer.data?.role === 'quality_manager';

  if (note.isPending) return <Loading />;
  if (note.isError) return <QueryError error={note.error} onRetry={() => void note.refetch()} />;
  const data = note.data;
  if (!data) {
    return (
      <>
        <PageTitle page={t('watchNote.notFound')} />
        <h1>{t('watchNote.notFound')}</h1>
        <Link to="/watch">{t('watchNote.back')}</Link>
      </>
    );
  }
  const date = (day: string) => formatDate(day, i18n.language);
  const open = !data.archived;

  return (
    <>
      <PageTitle page={data.title} />
      <p>
        <Link to="/watch">{t('watchNote.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <StatusMessage>{status}</StatusMessage>
      <p className="card-meta">
        <span className="badge">{t(`watchStatuses.${data.status}`)}</span>
        {data.notExploited && <span className="badge badge-warning">{t('watch.flagNotExploited')}</span>}
        {data.communicationMissing && (
          <span className="badge badge-warning">{t('watch.flagCommunicationMissing')}</span>
        )}
        <span>{t(`watchThemes.${data.theme}`)}</span>
        <span>{t('watchNote.indicators', { list: data.indicators.join(', ') })}</span>
      </p>
      <p>
        {data.sourceUrl ? (
          <a href={data.sourceUrl} rel="noopener noreferrer" target="_blank">
            {data.sourceName}
          </a>
        ) : (
          data.sourceName
        )}{' '}
        — {date(data.informationOn)}
      </p>
      <p>{data.summary}</p>
      <p>
        {t('watchNote.recordedOn', { date: date(data.recordedOn) })}
        {data.status === 'to_analyse' && ` — ${t('watch.dueOn', { date: date(data.exploitDueOn) })}`}
      </p>

      {data.improvementRequests.length > 0 && (
        <section aria-labelledby="watch-improvements">
          <h2 id="watch-improvements">{t('watchNote.improvementsTitle')}</h2>
          <ul>
            {data.improvementRequests.map((request) => (
              <li key={request.requestId}>
                {request.title} — {formatDateTime(request.requestedAt, i18n.language)}
                {request.requestedByName && ` ${t('watchNote.by', { name: request.requestedByName })}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      {canManage && open && (
        <>
          <section aria-labelledby="watch-analyse">
            <h2 id="watch-analyse">{t('watchNote.analysisTitle')}</h2>
            <AnalyseForm key={data.revision} note={data} onDone={setStatus} />
          </section>
          {data.analysedOn && (
            <section aria-labelledby="watch-communicate">
              <h2 id="watch-communicate">{t('watchNote.communicateTitle')}</h2>
              <CommunicateForm note={data} onDone={setStatus} />
            </section>
          )}
        </>
      )}
      {canManage && (
        <section aria-labelledby="watch-improvement">
          <h2 id="watch-improvement">{t('watchNote.improvementTitle')}</h2>
          <ImprovementForm note={data} onDone={setStatus} />
        </section>
      )}
      {canManage && open && data.analysedOn && <ArchiveButton note={data} onDone={setStatus} />}

      <section aria-labelledby="watch-timeline">
        <h2 id="watch-timeline">{t('watchNote.timelineTitle')}</h2>
        <ol className="timeline">
          {data.steps.map((step) => (
            <li key={step.revision}>
              <p>
                <strong>{t(`watchSteps.${step.step}`)}</strong> — {formatDateTime(step.at, i18n.language)}
                {step.byName && ` ${t('watchNote.by', { name: step.byName })}`}
              </p>
              {step.impact && <p>{t(`watchImpacts.${step.impact}`)}</p>}
              {step.channel && (
                <p>
                  {t(`watchChannels.${step.channel}`)}
                  {step.on && ` — ${date(step.on)}`}
                </p>
              )}
              {step.audience && (
                <p>
                  {t('watchNote.to', {
                    list: [
                      ...step.audience.members.map((member) => member.displayName ?? '—'),
                      ...step.audience.groups,
                    ].join(', '),
                  })}
                </p>
              )}
              {step.step !== 'recorded' && step.step !== 'edited' && step.text && <p>{step.text}</p>}
              {step.decision && (
                <p>
                  {t('watchNote.decision')} : {step.decision}
                </p>
              )}
              {step.changes && (
                <p>
                  {t('watchNote.changes')} : {step.changes}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
