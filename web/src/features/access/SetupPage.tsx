import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SetupForm } from './SetupForm';
import { useSetupStatus } from './setup';

/** `/setup?token=…`: first start, creates the organisation and its first (owner) account. */
export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useSetupStatus();

  return (
    <>
      <PageTitle page={t('setup.title')} />
      <h1>{t('setup.title')}</h1>
      {status.isPending && <Loading />}
      {status.isError && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
      {status.data && !status.data.needed && (
        <div className="panel">
          <p role="status">{t('setup.notNeeded')}</p>
          <p>
            <Link to="/login">{t('setup.goToLogin')}</Link>
          </p>
        </div>
      )}
      {status.data?.needed && !token && <ErrorAlert message={t('setup.missingToken')} />}
      {status.data?.needed && token && <SetupForm token={token} />}
    </>
  );
}
