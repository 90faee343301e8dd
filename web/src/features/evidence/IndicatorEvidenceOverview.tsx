import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../errorMessages';
import { formatDateTime } from '../../format';
import { type EvidenceFilters, useIndicatorEvidence } from './evidence';

/**
 * The header of an indicator's timeline: over the applied filters, the first and last dates, the items of each
 * kind and the sources of each type. Nothing while it loads or fails: the timeline below says the same at length.
 */
export function IndicatorEvidenceOverview({ filters }: { filters: EvidenceFilters }) {
  const { t, i18n } = useTranslation();
  const overview = useIndicatorEvidence(filters);
  const data = overview.data;
  if (!data || data.count === 0) return null;
  return (
    <section className="panel evidence-overview" aria-labelledby="evidence-overview">
      <h3 id="evidence-overview">{t('evidence.overview')}</h3>
      {data.firstAt && data.lastAt && (
        <p>
          {t('evidence.span', {
            first: formatDateTime(data.firstAt, i18n.language),
            last: formatDateTime(data.lastAt, i18n.language),
          })}
        </p>
      )}
      <div className="field-row">
        <div>
          <h4>{t('evidence.byKind')}</h4>
          <ul className="evidence-breakdown">
            {data.byKind.map((row) => (
              <li key={row.kind}>
                {t('evidence.kindCount', {
                  label: codeLabel(t, 'evidenceKinds', row.kind),
                  count: row.items,
                })}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h4>{t('evidence.bySource')}</h4>
          <ul className="evidence-breakdown">
            {data.bySource.map((row) => (
              <li key={row.sourceType}>
                {t('evidence.sourceCount', {
                  label: codeLabel(t, 'evidenceSources', row.sourceType),
                  count: row.sources,
                })}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
