import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { ReferentialCriterion } from './ReferentialCriterion';
import {
  REFERENTIAL_VERSIONS,
  useEvidenceCounts,
  useOrganisationApplicability,
  useReferential,
} from './referential';

/** `/referential`: criteria and indicators of a version of the national quality referential. */
export function ReferentialPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('version');
  const version = REFERENTIAL_VERSIONS.find((known) => known === requested) ?? null;
  const referential = useReferential(version);
  const data = referential.data;
  const applicability = useOrganisationApplicability(data?.version);
  const evidenceCounts = useEvidenceCounts();
  const applicable = applicability.data
    ? [...applicability.data.values()].filter((indicator) => indicator.applies).length
    : 0;

  return (
    <>
      <PageTitle page={t('referential.title')} />
      <h1>{t('referential.title')}</h1>
      <form className="form panel filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="referential-version"
          label={t('referential.version')}
          value={version ?? data?.version ?? REFERENTIAL_VERSIONS[0]}
          onChange={(event) => setParams({ version: event.target.value })}
        >
          {REFERENTIAL_VERSIONS.map((known) => (
            <option key={known} value={known}>
              {t('referential.versionOption', { version: known })}
            </option>
          ))}
        </SelectField>
      </form>
      {referential.isPending && <Loading />}
      {referential.isError && (
        <QueryError error={referential.error} onRetry={() => void referential.refetch()} />
      )}
      {data && (
        <section aria-labelledby="referential-label">
          <h2 id="referential-label">
            {data.label}{' '}
            {data.status === 'to_confirm' && (
              <span className="badge badge-warning">{t('referential.toConfirm')}</span>
            )}
          </h2>
          {data.statusNote && <p className="status-note">{data.statusNote}</p>}
          <section aria-labelledby="referential-organisation" className="panel">
            <h3 id="referential-organisation">{t('referential.forOrganisation')}</h3>
            {applicability.isError && (
              <QueryError error={applicability.error} onRetry={() => void applicability.refetch()} />
            )}
            {applicability.data === null && (
              <p>
                {t('referential.undeclared')} <Link to="/organisation">{t('referential.declare')}</Link>
              </p>
            )}
            {applicability.data && (
              <p>{t('referential.applicableCount', { count: applicable, total: applicability.data.size })}</p>
            )}
          </section>
          {data.criteria.map((criterion) => (
            <ReferentialCriterion
              key={criterion.number}
              criterion={criterion}
              applicability={applicability.data}
              evidenceCounts={evidenceCounts.data}
            />
          ))}
        </section>
      )}
    </>
  );
}
