import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { questionnaireMessages } from './messages';

/** Questionnaire templates and their versions (the `questionnaire` slice). */
export const questionnaires: Feature<typeof questionnaireMessages> = {
  routes: [
    {
      path: '/questionnaires',
      page: lazyPage(() => import('./QuestionnairesPage'), 'QuestionnairesPage'),
      layout: 'signedIn',
      navLabel: 'questionnaires.nav',
    },
    {
      path: '/questionnaires/:id',
      page: lazyPage(() => import('./QuestionnairePage'), 'QuestionnairePage'),
      layout: 'signedIn',
    },
  ],
  messages: questionnaireMessages,
};
