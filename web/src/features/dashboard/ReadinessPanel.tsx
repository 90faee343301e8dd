import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatNumber } from '../../format';
import { useIndicatorsInForce } from '../referential';
import {
  type AuditReadiness,
  type IndicatorReadiness,
  type ReadinessStatus,
  useAuditReadiness,
} from './readiness';

/** The worst first: what to fix before the audit comes before what is ready. */
const ORDER: Record<ReadinessStatus, number> = { missing: 0, at_risk: 1, ready: 2 };

/** A sign beside the status's words (never instead of them), and the badge that colours it. */
const LOOK: Record<ReadinessStatus, { sign: string; badge: string }> = {
  ready: { sign: '✓', badge: 'badge badge-status-open' },
  at_risk: { sign: '!', badge: 'badge badge-warning' },
  missing: { sign: '✕', badge: 'badge badge-danger' },
};

const evidencePath = (number: number, period: AuditReadiness['period']) =>
  `/evidence?${new URLSearchParams({ indicator: String(number), from: period.from, to: period.to })}`;

function StatusBadge({ status }: { status: ReadinessStatus }) {
  const { t } = useTranslation();
  return (
    <span className={LOOK[status].badge}>
      <span aria-hidden="true">{LOOK[status].sign}</span> {t(`readinessStatuses.${status}`)}
    </span>
  );
}

function NextAudit({ readiness }: { readiness: AuditReadiness }) {
  const { t, i18n } = useTranslation();
  const next = readiness.nextAudit;
  if (!next) {
    return (
      <p>
        {t('readiness.noAudit')} <Link to="/audits">{t('readiness.planAudit')}</Link>
      </p>
    );
  }
  const values = {
    kind: t(`cycleAuditKinds.${next.kind}`),
    date: formatDate(next.date, i18n.language),
    count: next.daysLeft,
  };
  return (
    <p data-testid="readiness-next-audit">
      <strong>
        {next.daysLeft === 0 ? t('readiness.auditNow', values) : t('readiness.nextAudit', values)}
      </strong>
    </p>
  );
}

function IndicatorRow({
  indicator,
  readiness,
}: {
  indicator: IndicatorReadiness;
  readiness: AuditReadiness;
}) {
  const { t, i18n } = useTranslation();
  const inForce = useIndicatorsInForce();
  const found = inForce.data?.indicators.find((candidate) => candidate.number === indicator.number);
  const title = found && (i18n.language === 'en' ? found.summaryEn : found.title);
  return (
    <li className={`readiness-row readiness-${indicator.status}`}>
      <p className="readiness-row-heading">
        <StatusBadge status={indicator.status} />{' '}
        <Link to={evidencePath(indicator.number, readiness.period)}>
          {t('readiness.indicator', { number: indicator.number })}
        </Link>
        {title && <span className="indicator-row-title">{title}</span>}
      </p>
      <ul className="readiness-reasons">
        {indicator.reasons.map((reason) => (
          <li key={reason.code}>{i18n.language === 'en' ? reason.en : reason.fr}</li>
        ))}
      </ul>
    </li>
  );
}

/** Indicators of one status and one shared reason, as chips linking to their evidence. */
function ChipGroup(props: {
  id: string;
  title: string;
  note?: string | undefined;
  status: ReadinessStatus;
  indicators: readonly IndicatorReadiness[];
  period: AuditReadiness['period'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3 id={props.id}>
        <span aria-hidden="true">{LOOK[props.status].sign}</span> {props.title}
      </h3>
      {props.note && <p>{props.note}</p>}
      <ul className="readiness-chips" aria-labelledby={props.id}>
        {props.indicators.map((indicator) => (
          <li key={indicator.number}>
            <Link className={LOOK[props.status].badge} to={evidencePath(indicator.number, props.period)}>
              {t('readiness.indicator', { number: indicator.number })}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The dashboard's readiness panel: how many applicable indicators are ready, at risk or missing over the period
 * since the last audit, the days left to the next one, what to fix on each indicator (worst first), those lacking
 * any evidence, and the ready ones; each links to its evidence over the period.
 */
export function ReadinessPanel() {
  const { t, i18n } = useTranslation();
  const query = useAuditReadiness();
  const readiness = query.data?.auditReadiness;
  const toFix = (readiness?.indicators ?? [])
    .filter((indicator) => indicator.status !== 'ready')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.number - b.number);
  // Indicators missing only for lack of evidence share one reason: listed together, as chips.
  const onlyWithoutEvidence = (indicator: IndicatorReadiness) =>
    indicator.reasons.length === 1 && indicator.reasons[0]?.code === 'no_evidence';
  const withoutEvidence = toFix.filter(onlyWithoutEvidence);
  const toExplain = toFix.filter((indicator) => !onlyWithoutEvidence(indicator));
  const ready = (readiness?.indicators ?? []).filter((indicator) => indicator.status === 'ready');
  const reasonText = (reason: IndicatorReadiness['reasons'][number] | undefined) =>
    reason && (i18n.language === 'en' ? reason.en : reason.fr);
  const figures: [ReadinessStatus, number][] = readiness
    ? [
        ['missing', readiness.counts.missing],
        ['at_risk', readiness.counts.atRisk],
        ['ready', readiness.counts.ready],
      ]
    : [];

  return (
    <section aria-labelledby="dashboard-readiness" data-testid="readiness">
      <h2 id="dashboard-readiness">{t('readiness.title')}</h2>
      {query.isPending && <Loading />}
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {readiness && (
        <>
          <p>
            {t('readiness.period', {
              from: formatDate(readiness.period.from, i18n.language),
              to: formatDate(readiness.period.to, i18n.language),
            })}
          </p>
          <NextAudit readiness={readiness} />
          <dl className="figures">
            {figures.map(([status, count]) => (
              <div key={status} className={`figure readiness-figure-${status}`}>
                <dt>
                  <span aria-hidden="true">{LOOK[status].sign}</span> {t(`readinessStatuses.${status}`)}
                </dt>
                <dd>{formatNumber(count, i18n.language)}</dd>
              </div>
            ))}
          </dl>
          {readiness.indicators.length === 0 && <p>{t('readiness.noIndicator')}</p>}
          {toExplain.length > 0 && (
            <ul className="readiness-list" aria-label={t('readiness.toFix')}>
              {toExplain.map((indicator) => (
                <IndicatorRow key={indicator.number} indicator={indicator} readiness={readiness} />
              ))}
            </ul>
          )}
          {withoutEvidence[0] && (
            <ChipGroup
              id="dashboard-readiness-no-evidence"
              title={t('readiness.withoutEvidenceTitle')}
              note={reasonText(withoutEvidence[0].reasons[0])}
              status="missing"
              indicators={withoutEvidence}
              period={readiness.period}
            />
          )}
          {ready.length > 0 && (
            <ChipGroup
              id="dashboard-readiness-ready"
              title={t('readiness.readyTitle')}
              status="ready"
              indicators={ready}
              period={readiness.period}
            />
          )}
        </>
      )}
    </section>
  );
}
