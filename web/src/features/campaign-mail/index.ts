import type { Feature } from '../feature';
import { campaignMailMessages } from './messages';

/**
 * Campaign mail: what a campaign's respondent meets outside the app. The opt-out page (`/a/:token/opt-out`) is not
 * a route of the app but part of the public form's own page, `publicForm.tsx`.
 */
export const campaignMail: Feature<typeof campaignMailMessages> = {
  routes: [],
  messages: campaignMailMessages,
};
