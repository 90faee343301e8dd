import { useTranslation } from 'react-i18next';
import type { FeedbackResponse } from '../data/trainingActions';
import { formatDateTime } from '../format';

export function SessionResponses({
  sessionId,
  responses,
}: {
  sessionId: string;
  responses: FeedbackResponse[];
}) {
  const { t, i18n } = useTranslation();
  const headingId = `session-${sessionId}-responses`;
  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('session.responsesTitle')}</h4>
      {responses.length === 0 ? (
        <p>{t('session.noResponses')}</p>
      ) : (
        <ul className="response-list">
          {responses.map((response) => (
            <li key={response.id} className="response">
              <p className="response-meta">
                <strong>
                  {t('session.rating', { value: t('app.ratingOutOf', { value: response.rating }) })}
                </strong>
                <time dateTime={response.submittedAt}>
                  {t('session.submittedAt', { date: formatDateTime(response.submittedAt, i18n.language) })}
                </time>
              </p>
              {response.comment ? (
                <p className="response-comment">{response.comment}</p>
              ) : (
                <p className="response-comment muted">{t('session.noComment')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
