import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { TextField } from '../../components/TextField';
import { parisToday } from '../../format';
import { useSelfAssessment } from './selfAssessment';

/** Where the preparatory document is downloaded, as of a day. */
export const documentUrl = (format: 'pdf' | 'docx', asOf: string) =>
  `/api/self-assessment/document.${format}?asOf=${encodeURIComponent(asOf)}`;

export function SelfAssessmentPage() {
  const { t } = useTranslation();
  const indicators = useSelfAssessment();
  const today = parisToday();
  const [asOf, setAsOf] = useState(today);
  const rows = indicators.data;
  const criteria = [...new Map((rows ?? []).map((row) => [row.criterion, row.criterionTitle]))];
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && asOf <= today;

  return (
    <>
      <PageTitle page={t('selfAssessment.title')} />
      <h1>{t('selfAssessment.title')}</h1>
      <p>{t('selfAssessment.intro')}</p>
      {rows && rows.length > 0 && !rows[0]!.canManage && <p>{t('selfAssessment.readOnly')}</p>}

      <section aria-labelledby="self-assessment-document" className="panel">
        <h2 id="self-assessment-document">{t('selfAssessment.documentTitle')}</h2>
        <p className="hint">{t('selfAssessment.documentHint')}</p>
        <TextField
          id="self-assessment-as-of"
          label={t('selfAssessment.asOf')}
          type="date"
          max={today}
          value={asOf}
          onChange={(event) => setAsOf(event.target.value)}
        />
        {valid && (
          <p className="actions">
            <a className="button" href={documentUrl('pdf', asOf)} download>
              {t('selfAssessment.downloadPdf')}
            </a>{' '}
            <a className="button button-secondary" href={documentUrl('docx', asOf)} download>
              {t('selfAssessment.downloadDocx')}
            </a>
          </p>
        )}
      </section>

      {indicators.isPending && <Loading />}
      {indicators.isError && (
        <QueryError error={indicators.error} onRetry={() => void indicators.refetch()} />
      )}
      {criteria.map(([criterion, title]) => (
        <section key={criterion} aria-labelledby={`self-assessment-criterion-${criterion}`}>
          <h2 id={`self-assessment-criterion-${criterion}`}>
            {t('selfAssessment.criterion', { number: criterion, title })}
          </h2>
          <ul className="card-list">
            {rows
              ?.filter((row) => row.criterion === criterion)
              .map((row) => (
                <li key={row.number} className="card">
                  <h3 className="card-title">
                    <Link to={`/self-assessment/${row.number}`}>
                      {t('selfAssessment.indicator', { number: row.number })}
                    </Link>
                  </h3>
                  <p className="card-meta">
                    {row.rating ? t(`selfAssessmentRatings.${row.rating}`) : t('selfAssessment.notRated')}
                    {' · '}
                    {row.approach
                      ? t('selfAssessment.approachWritten', { version: row.approach.version })
                      : t('selfAssessment.approachMissing')}
                    {' · '}
                    {t('selfAssessment.evidenceCount', { count: row.evidenceCount })}
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
