import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { organisationMessages } from './messages';

/** The organisation profile: identity, logo, sites, activities, certificate, privacy notice. */
export const organisation: Feature<typeof organisationMessages> = {
  routes: [
    {
      path: '/organisation',
      page: lazyPage(() => import('./OrganisationPage'), 'OrganisationPage'),
      layout: 'signedIn',
      navLabel: 'organisation.nav',
    },
  ],
  messages: organisationMessages,
};
