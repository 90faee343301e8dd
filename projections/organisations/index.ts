import type { ReadSlice } from '../read-slice';
import { organisationProfilesProjection } from './profile-projection';
import { organisationsProjection } from './projection';

export const organisationsReadSlice: ReadSlice = {
  name: 'organisations',
  projections: [organisationsProjection, organisationProfilesProjection],
};
