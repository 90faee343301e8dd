import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { calendarMessages } from './messages';

export { NextDuePanel } from './NextDuePanel';

/** What is due, from every slice (`projections/calendar`), and the personal `.ics` feed. */
export const calendar: Feature<typeof calendarMessages> = {
  routes: [
    {
      path: '/calendar',
      page: lazyPage(() => import('./CalendarPage'), 'CalendarPage'),
      layout: 'signedIn',
      navLabel: 'calendar.nav',
    },
  ],
  messages: calendarMessages,
};
