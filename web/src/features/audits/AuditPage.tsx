import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { enumValues } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate, parisToday } from '../../format';
import { LinkedActions } from '../actions/LinkedActions';
import { type AuditView, type NonConformityView, useAudit } from './audits';
import { CommandForm } from './CommandForm';
import { auditsMessages } from './messages';
import { ReportForm } from './ReportForm';

const CANCEL_REASONS = enumValues(auditsMessages.fr.auditCancelReasons);
const GRADES = enumValues(auditsMessages.fr.ncGrades);

/** `/audits/:id`: one audit, the form of its next step, its non-conformities and theirs. */
export function AuditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const audit = useAudit(id);
  const viewer = useViewer();
  const [status, setStatus] = useState<string | null>(null);
  const canManage = viewer.data ? ['admin', 'quality_manager'].includes(viewer.data.role) : false;
  const date = (day: string) => formatDate(day, i18n.language);
  const data = audit.data;
  const title = data ? `${t(`cycleAuditKinds.${data.kind}`)} — ${data.certifierName}` : t('audits.title');

  return (
    <>
      <PageTitle page={title} />
      <p>
        <Link to="/audits">{t('audit.back')}</Link>
      </p>
      <h1>{title}</h1>
      <StatusMessage>{status}</StatusMessage>
      {audit.isPending && <Loading />}
      {audit.isError && <QueryError error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.isSuccess && !data && <p>{t('audit.notFound')}</p>}
      {data && (
        <>
          <dl className="panel">
            <dt>{t('audits.status')}</dt>
            <dd data-testid="audit-status">{t(`auditStatuses.${data.status}`)}</dd>
            <dt>{t('audit.planned')}</dt>
            <dd>{t('audits.windowSpan', { from: date(data.plannedFrom), to: date(data.plannedTo) })}</dd>
            {data.heldFrom && data.heldTo && (
              <>
                <dt>{t('audit.held')}</dt>
                <dd>{t('audits.windowSpan', { from: date(data.heldFrom), to: date(data.heldTo) })}</dd>
              </>
            )}
            {data.reportReceivedOn && (
              <>
                <dt>{t('audit.report')}</dt>
                <dd>{date(data.reportReceivedOn)}</dd>
              </>
            )}
            {data.reportFileName && (
              <>
                <dt>{t('audit.reportFileTitle')}</dt>
                <dd>
                  <a
                    href={`/api/audits/${encodeURIComponent(data.id)}/report-file`}
                    download={data.reportFileName}
                  >
                    {data.reportFileName}
                  </a>
                </dd>
              </>
            )}
          </dl>
          {canManage && <StepForms audit={data} onStatus={setStatus} />}
          <section aria-labelledby="audit-ncs">
            <h2 id="audit-ncs">{t('audit.ncTitle')}</h2>
            {data.nonConformities.length === 0 ? (
              <p>{t('audit.noNc')}</p>
            ) : (
              <>
                <p>
                  <a
                    href={`/api/audits/${encodeURIComponent(data.id)}/action-plan.pdf`}
                    download
                    aria-describedby="audit-action-plan-hint"
                  >
                    {t('audit.actionPlanDownload')}
                  </a>
                  <br />
                  <span id="audit-action-plan-hint" className="hint">
                    {t('audit.actionPlanHint')}
                  </span>
                </p>
                {data.nonConformities.map((nc) => (
                  <NonConformity key={nc.id} nc={nc} canManage={canManage} onStatus={setStatus} />
                ))}
              </>
            )}
            {canManage && (data.status === 'held' || data.status === 'report_received') && (
              <>
                <h3>{t('audit.ncNewTitle')}</h3>
                <CommandForm
                  id="nc-new"
                  path={`/api/audits/${data.id}/non-conformities`}
                  initial={{ indicator: '', grade: 'minor', finding: '', notifiedOn: parisToday() }}
                  fields={[
                    { name: 'indicator', label: t('audit.indicator'), kind: 'number' },
                    {
                      name: 'grade',
                      label: t('audit.grade'),
                      kind: 'select',
                      options: GRADES.map((grade) => ({ value: grade, label: t(`ncGrades.${grade}`) })),
                    },
                    { name: 'finding', label: t('audit.finding'), kind: 'textarea' },
                    { name: 'notifiedOn', label: t('audit.notifiedOn'), kind: 'date' },
                  ]}
                  submitLabel={t('audit.ncSubmit')}
                  onDone={() => setStatus(t('audit.ncRecorded'))}
                />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

/** The forms of the audit's next step: hold, move or cancel a planned audit; record its report (and file) once held. */
function StepForms({ audit, onStatus }: { audit: AuditView; onStatus: (status: string) => void }) {
  const { t } = useTranslation();
  if (audit.status === 'planned') {
    return (
      <>
        <section aria-labelledby="audit-hold">
          <h2 id="audit-hold">{t('audit.holdTitle')}</h2>
          <CommandForm
            id="audit-hold-form"
            path={`/api/audits/${audit.id}/held`}
            revision={audit.revision}
            initial={{ heldFrom: audit.plannedFrom, heldTo: audit.plannedTo }}
            fields={[
              { name: 'heldFrom', label: t('audit.heldFrom'), kind: 'date' },
              { name: 'heldTo', label: t('audit.heldTo'), kind: 'date' },
            ]}
            submitLabel={t('audit.holdSubmit')}
            onDone={(answer) =>
              onStatus(
                Number(answer.requalified) > 0
                  ? `${t('audit.heldDone')} ${t('audit.requalified', { count: Number(answer.requalified) })}`
                  : t('audit.heldDone'),
              )
            }
          />
        </section>
        <section aria-labelledby="audit-reschedule">
          <h2 id="audit-reschedule">{t('audit.rescheduleTitle')}</h2>
          <CommandForm
            id="audit-reschedule-form"
            path={`/api/audits/${audit.id}/reschedule`}
            revision={audit.revision}
            initial={{ plannedFrom: audit.plannedFrom, plannedTo: audit.plannedTo }}
            fields={[
              { name: 'plannedFrom', label: t('audits.plannedFrom'), kind: 'date' },
              { name: 'plannedTo', label: t('audits.plannedTo'), kind: 'date' },
            ]}
            submitLabel={t('audit.rescheduleSubmit')}
            onDone={(answer) =>
              onStatus(answer.outsideSurveillanceWindow ? t('audits.outsideWindow') : t('audit.rescheduled'))
            }
          />
        </section>
        <section aria-labelledby="audit-cancel">
          <h2 id="audit-cancel">{t('audit.cancelTitle')}</h2>
          <CommandForm
            id="audit-cancel-form"
            path={`/api/audits/${audit.id}/cancel`}
            revision={audit.revision}
            initial={{ reason: 'certifier_request' }}
            fields={[
              {
                name: 'reason',
                label: t('audit.cancelReason'),
                kind: 'select',
                options: CANCEL_REASONS.map((reason) => ({
                  value: reason,
                  label: t(`auditCancelReasons.${reason}`),
                })),
              },
            ]}
            submitLabel={t('audit.cancelSubmit')}
            onDone={() => onStatus(t('audit.cancelled'))}
          />
        </section>
      </>
    );
  }
  if (audit.status === 'held') {
    return (
      <section aria-labelledby="audit-report">
        <h2 id="audit-report">{t('audit.reportTitle')}</h2>
        <ReportForm audit={audit} onDone={onStatus} />
      </section>
    );
  }
  return null;
}

/** One non-conformity: its deadline, plan, corrective-action requests and closure. */
function NonConformity({
  nc,
  canManage,
  onStatus,
}: {
  nc: NonConformityView;
  canManage: boolean;
  onStatus: (status: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const date = (day: string) => formatDate(day, i18n.language);
  const headingId = `nc-${nc.id}`;
  return (
    <article className="panel" aria-labelledby={headingId} data-testid="non-conformity">
      <h3 id={headingId}>
        {t('audit.ncHeading', { indicator: nc.indicator, grade: t(`ncGrades.${nc.grade}`).toLowerCase() })}
      </h3>
      <p>{nc.finding}</p>
      <p data-testid="nc-deadline">
        {nc.open
          ? t('audit.deadline', {
              date: date(nc.deadline),
              rule: nc.grade === 'major' ? t('audit.ruleMajor') : t('audit.ruleMinor'),
            })
          : t('audit.closedOn', { date: date(nc.closedOn ?? '') })}
        {nc.deadlineState && nc.deadlineState !== 'on_track' && (
          <strong> ({t(`deadlineStates.${nc.deadlineState}`)})</strong>
        )}
      </p>
      {nc.actionPlan && (
        <p>
          {t('audit.actionPlan')} : {nc.actionPlan}
        </p>
      )}
      {nc.actionRequests > 0 && <p>{t('audit.requests', { count: nc.actionRequests })}</p>}
      {nc.actionRequests > 0 && <LinkedActions type="non_conformity" id={nc.id} />}
      {canManage && nc.open && (
        <details>
          <summary>{t('audit.actionPlan')}</summary>
          <CommandForm
            id={`nc-plan-${nc.id}`}
            path={`/api/non-conformities/${nc.id}/action-plan`}
            revision={nc.revision}
            initial={{ actionPlan: nc.actionPlan ?? '' }}
            fields={[{ name: 'actionPlan', label: t('audit.actionPlan'), kind: 'textarea' }]}
            submitLabel={t('audit.planSubmit')}
            onDone={() => onStatus(t('audit.planSaved'))}
          />
          <CommandForm
            id={`nc-request-${nc.id}`}
            path={`/api/non-conformities/${nc.id}/action-requests`}
            initial={{ title: '' }}
            fields={[{ name: 'title', label: t('audit.requestTitle'), kind: 'text' }]}
            submitLabel={t('audit.requestSubmit')}
            onDone={() => onStatus(t('audit.requested'))}
          />
          <CommandForm
            id={`nc-close-${nc.id}`}
            path={`/api/non-conformities/${nc.id}/close`}
            revision={nc.revision}
            initial={{ closedOn: parisToday(), evidence: '', effective: false }}
            fields={[
              { name: 'closedOn', label: t('audit.closeDate'), kind: 'date' },
              { name: 'evidence', label: t('audit.evidence'), kind: 'textarea' },
              { name: 'effective', label: t('audit.effective'), kind: 'checkbox' },
            ]}
            submitLabel={t('audit.closeSubmit')}
            onDone={() => onStatus(t('audit.closed'))}
          />
        </details>
      )}
    </article>
  );
}
