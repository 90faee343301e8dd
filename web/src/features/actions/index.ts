import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { actionsMessages } from './messages';

/** The improvement plan, indicator 32 (the `actions` slice). */
export const actions: Feature<typeof actionsMessages> = {
  routes: [
    {
      path: '/improvement-actions',
      page: lazyPage(() => import('./ActionsPage'), 'ActionsPage'),
      layout: 'signedIn',
      navLabel: 'improvement.nav',
    },
    {
      path: '/improvement-actions/new',
      page: lazyPage(() => import('./NewActionPage'), 'NewActionPage'),
      layout: 'signedIn',
    },
    {
      path: '/improvement-actions/:id',
      page: lazyPage(() => import('./ActionPage'), 'ActionPage'),
      layout: 'signedIn',
    },
  ],
  messages: actionsMessages,
};
