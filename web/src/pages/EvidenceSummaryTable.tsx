import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IndicatorEvidenceCount } from '../data/dashboard';
import { formatDateTime } from '../format';

/** Evidence count per indicator, each linking to that indicator's timeline. */
export function EvidenceSummaryTable({ rows }: { rows: IndicatorEvidenceCount[] }) {
  const { t, i18n } = useTranslation();
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
                  {t('evidence.indicatorOption', { number: row.indicator })}
                </Link>
              </th>
              <td className="numeric">{row.count}</td>
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
