import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format';
import { FeedbackForm } from './FeedbackForm';
import { LinkUnavailable } from './LinkUnavailable';
import { usePublicFeedbackForm } from './publicFeedback';

/** `/f/:token`: the public, phone-first feedback form reached through a link (no account). */
export function PublicFeedbackPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const form = usePublicFeedbackForm(token);

  if (form.status === 'pending') return <Loading />;
  if (form.status === 'error') return <LinkUnavailable error={form.error} onRetry={form.retry} />;

  const info = form.data;
  return (
    <>
      <PageTitle page={t('feedback.title')} />
      <h1>{t('feedback.title')}</h1>
      <p>{t('feedback.intro', { organisation: info.organisationName })}</p>
      <dl className="session-facts">
        <div>
          <dt>{t('feedback.training')}</dt>
          <dd>{info.trainingTitle}</dd>
        </div>
        <div>
          <dt>{t('feedback.session')}</dt>
          <dd>{info.sessionTitle}</dd>
        </div>
        <div>
          <dt>{t('feedback.dates')}</dt>
          <dd>
            {t('app.dateRange', {
              start: formatDate(info.startsOn, i18n.language),
              end: formatDate(info.endsOn, i18n.language),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('feedback.site')}</dt>
          <dd>{info.site}</dd>
        </div>
      </dl>
      <FeedbackForm token={token} />
    </>
  );
}
