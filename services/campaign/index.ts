import type { SliceDeps, WriteSlice } from '../slice';
import { campaignAnswerRoutes } from './answer-routes';
import { campaignOptOutRoutes } from './opt-out-routes';
import { campaignRoutes } from './routes';

export const campaignSlice: WriteSlice = {
  name: 'campaign',
  routes: (deps: SliceDeps) => async (app) => {
    await campaignRoutes(deps)(app);
    await campaignAnswerRoutes(deps)(app);
    await campaignOptOutRoutes(deps)(app);
  },
};
