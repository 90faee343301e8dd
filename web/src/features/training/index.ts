import { type ActionCategory, enumValues } from '../../data/graphql';
import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { trainingMessages } from './messages';

/** Training actions and their sessions (the `training` slice). */
export const training: Feature<typeof trainingMessages> = {
  routes: [
    {
      path: '/actions',
      page: lazyPage(() => import('./TrainingActionsPage'), 'TrainingActionsPage'),
      layout: 'signedIn',
      navLabel: 'actions.nav',
    },
    {
      path: '/actions/:id',
      page: lazyPage(() => import('./TrainingActionPage'), 'TrainingActionPage'),
      layout: 'signedIn',
    },
    {
      path: '/sessions/:id',
      page: lazyPage(() => import('./SessionPage'), 'SessionPage'),
      layout: 'signedIn',
    },
  ],
  messages: trainingMessages,
};

/** The schema's `ActionCategory` values, in the order of their labels (`categories.*` messages). */
export const ACTION_CATEGORIES = enumValues<ActionCategory>(trainingMessages.fr.categories);
