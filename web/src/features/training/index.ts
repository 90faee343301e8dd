import type { Feature } from '../feature';
import { trainingMessages } from './messages';
import { TrainingActionPage } from './TrainingActionPage';
import { TrainingActionsPage } from './TrainingActionsPage';

/** Training actions and their sessions (the `training` slice). */
export const training: Feature<typeof trainingMessages> = {
  routes: [
    { path: '/actions', page: TrainingActionsPage, layout: 'signedIn', navLabel: 'actions.nav' },
    { path: '/actions/:id', page: TrainingActionPage, layout: 'signedIn' },
  ],
  messages: trainingMessages,
};
