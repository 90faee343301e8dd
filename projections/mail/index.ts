import { mailEvidence } from '../../services/mail/events';
import type { ReadSlice } from '../read-slice';
import { mailProjection } from './projection';

export const mailReadSlice: ReadSlice = {
  name: 'mail',
  projections: [mailProjection],
  evidence: mailEvidence,
};
