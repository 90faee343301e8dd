import type { Feature } from '../feature';
import { answerMessages } from './answerMessages';

/**
 * A campaign's survey as respondents answer it (`/a/:token`, personal or shared link). Like the feedback form, it
 * is a page of its own (`publicForm.tsx`), not a route of the app; the app only carries its messages.
 */
export const answer: Feature<typeof answerMessages> = {
  routes: [],
  messages: answerMessages,
};
