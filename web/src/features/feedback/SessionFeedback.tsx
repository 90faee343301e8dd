import { type FragmentOf, readFragment } from '../../data/graphql';
import { FeedbackLinkList } from './FeedbackLinkList';
import { FeedbackLinkOpener } from './FeedbackLinkOpener';
import { SessionResponses } from './SessionResponses';
import { SessionFeedbackFields } from './sessionFeedbackFields';

/** A session's feedback: its links (close one, open a new one) and the answers received. */
export function SessionFeedback({ session }: { session: FragmentOf<typeof SessionFeedbackFields> }) {
  const { id, feedbackLinks, responses } = readFragment(SessionFeedbackFields, session);
  return (
    <>
      <FeedbackLinkList sessionId={id} links={feedbackLinks} />
      <FeedbackLinkOpener sessionId={id} />
      <SessionResponses sessionId={id} responses={responses} />
    </>
  );
}
