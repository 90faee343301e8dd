import type { WriteSlice } from '../slice';
import { questionnaireRoutes } from './routes';

export const questionnaireSlice: WriteSlice = { name: 'questionnaire', routes: questionnaireRoutes };
