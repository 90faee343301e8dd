import { mockAuditEvidence } from '../../services/mock-audit/events';
import type { ReadSlice } from '../read-slice';
import { mockAuditProjection } from './projection';

/** Mock audits (pre-audits): scope, ticks and findings; only a completion is evidence (indicator 32). */
export const mockAuditReadSlice: ReadSlice = {
  name: 'mock-audit',
  projections: [mockAuditProjection],
  evidence: mockAuditEvidence,
};
