import type { WriteSlice } from '../slice';
import { mockAuditRoutes } from './routes';

/** Mock audits (pre-audits): the indicators walked in the auditor's order, findings graded by the real rules. */
export const mockAuditSlice: WriteSlice = { name: 'mock-audit', routes: mockAuditRoutes };
