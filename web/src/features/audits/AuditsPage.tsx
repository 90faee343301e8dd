import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { enumValues } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate, parisToday } from '../../format';
import { useAuditsOverview } from './audits';
import { CommandForm } from './CommandForm';
import { auditsMessages } from './messages';

const KINDS = enumValues(auditsMessages.fr.cycleAuditKinds);

/** `/audits`: the certificate's cycle, warnings, audits and open non-conformities, and a form to plan an audit. */
export function AuditsPage() {
  const { t, i18n } = useTranslation();
  const overview = useAuditsOverview();
  const viewer = useViewer();
  const [status, setStatus] = useState<string | null>(null);
  const canManage = viewer.data ? ['admin', 'quality_manager'].includes(viewer.data.role) : false;
  const date = (day: string) => formatDate(day, i18n.language);
  const data = overview.data;

  return (
    <>
      <PageTitle page={t('audits.title')} />
      <h1>{t('audits.title')}</h1>
      <StatusMessage>{status}</StatusMessage>
      {overview.isPending && <Loading />}
      {overview.isError && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      {data && (
        <>
          <section aria-labelledby="audits-cycle">
            <h2 id="audits-cycle">{t('audits.cycleTitle')}</h2>
            {data.certificationCycle ? (
              <dl className="panel">
                <dt>{t('audits.issuedOn')}</dt>
                <dd>{date(data.certificationCycle.issuedOn)}</dd>
                <dt>{t('audits.surveillanceWindow')}</dt>
                <dd>
                  {t('audits.windowSpan', {
                    from: date(data.certificationCycle.surveillanceWindow.from),
                    to: date(data.certificationCycle.surveillanceWindow.to),
                  })}
                </dd>
                <dt>{t('audits.renewalBookBy')}</dt>
                <dd>{date(data.certificationCycle.renewalBookBy)}</dd>
                <dt>{t('audits.renewalDeadline')}</dt>
                <dd>{date(data.certificationCycle.renewalDeadline)}</dd>
              </dl>
            ) : (
              <p>
                {t('audits.noCertificate')} <Link to="/organisation">{t('audits.profileLink')}</Link>
              </p>
            )}
          </section>

          <section aria-labelledby="audits-warnings" data-testid="audits-warnings">
            <h2 id="audits-warnings">{t('audits.warningsTitle')}</h2>
            {data.nonConformityWarnings.length === 0 ? (
              <p>{t('audits.noWarnings')}</p>
            ) : (
              <ul className="alert alert-warning">
                {data.nonConformityWarnings.map((warning) => (
                  <li key={warning.code} data-warning={warning.code}>
                    {t(`ncWarnings.${warning.code}`, {
                      count: warning.count,
                      date: warning.nextAuditOn ? date(warning.nextAuditOn) : '',
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="audits-open">
            <h2 id="audits-open">{t('audits.openTitle')}</h2>
            {data.openNonConformities.length === 0 ? (
              <p>{t('audits.noOpen')}</p>
            ) : (
              <ul className="list">
                {data.openNonConformities.map((nc) => (
                  <li key={nc.id}>
                    <Link to={`/audits/${nc.auditId}`}>
                      {t('audits.indicator')} {nc.indicator} — {t(`ncGrades.${nc.grade}`)}
                      {nc.requalifiedOn ? ` (${t('audits.requalified')})` : ''}
                    </Link>{' '}
                    — {t('audits.deadline')} {date(nc.deadline)}
                    {nc.deadlineState && nc.deadlineState !== 'on_track' && (
                      <strong> ({t(`deadlineStates.${nc.deadlineState}`)})</strong>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="audits-list">
            <h2 id="audits-list">{t('audits.listTitle')}</h2>
            {data.audits.length === 0 ? (
              <p>{t('audits.empty')}</p>
            ) : (
              <ul className="list">
                {data.audits.map((audit) => (
                  <li key={audit.id}>
                    <Link to={`/audits/${audit.id}`}>{t(`cycleAuditKinds.${audit.kind}`)}</Link> —{' '}
                    {audit.certifierName} — {date(audit.heldFrom ?? audit.plannedFrom)} —{' '}
                    {t(`auditStatuses.${audit.status}`)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {canManage && (
            <section aria-labelledby="audits-plan">
              <h2 id="audits-plan">{t('audits.planTitle')}</h2>
              <CommandForm
                id="audit-plan"
                path="/api/audits"
                initial={{
                  kind: 'surveillance',
                  certifierName: '',
                  plannedFrom: parisToday(),
                  plannedTo: parisToday(),
                }}
                fields={[
                  {
                    name: 'kind',
                    label: t('audits.kind'),
                    kind: 'select',
                    options: KINDS.map((kind) => ({ value: kind, label: t(`cycleAuditKinds.${kind}`) })),
                  },
                  { name: 'certifierName', label: t('audits.certifierName'), kind: 'text' },
                  { name: 'plannedFrom', label: t('audits.plannedFrom'), kind: 'date' },
                  { name: 'plannedTo', label: t('audits.plannedTo'), kind: 'date' },
                ]}
                submitLabel={t('audits.planSubmit')}
                onDone={(answer) =>
                  setStatus(
                    answer.outsideSurveillanceWindow ? t('audits.outsideWindow') : t('audits.planned'),
                  )
                }
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
