import { describe, expect, it } from 'vitest';
import type { ResultsSnapshot } from './events';
import { renderResultsPage } from './public-page';

const snapshot = (
  overrides: Partial<ResultsSnapshot> & { current: boolean },
): ResultsSnapshot & { current: boolean } => ({
  snapshotId: 's1',
  label: 'Année 2025',
  periodFrom: '2025-01-01',
  periodTo: '2025-12-31',
  scope: { kind: 'organisation' },
  figures: {
    trainees: 1200,
    respondents: 900,
    responseRate: 75,
    satisfactionAverage: 4.25,
    satisfiedShare: null,
    completionRate: 97.5,
    dropOutRate: 2.5,
    successRate: null,
  },
  note: null,
  publishedOn: '2026-01-15',
  ...overrides,
});

describe('public results page', () => {
  it('escapes every text typed by staff, the organisation’s name included', () => {
    const html = renderResultsPage({
      organisationName: 'Formations <Horizon> & "Cie"',
      results: {
        organisationId: 'o1',
        snapshots: [
          snapshot({
            current: true,
            label: '<script>alert(1)</script>',
            note: "L'équipe <i>",
            scope: { kind: 'training_action', trainingActionId: 'a1', trainingActionTitle: 'Excel <avancé>' },
          }),
        ],
      },
      variant: 'full',
      fullPath: '/resultats/x',
    });
    expect(html).not.toContain('<script');
    expect(html).toContain('Formations &lt;Horizon&gt; &amp; &quot;Cie&quot;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('L&#39;équipe &lt;i&gt;');
    expect(html).toContain('Excel &lt;avancé&gt;');
  });

  it('writes figures the French way and leaves out those not published', () => {
    const html = renderResultsPage({
      organisationName: 'Horizon',
      results: { organisationId: 'o1', snapshots: [snapshot({ current: true })] },
      variant: 'full',
      fullPath: '/resultats/x',
    });
    expect(html).toContain('1\u202f200');
    expect(html).toContain('4,3\u00a0/\u00a05');
    expect(html).toContain('97,5\u00a0%');
    expect(html).not.toContain('Répondants satisfaits');
    expect(html).not.toContain('certification');
  });

  it('shows only the current figures in the compact variant, with a link to the whole page', () => {
    const html = renderResultsPage({
      organisationName: 'Horizon',
      results: {
        organisationId: 'o1',
        snapshots: [
          snapshot({ current: true, label: 'Année 2025' }),
          snapshot({ current: false, snapshotId: 's0', label: 'Année 2024' }),
        ],
      },
      variant: 'embed',
      fullPath: '/resultats/x',
    });
    expect(html).toContain('Année 2025');
    expect(html).not.toContain('Année 2024');
    expect(html).toContain('href="/resultats/x"');
  });
});
