import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { enumValues, type ImprovementActionCancelReason } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate, formatDateTime, formatSize } from '../../format';
import { type ActionView, originHref, useAction } from './actions';
import { ContentForm } from './ContentForm';
import { EvidenceUpload } from './EvidenceUpload';
import { actionsMessages } from './messages';
import { StepForm } from './StepForm';

const CANCEL_REASONS = enumValues<ImprovementActionCancelReason>(actionsMessages.fr.actionCancelReasons);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Step({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
    </section>
  );
}

/** The steps allowed now, each with its own form (the rules of the server's decider). */
function ActionSteps({ action, onDone }: { action: ActionView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { status } = action;
  const open = status === 'planned' || status === 'in_progress';
  const common = { actionId: action.id, revision: action.revision };
  const steps: ReactNode[] = [];
  if (open && !action.erased && action.title !== null) {
    steps.push(
      <Step key={`edit-${action.revision}`} id="action-edit" title={t('improvement.schedule')}>
        <ContentForm
          id="action-edit"
          actionId={action.id}
          revision={action.revision}
          initial={{
            title: action.title,
            description: action.description ?? '',
            type: action.type,
            priority: action.priority,
            ownerId: action.ownerId,
            dueOn: action.dueOn ?? '',
            origins: action.origins.map((origin) => ({
              type: origin.type,
              id: origin.id ?? null,
              indicator: origin.indicator ?? null,
            })),
          }}
          submitLabel={t('improvement.schedule')}
          onDone={() => onDone(t('improvement.saved'))}
        />
      </Step>,
    );
  }
  if (status === 'planned' && action.dueOn) {
    steps.push(
      <Step key="start" id="action-start" title={t('improvement.start')}>
        <StepForm
          id="action-start"
          {...common}
          path="start"
          fields={[]}
          submitLabel={t('improvement.start')}
          onDone={() => onDone(t('improvement.started'))}
        />
      </Step>,
    );
  }
  if (status !== 'closed' && status !== 'cancelled') {
    steps.push(
      <Step key="note" id="action-note" title={t('improvement.note')}>
        <StepForm
          id="action-note"
          {...common}
          path="progress-notes"
          fields={[{ name: 'note', kind: 'textarea', label: t('improvement.noteLabel'), maxLength: 5000 }]}
          submitLabel={t('improvement.note')}
          onDone={() => onDone(t('improvement.noted'))}
        />
      </Step>,
    );
  }
  if (status === 'in_progress') {
    steps.push(
      <Step key="complete" id="action-complete" title={t('improvement.complete')}>
        <StepForm
          id="action-complete"
          {...common}
          path="completion"
          fields={[
            {
              name: 'summary',
              kind: 'textarea',
              label: t('improvement.summary'),
              maxLength: 5000,
              optional: true,
            },
          ]}
          submitLabel={t('improvement.complete')}
          onDone={() => onDone(t('improvement.completed'))}
        />
      </Step>,
    );
  }
  if (status === 'done') {
    steps.push(
      <Step key="check" id="action-check" title={t('improvement.check')}>
        <p>{t('improvement.checkIntro')}</p>
        <StepForm
          id="action-check"
          {...common}
          path="effectiveness-check"
          fields={[
            {
              name: 'outcome',
              kind: 'select',
              label: t('improvement.outcome'),
              initial: 'effective',
              options: [
                { value: 'effective', label: t('actionOutcomes.effective') },
                { value: 'not_effective', label: t('actionOutcomes.not_effective') },
              ],
            },
            {
              name: 'next',
              kind: 'select',
              label: t('improvement.next'),
              initial: 'reopen',
              when: { field: 'outcome', value: 'not_effective' },
              options: [
                { value: 'reopen', label: t('improvement.nextReopen') },
                { value: 'follow_up', label: t('improvement.nextFollowUp') },
              ],
            },
            { name: 'comment', kind: 'textarea', label: t('improvement.comment'), maxLength: 5000 },
          ]}
          submitLabel={t('improvement.check')}
          onDone={() => onDone(t('improvement.checked'))}
        />
      </Step>,
    );
  }
  if (status !== 'cancelled') {
    steps.push(
      <Step key="evidence" id="action-evidence" title={t('improvement.attach')}>
        <EvidenceUpload {...common} onDone={() => onDone(t('improvement.attached'))} />
      </Step>,
    );
  }
  if (open) {
    steps.push(
      <Step key="cancel" id="action-cancel" title={t('improvement.cancel')}>
        <StepForm
          id="action-cancel"
          {...common}
          path="cancellation"
          fields={[
            {
              name: 'reason',
              kind: 'select',
              label: t('improvement.cancelReason'),
              initial: 'duplicate',
              options: CANCEL_REASONS.map((reason) => ({
                value: reason,
                label: t(`actionCancelReasons.${reason}`),
              })),
            },
            {
              name: 'note',
              kind: 'textarea',
              label: t('improvement.cancelNote'),
              maxLength: 2000,
              optional: true,
            },
          ]}
          submitLabel={t('improvement.cancel')}
          onDone={() => onDone(t('improvement.cancelled'))}
        />
      </Step>,
    );
  }
  return steps.length > 0 ? steps : <p>{t('improvement.noStep')}</p>;
}

/** `/improvement-actions/:id`: the action, its origins, the steps allowed now, its evidence and its history. */
export function ActionPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const action = useAction(id);
  const viewer = useViewer();
  const [status, setStatus] = useState<string | null>(null);
  const canAct = viewer.data ? viewer.data.role !== 'auditor' : false;

  if (action.isPending) return <Loading />;
  if (action.isError) return <QueryError error={action.error} onRetry={() => void action.refetch()} />;
  const back = (
    <p>
      <Link to="/improvement-actions">{t('improvement.back')}</Link>
    </p>
  );
  if (!action.data) {
    return (
      <>
        <PageTitle page={t('improvement.notFound')} />
        {back}
        <h1>{t('improvement.notFound')}</h1>
      </>
    );
  }
  const data = action.data;
  const language = i18n.language;
  const date = (day: string) => formatDate(day, language);
  const at = (instant: string) => formatDateTime(instant, language);
  const heading = t('improvement.details', { title: data.title ?? t('improvement.hiddenTitle') });

  return (
    <>
      <PageTitle page={heading} />
      {back}
      <h1>{heading}</h1>
      <StatusMessage>{status}</StatusMessage>
      <p className="card-meta">
        <span className="badge">{t(`actionStatuses.${data.status}`)}</span>{' '}
        {data.overdue && <span className="badge badge-danger">{t('improvement.overdueBadge')}</span>}{' '}
        {data.toSchedule && <span className="badge badge-warning">{t('improvement.toScheduleBadge')}</span>}
      </p>
      {data.erased && <p className="alert">{t('improvement.erased')}</p>}
      <dl className="contact-details">
        <dt>{t('improvement.type')}</dt>
        <dd>{t(`actionTypes.${data.type}`)}</dd>
        <dt>{t('improvement.priority')}</dt>
        <dd>{t(`actionPriorities.${data.priority}`)}</dd>
        <dt>{t('improvement.owner')}</dt>
        <dd>{data.ownerName ?? t('improvement.someone')}</dd>
        <dt>{t('improvement.due')}</dt>
        <dd>{data.dueOn ? date(data.dueOn) : t('improvement.noDue')}</dd>
        <dt>{t('improvement.origins')}</dt>
        <dd>
          <ul>
            {data.origins.map((origin) => {
              const href = originHref(origin);
              const label = [
                t(`actionOrigins.${origin.type}`),
                origin.indicator ? t('improvement.indicator', { indicator: origin.indicator }) : null,
              ]
                .filter(Boolean)
                .join(' — ');
              return (
                <li key={`${origin.type}-${origin.id ?? ''}`}>
                  {href ? <Link to={href}>{label}</Link> : label}
                </li>
              );
            })}
          </ul>
        </dd>
        {data.description && (
          <>
            <dt>{t('improvement.description')}</dt>
            <dd className="complaint-said">{data.description}</dd>
          </>
        )}
        {data.effectiveness && (
          <>
            <dt>{t('improvement.effectiveness')}</dt>
            <dd>{t(`actionOutcomes.${data.effectiveness}`)}</dd>
          </>
        )}
        {data.followUpOf && (
          <>
            <dt>{t('improvement.followUpOf')}</dt>
            <dd>
              <Link to={`/improvement-actions/${data.followUpOf}`}>{t('improvement.openAction')}</Link>
            </dd>
          </>
        )}
        {data.followUpActionId && (
          <>
            <dt>{t('improvement.followUpAction')}</dt>
            <dd>
              <Link to={`/improvement-actions/${data.followUpActionId}`}>{t('improvement.openAction')}</Link>
            </dd>
          </>
        )}
      </dl>

      {canAct && (
        <Section id="action-steps" title={t('improvement.stepsTitle')}>
          <ActionSteps action={data} onDone={setStatus} />
        </Section>
      )}

      <Section id="action-files" title={t('improvement.filesTitle')}>
        {data.files.length === 0 ? (
          <p>{t('improvement.noFile')}</p>
        ) : (
          <ul className="attachment-list">
            {data.files.map((file) => (
              <li key={file.id}>
                <a href={file.downloadPath} download={file.fileName}>
                  {file.fileName}
                </a>
                <span className="card-meta">{formatSize(file.size, language)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="action-history" title={t('improvement.historyTitle')}>
        <ol className="complaint-timeline">
          {data.history.map((step) => (
            <li key={step.revision}>
              <p>
                <strong>{t(`actionSteps.${step.step}`)}</strong>
                {step.outcome && ` — ${t(`actionOutcomes.${step.outcome}`)}`}
                {step.reason && ` — ${t(`actionCancelReasons.${step.reason}`)}`}
                {step.fileName && ` — ${step.fileName}`}
              </p>
              <p className="card-meta">
                {t('improvement.stepBy', {
                  at: step.on ? date(step.on) : at(step.changedAt),
                  actor: step.changedByName ?? t('improvement.someone'),
                })}
              </p>
              {step.text && <p className="complaint-said">{step.text}</p>}
              {step.followUpActionId && (
                <p>
                  <Link to={`/improvement-actions/${step.followUpActionId}`}>
                    {t('improvement.followUpAction')}
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}
