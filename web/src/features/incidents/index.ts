import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { incidentsMessages } from './messages';

/** Difficulties and disruptions, evidence for indicator 31 (and 12 or 26): the `incidents` slice. */
export const incidents: Feature<typeof incidentsMessages> = {
  routes: [
    {
      path: '/incidents',
      page: lazyPage(() => import('./IncidentsPage'), 'IncidentsPage'),
      layout: 'signedIn',
      navLabel: 'incidents.nav',
    },
    {
      path: '/incidents/:id',
      page: lazyPage(() => import('./IncidentPage'), 'IncidentPage'),
      layout: 'signedIn',
    },
  ],
  messages: incidentsMessages,
};
