import type { ReadSlice } from '../read-slice';
import { certificationProjection } from './projection';

/** The certification journey and its planning (turnover band, label, certifier, quotes). */
export const certificationReadSlice: ReadSlice = {
  name: 'certification',
  projections: [certificationProjection],
};
