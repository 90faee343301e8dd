import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { campaignMessages } from './messages';

/** Feedback campaigns: plan, people asked, invitations and reminders (the `campaign` slice). */
export const campaigns: Feature<typeof campaignMessages> = {
  routes: [
    {
      path: '/campaigns',
      page: lazyPage(() => import('./CampaignsPage'), 'CampaignsPage'),
      layout: 'signedIn',
      navLabel: 'campaigns.nav',
    },
    {
      path: '/campaigns/:id',
      page: lazyPage(() => import('./CampaignPage'), 'CampaignPage'),
      layout: 'signedIn',
    },
  ],
  messages: campaignMessages,
};
