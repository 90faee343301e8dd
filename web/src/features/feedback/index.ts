import type { Feature } from '../feature';
import { feedbackMessages } from './messages';
import { PublicFeedbackPage } from './PublicFeedbackPage';

/** Feedback: links that collect stakeholders' appreciations, and the public form (the `feedback` slice). */
export const feedback: Feature<typeof feedbackMessages> = {
  routes: [{ path: '/f/:token', page: PublicFeedbackPage, layout: 'public' }],
  messages: feedbackMessages,
};

export { SessionFeedback } from './SessionFeedback';
export { SessionFeedbackFields } from './sessionFeedbackFields';
