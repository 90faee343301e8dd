import type { ReadSlice } from '../read-slice';
import { organisationsProjection } from './projection';

export const organisationsReadSlice: ReadSlice = {
  name: 'organisations',
  projections: [organisationsProjection],
};
