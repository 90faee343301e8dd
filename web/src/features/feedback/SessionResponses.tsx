import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../data/graphql';
import { formatDateTime } from '../../format';
import type { SessionFeedbackFields } from './sessionFeedbackFields';

type FeedbackResponse = ResultOf<typeof SessionFeedbackFields>['responses'][number];

export function SessionResponses({
  sessionId,
  responses,
}: {
  sessionId: string;
  responses: readonly FeedbackResponse[];
}) {
  const { t, i18n } = useTranslation();
  const headingId = `session-${sessionId}-responses`;
  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('responses.title')}</h4>
      {responses.length === 0 ? (
        <p>{t('responses.none')}</p>
      ) : (
        <ul className="response-list">
          {responses.map((response) => (
            <li key={response.id} className="response">
              <p className="response-meta">
                <strong>
                  {t('responses.rating', { value: t('app.ratingOutOf', { value: response.rating }) })}
                </strong>
                <span className="badge">{t(`audiences.${response.audience}`)}</span>
                <time dateTime={response.submittedAt}>
                  {t('responses.submittedAt', { date: formatDateTime(response.submittedAt, i18n.language) })}
                </time>
              </p>
              {response.comment ? (
                <p className="response-comment">{response.comment}</p>
              ) : (
                <p className="response-comment muted">{t('responses.noComment')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
