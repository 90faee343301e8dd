import type { ReadSlice } from '../read-slice';
import { retentionProjection } from './projection';

/** Retention of personal data: each organisation's periods and when each subject's period started. */
export const retentionReadSlice: ReadSlice = {
  name: 'retention',
  projections: [retentionProjection],
};
