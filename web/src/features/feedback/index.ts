import type { Feature } from '../feature';
import { feedbackMessages } from './messages';

/**
 * Feedback: links that collect stakeholders' appreciations (the `feedback` slice). The public form they lead to
 * (`/f/:token`) is not a route of the app but a page of its own, `publicForm.tsx`, light enough for a phone.
 */
export const feedback: Feature<typeof feedbackMessages> = {
  routes: [],
  messages: feedbackMessages,
};

export { SessionFeedback } from './SessionFeedback';
export { SessionFeedbackFields } from './sessionFeedbackFields';
