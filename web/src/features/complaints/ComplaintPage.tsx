import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useViewer } from '../../data/viewer';
import { formatDate, formatDateTime, formatSize } from '../../format';
import { LinkedActions } from '../actions/LinkedActions';
import { ComplaintActions, ImprovementRequestForm } from './ComplaintActions';
import { useSubjectOf } from './ComplaintsPage';
import { type ComplaintView, useComplaint } from './complaints';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

type Deadline = ComplaintView['acknowledgement'];

/** One deadline: its state, when it is due or was done, and the working days left, late or taken. */
function DeadlineLine({ label, deadline }: { label: string; deadline: Deadline }) {
  const { t, i18n } = useTranslation();
  const date = (day: string) => formatDate(day, i18n.language);
  const left = deadline.workingDaysLeft;
  const parts = [
    deadline.doneOn
      ? t('complaint.doneOn', { date: date(deadline.doneOn) })
      : t('complaint.dueOn', { date: date(deadline.dueOn) }),
    deadline.workingDays !== null ? t('complaint.tookWorkingDays', { count: deadline.workingDays }) : null,
    left !== null && left >= 0 ? t('complaint.workingDaysLeft', { count: left }) : null,
    left !== null && left < 0 ? t('complaint.workingDaysLate', { count: -left }) : null,
  ].filter(Boolean);
  const warn = deadline.state === 'overdue' || deadline.state === 'late';
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className={`badge${warn ? ' badge-danger' : ''}`}>
          {t(`complaintDeadlineStates.${deadline.state}`)}
        </span>{' '}
        {parts.join(', ')}
      </dd>
    </>
  );
}

/** `/complaints/:id`: the complaint, its deadlines, the steps allowed now, its linked actions and its history. */
export function ComplaintPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const complaint = useComplaint(id);
  const viewer = useViewer();
  const subjectOf = useSubjectOf();
  const [status, setStatus] = useState<string | null>(null);
  const role = viewer.data?.role;
  const canHandle = role === 'admin' || role === 'quality_manager';

  if (complaint.isPending) return <Loading />;
  if (complaint.isError)
    return <QueryError error={complaint.error} onRetry={() => void complaint.refetch()} />;
  const back = (
    <p>
      <Link to="/complaints">{t('complaint.back')}</Link>
    </p>
  );
  if (!complaint.data) {
    return (
      <>
        <PageTitle page={t('complaint.notFound')} />
        {back}
        <h1>{t('complaint.notFound')}</h1>
      </>
    );
  }
  const data = complaint.data;
  const date = (day: string) => formatDate(day, i18n.language);
  const at = (instant: string) => formatDateTime(instant, i18n.language);
  const heading = t('complaints.details', { reference: data.reference });
  const visible = data.personalDataVisible;
  const contact = [data.complainantEmail, data.complainantPhone, data.complainantPostalAddress].filter(
    Boolean,
  );

  return (
    <>
      <PageTitle page={heading} />
      {back}
      <h1>{heading}</h1>
      <StatusMessage>{status}</StatusMessage>
      <p className="card-meta">
        <span className="badge">{t(`complaintStatuses.${data.status}`)}</span>
        {data.overdue && <span className="badge badge-danger">{t('complaints.overdueBadge')}</span>}
        {data.mediationInProgress && <span className="badge badge-warning">{t('complaint.mediation')}</span>}
      </p>
      {data.erased && <p className="alert">{t('complaint.erased')}</p>}
      {!visible && <p className="hint">{t('complaint.personalHidden')}</p>}
      <dl className="contact-details">
        <dt>{t('complaint.received')}</dt>
        <dd>{date(data.receivedOn)}</dd>
        <dt>{t('complaint.channel')}</dt>
        <dd>{t(`complaintChannels.${data.channel}`)}</dd>
        <dt>{t('complaint.group')}</dt>
        <dd>{t(`complainantGroups.${data.group}`)}</dd>
        {visible && (
          <>
            <dt>{t('complaint.complainant')}</dt>
            <dd>{data.anonymous ? t('complaint.anonymous') : data.complainantName}</dd>
            {!data.anonymous && (
              <>
                <dt>{t('complaint.contact')}</dt>
                <dd className="complaint-said">
                  {contact.length > 0 ? contact.join('\n') : t('complaint.none')}
                </dd>
              </>
            )}
          </>
        )}
        <dt>{t('complaint.about')}</dt>
        <dd>{subjectOf(data)}</dd>
        <dt>{t('complaint.owner')}</dt>
        <dd>{data.ownerName ?? t('complaints.noOwner')}</dd>
        {data.outcome && (
          <>
            <dt>{t('complaint.outcome')}</dt>
            <dd>{t(`complaintOutcomes.${data.outcome}`)}</dd>
          </>
        )}
        {visible && (
          <>
            <dt>{t('complaint.text')}</dt>
            <dd className="complaint-said">{data.text}</dd>
          </>
        )}
      </dl>

      {visible && data.attachments.length > 0 && (
        <Section id="complaint-attachments" title={t('complaint.attachmentsTitle')}>
          <ul className="attachment-list">
            {data.attachments.map((file) => (
              <li key={file.id}>
                <a href={file.downloadPath} download={file.name}>
                  {file.name}
                </a>
                <span className="card-meta">{formatSize(file.sizeBytes, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="complaint-deadlines" title={t('complaint.deadlinesTitle')}>
        <dl className="contact-details">
          <DeadlineLine label={t('complaint.acknowledgement')} deadline={data.acknowledgement} />
          <DeadlineLine label={t('complaint.answer')} deadline={data.answer} />
        </dl>
      </Section>

      {canHandle && (
        <Section id="complaint-actions" title={t('complaint.actionsTitle')}>
          <ComplaintActions complaint={data} onDone={setStatus} />
        </Section>
      )}

      <Section id="complaint-improvements" title={t('complaint.improvementsTitle')}>
        <LinkedActions type="complaint" id={data.id} />
        {canHandle && <ImprovementRequestForm complaint={data} onDone={setStatus} />}
      </Section>

      <Section id="complaint-history" title={t('complaint.historyTitle')}>
        <ol className="complaint-timeline">
          {data.steps.map((step) => (
            <li key={step.revision}>
              <p>
                <strong>{t(`complaintSteps.${step.kind}`)}</strong>
                {step.outcome && ` — ${t(`complaintOutcomes.${step.outcome}`)}`}
              </p>
              <p className="card-meta">
                {t('complaint.stepBy', {
                  date: step.on ? date(step.on) : at(step.occurredAt),
                  actor: step.actorName ?? t('complaint.someone'),
                })}
                {step.on && ` · ${t('complaint.recordedAt', { at: at(step.occurredAt) })}`}
              </p>
              {step.kind === 'ComplaintReassigned' && (
                <p>{t('complaint.reassignedTo', { name: step.ownerName ?? t('complaint.someone') })}</p>
              )}
              {step.mediator && <p>{t('complaint.mediatorIs', { name: step.mediator })}</p>}
              {step.sentByEmail !== null && (
                <p>{step.sentByEmail ? t('complaint.sentByEmail') : t('complaint.sentOtherwise')}</p>
              )}
              {step.text && step.kind !== 'ComplaintReceived' && (
                <p className="complaint-said">{step.text}</p>
              )}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}
