import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../errorMessages';
import type { Criterion } from './referential';

/** One criterion and its indicators; legal titles are in French whatever the language (`lang="fr"`). */
export function ReferentialCriterion({ criterion }: { criterion: Criterion }) {
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
        {criterion.indicators.map((indicator) => (
          <li key={indicator.number} className="indicator">
            <p className="indicator-heading">
              <strong>{t('referential.indicator', { number: indicator.number })}</strong>
              {indicator.majorOnly && (
                <span className="badge badge-danger">{t('referential.majorOnly')}</span>
              )}
            </p>
            <p lang="fr">{indicator.title}</p>
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
          </li>
        ))}
      </ol>
    </section>
  );
}
