import { questionnaireEvidence } from '../../services/questionnaire/events';
import type { ReadSlice } from '../read-slice';
import { questionnairesProjection } from './projection';

export const questionnairesReadSlice: ReadSlice = {
  name: 'questionnaires',
  projections: [questionnairesProjection],
  evidence: questionnaireEvidence,
};
