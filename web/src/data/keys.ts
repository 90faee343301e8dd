/** React Query keys. Prefixes are shared so one invalidation refreshes a whole family of reads. */
export const queryKeys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
  dashboard: ['dashboard'] as const,
  trainingActions: ['trainingActions'] as const,
  trainingActionList: ['trainingActions', 'list'] as const,
  trainingAction: (id: string) => ['trainingActions', 'detail', id] as const,
  evidence: ['evidence'] as const,
  evidenceTimeline: (filters: { indicator: number; from: string | null; to: string | null }) =>
    ['evidence', 'timeline', filters] as const,
  referential: (version: string | null) => ['referential', version] as const,
  publicFeedback: (token: string) => ['publicFeedback', token] as const,
};
