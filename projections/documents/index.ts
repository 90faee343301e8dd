import { evidenceDocumentEvidence } from '../../services/documents/events';
import type { ReadSlice } from '../read-slice';
import { documentsProjection } from './projection';

/** The evidence documents: each at its current version, every version with its file, and their evidence. */
export const documentsReadSlice: ReadSlice = {
  name: 'documents',
  projections: [documentsProjection],
  evidence: evidenceDocumentEvidence,
};
