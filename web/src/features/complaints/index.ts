import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { complaintsMessages } from './messages';

/** Complaints (réclamations, indicator 31): the register, staff entry, the detail and the deadlines. */
export const complaints: Feature<typeof complaintsMessages> = {
  routes: [
    {
      path: '/complaints',
      page: lazyPage(() => import('./ComplaintsPage'), 'ComplaintsPage'),
      layout: 'signedIn',
      navLabel: 'complaints.nav',
    },
    {
      path: '/complaints/new',
      page: lazyPage(() => import('./NewComplaintPage'), 'NewComplaintPage'),
      layout: 'signedIn',
    },
    {
      path: '/complaints/statistics',
      page: lazyPage(() => import('./ComplaintStatisticsPage'), 'ComplaintStatisticsPage'),
      layout: 'signedIn',
    },
    {
      path: '/complaints/:id',
      page: lazyPage(() => import('./ComplaintPage'), 'ComplaintPage'),
      layout: 'signedIn',
    },
  ],
  messages: complaintsMessages,
};
