import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { codeLabel } from '../../errorMessages';
import type { Criterion, IndicatorApplicability } from './referential';

/**
 * One criterion and its indicators; legal titles are in French whatever the language (`lang="fr"`). With the
 * organisation's applicability, each indicator says whether it applies to it and why; with its evidence counts,
 * each links to its evidence.
 */
export function ReferentialCriterion({
  criterion,
  applicability,
  evidenceCounts,
}: {
  criterion: Criterion;
  applicability?: ReadonlyMap<number, IndicatorApplicability> | null;
  evidenceCounts?: ReadonlyMap<number, number>;
}) {
  const { t } = useTranslation();
  const headingId = `criterion-${criterion.number}`;
  const appliesTo = (code: string) =>
    code
      .split(':')
      .map((part) => codeLabel(t, 'appliesTo', part))
      .join(' · ');

  return (
    <section aria-labelledby={headingId} className="criterion">
      <h3 id={headingId}>
        {t('referential.criterion', { number: criterion.number })}
        {' — '}
        <span lang="fr">{criterion.title}</span>
      </h3>
      <ol className="indicator-list">
        {criterion.indicators.map((indicator) => {
          const forUs = applicability?.get(indicator.number);
          return (
            <li
              key={indicator.number}
              className={`indicator${forUs && !forUs.applies ? ' indicator-not-applicable' : ''}`}
            >
              <p className="indicator-heading">
                <strong>{t('referential.indicator', { number: indicator.number })}</strong>
                {indicator.majorOnly && (
                  <span className="badge badge-danger">{t('referential.majorOnly')}</span>
                )}
              </p>
              <p lang="fr">{indicator.title}</p>
              {evidenceCounts && (
                <p className="indicator-evidence">
                  <Link to={`/evidence?indicator=${indicator.number}`}>
                    {t('referential.evidenceLink', {
                      count: evidenceCounts.get(indicator.number) ?? 0,
                      number: indicator.number,
                    })}
                  </Link>
                </p>
              )}
              {indicator.appliesTo.length > 0 && (
                <p className="applies-to">
                  <span>{t('referential.appliesTo')}</span>{' '}
                  {indicator.appliesTo.map((code) => (
                    <span key={code} className="badge">
                      {appliesTo(code)}
                    </span>
                  ))}
                </p>
              )}
              {forUs && (
                <div className="indicator-applicability">
                  <p>
                    <span className={`badge ${forUs.applies ? 'badge-accent' : ''}`}>
                      {forUs.applies ? t('referential.applies') : t('referential.notApplicable')}
                    </span>{' '}
                    {forUs.applies ? t('referential.appliesBecause') : t('referential.notApplicableBecause')}{' '}
                    {(forUs.applies ? forUs.because : indicator.appliesTo).map(appliesTo).join(', ')}
                  </p>
                  {forUs.deferredToSurveillance && <p className="hint">{t('referential.deferred')}</p>}
                </div>
              )}
              <p>
                <Link to={`/evidence-documents?indicator=${indicator.number}`}>
                  {t('evidenceDocuments.forIndicator', { number: indicator.number })}
                </Link>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
