import { useTranslation } from 'react-i18next';
import type { TrainingSession } from '../data/trainingActions';
import { formatDate, formatRating } from '../format';
import { FeedbackLinkList } from './FeedbackLinkList';
import { FeedbackLinkOpener } from './FeedbackLinkOpener';
import { SessionResponses } from './SessionResponses';

/** A session: dates, site, satisfaction, feedback links (and opening a new one) and responses. */
export function SessionCard({ session }: { session: TrainingSession }) {
  const { t, i18n } = useTranslation();
  const headingId = `session-${session.id}-title`;
  return (
    <li className="card session-card">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="card-title">
          {session.title}
        </h3>
        <p className="card-meta">
          <span>
            {t('session.dates', {
              start: formatDate(session.startsOn, i18n.language),
              end: formatDate(session.endsOn, i18n.language),
            })}
          </span>
          <span>{t('session.site', { site: session.site })}</span>
        </p>
        <p className="card-meta">
          <span>{t('session.feedbackCount', { count: session.feedbackCount })}</span>
          <span>
            {session.averageRating === null
              ? t('session.noRating')
              : t('session.averageRating', {
                  value: t('app.ratingOutOf', { value: formatRating(session.averageRating, i18n.language) }),
                })}
          </span>
        </p>
        <FeedbackLinkList sessionId={session.id} links={session.feedbackLinks} />
        <FeedbackLinkOpener sessionId={session.id} />
        <SessionResponses sessionId={session.id} responses={session.responses} />
      </article>
    </li>
  );
}
