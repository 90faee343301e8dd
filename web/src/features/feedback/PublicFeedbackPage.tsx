import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { PublicFrame } from '../../components/PublicFrame';
import { formatDate } from '../../format';
import { FeedbackForm } from './FeedbackForm';
import { LinkUnavailable } from './LinkUnavailable';
import { organisationOfError, type PublicFeedbackForm, usePublicFeedbackForm } from './publicFeedback';

/**
 * `/f/:token`: the public, phone-first feedback form reached through a link (no account), in a frame that shows
 * the organisation's logo, name, contact and privacy notice once they are known.
 */
export function PublicFeedbackPage({ token }: { token: string }) {
  const form = usePublicFeedbackForm(token);
  const organisation =
    form.status === 'success'
      ? form.data.organisation
      : form.status === 'error'
        ? organisationOfError(form.error)
        : null;
  return (
    <PublicFrame organisation={organisation}>
      {form.status === 'pending' && <Loading />}
      {form.status === 'error' && <LinkUnavailable error={form.error} onRetry={form.retry} />}
      {form.status === 'success' && <FeedbackPageBody token={token} info={form.data} />}
    </PublicFrame>
  );
}

function FeedbackPageBody({ token, info }: { token: string; info: PublicFeedbackForm }) {
  const { t, i18n } = useTranslation();
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
