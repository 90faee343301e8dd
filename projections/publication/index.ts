import { publicationEvidence } from '../../services/publication/events';
import type { ReadSlice } from '../read-slice';
import { publicationProjection } from './projection';

export const publicationReadSlice: ReadSlice = {
  name: 'publication',
  projections: [publicationProjection],
  evidence: publicationEvidence,
};
