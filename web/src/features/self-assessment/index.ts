import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { selfAssessmentMessages } from './messages';

/** The self-assessment of each applicable indicator and the preparatory document: the `self-assessment` slice. */
export const selfAssessment: Feature<typeof selfAssessmentMessages> = {
  routes: [
    {
      path: '/self-assessment',
      page: lazyPage(() => import('./SelfAssessmentPage'), 'SelfAssessmentPage'),
      layout: 'signedIn',
      navLabel: 'selfAssessment.nav',
    },
    {
      path: '/self-assessment/:number',
      page: lazyPage(() => import('./SelfAssessmentIndicatorPage'), 'SelfAssessmentIndicatorPage'),
      layout: 'signedIn',
    },
  ],
  messages: selfAssessmentMessages,
};
