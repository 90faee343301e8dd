import { useQuery } from '@tanstack/react-query';
import { graphql } from '../api';
import { EVIDENCE_ITEM_FIELDS, type EvidenceItem } from './evidence';
import { queryKeys } from './keys';

export interface DashboardFigures {
  trainingActionCount: number;
  sessionCount: number;
  feedbackCount: number;
  averageRating: number | null;
}

export interface IndicatorEvidenceCount {
  indicator: number;
  count: number;
  lastAt: string | null;
}

export interface DashboardData {
  dashboard: DashboardFigures;
  evidenceTimeline: { totalCount: number; edges: { node: EvidenceItem }[] };
  evidenceSummary: IndicatorEvidenceCount[];
}

const DASHBOARD_QUERY = `query Dashboard {
  dashboard { trainingActionCount sessionCount feedbackCount averageRating }
  evidenceTimeline(indicator: 30, first: 5, newestFirst: true) { totalCount edges { node { ${EVIDENCE_ITEM_FIELDS} } } }
  evidenceSummary { indicator count lastAt }
}`;

export function useDashboard() {
  return useQuery({ queryKey: queryKeys.dashboard, queryFn: () => graphql<DashboardData>(DASHBOARD_QUERY) });
}
