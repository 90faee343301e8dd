import type { ReadSlice } from '../read-slice';
import { teamProjection } from './projection';

/** The team as admins see it: members, pending invitations, the security log. */
export const teamReadSlice: ReadSlice = {
  name: 'team',
  projections: [teamProjection],
};
