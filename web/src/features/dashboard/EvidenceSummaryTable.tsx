import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../format';
import { useIndicatorsInForce } from '../referential';
import type { IndicatorEvidenceCount } from './dashboard';

/** Evidence count per indicator, each linking to that indicator's timeline. */
export function EvidenceSummaryTable({ rows }: { rows: readonly IndicatorEvidenceCount[] }) {
  const { t, i18n } = useTranslation();
  const inForce = useIndicatorsInForce();
  const titleOf = (number: number) => {
    const indicator = inForce.data?.indicators.find((candidate) => candidate.number === number);
    return indicator && (i18n.language === 'en' ? indicator.summaryEn : indicator.title);
  };
  const shown = rows.filter((row) => row.count > 0);
  if (shown.length === 0) return <p>{t('dashboard.noSummary')}</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.indicator')}</th>
            <th scope="col" className="numeric">
              {t('dashboard.count')}
            </th>
            <th scope="col">{t('dashboard.lastAt')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.indicator}>
              <th scope="row">
                <Link to={`/evidence?indicator=${row.indicator}`}>
                  {t('dashboard.indicatorNumber', { number: row.indicator })}
                </Link>
                <span className="indicator-row-title">{titleOf(row.indicator)}</span>
              </th>
              <td className="numeric">{formatNumber(row.count, i18n.language)}</td>
              <td>
                {row.lastAt ? (
                  <time dateTime={row.lastAt}>{formatDateTime(row.lastAt, i18n.language)}</time>
                ) : (
                  t('app.notAvailable')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
