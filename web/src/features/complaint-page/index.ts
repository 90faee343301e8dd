import type { Feature } from '../feature';
import { complaintPageMessages } from './messages';

/**
 * An organisation's public complaint page (`/r/:address`). Like the feedback form, it is a page of its own
 * (`complaintForm.tsx`), not a route of the app; the app only carries its messages.
 */
export const complaintPage: Feature<typeof complaintPageMessages> = {
  routes: [],
  messages: complaintPageMessages,
};
