import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';

/** The page's title for each reason a link shows no form. */
const TITLES = {
  feedback_link_closed: 'feedback.closedTitle',
  feedback_link_expired: 'feedback.expiredTitle',
  feedback_link_full: 'feedback.fullTitle',
  feedback_link_not_found: 'feedback.notFoundTitle',
  session_cancelled: 'feedback.cancelledTitle',
} as const;

const titleKey = (error: unknown) =>
  (isApiError(error) && TITLES[error.code as keyof typeof TITLES]) || 'feedback.unavailableTitle';

/**
 * Why a feedback link shows no form: closed, expired or full links name the organisation to contact (the server
 * sends its name); a busy or unreachable server says when to try again and offers to.
 */
export function LinkUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const title = t(titleKey(error));
  const transient = isApiError(error) && error.isTransient;
  return (
    <>
      <PageTitle page={title} />
      <h1>{title}</h1>
      <QueryError error={error} onRetry={transient ? onRetry : undefined} />
    </>
  );
}
