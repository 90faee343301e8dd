import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { ERASED } from '../privacy/declarations';
import { incidentDecider } from './incident-decider';
import {
  type IncidentEvent,
  type IncidentReport,
  incidentEvidence,
  incidentIndicators,
} from './incident-events';

const spec = deciderSpec(incidentDecider);
const TODAY = '2026-12-04';

const report = (overrides: Partial<IncidentReport> = {}): IncidentReport => ({
  kind: 'difficulty',
  category: 'dropout_risk',
  severity: 'moderate',
  session: {
    trainingActionId: 'ta1',
    trainingTitle: 'Excel avancé',
    sessionId: 's1',
    sessionTitle: 'Session de novembre',
  },
  site: 'Lyon',
  occurredOn: '2026-11-30',
  description: 'Un apprenant absent deux jours, parle d’abandonner.',
  ...overrides,
});
const recorded = (overrides: Partial<IncidentReport> = {}): IncidentEvent => ({
  type: 'IncidentRecorded',
  data: { incidentId: 'i1', ...report(overrides) },
});
const measureTaken: IncidentEvent = {
  type: 'IncidentMeasureTaken',
  data: { incidentId: 'i1', takenOn: '2026-12-01', measure: 'Entretien individuel et plan de rattrapage.' },
};
const resolved: IncidentEvent = {
  type: 'IncidentResolved',
  data: { incidentId: 'i1', resolvedOn: '2026-12-03', resolution: 'L’apprenant poursuit sa formation.' },
};
const record = (overrides: Partial<IncidentReport> = {}) =>
  ({ type: 'RecordIncident', incidentId: 'i1', report: report(overrides), today: TODAY }) as const;
const takeMeasure = (on = '2026-12-01') =>
  ({
    type: 'TakeIncidentMeasure',
    measure: 'Entretien individuel et plan de rattrapage.',
    on,
    today: TODAY,
  }) as const;
const resolve = {
  type: 'ResolveIncident',
  resolution: 'L’apprenant poursuit sa formation.',
  on: '2026-12-03',
  today: TODAY,
} as const;
const reopen = {
  type: 'ReopenIncident',
  reason: 'Nouvelle absence.',
  on: '2026-12-04',
  today: TODAY,
} as const;

describe('difficulty and disruption decider', () => {
  it('records a difficulty with its category, severity, session and description', () => {
    spec.given([]).when(record()).thenEmits([recorded()]);
  });

  it('records a disruption with no session, for the whole site', () => {
    const flood = { kind: 'disruption' as const, category: 'external_event' as const, session: null };
    spec
      .given([])
      .when(record(flood))
      .thenEmits([recorded(flood)]);
  });

  it('refuses a record dated after today, one without description, and the same record twice', () => {
    spec
      .given([])
      .when(record({ occurredOn: '2026-12-05' }))
      .thenRejects('date_in_future', 400);
    spec
      .given([])
      .when(record({ description: ' ' }))
      .thenRejects('text_missing', 400);
    spec.given([recorded()]).when(record()).thenRejects('incident_exists', 409);
  });

  it('adds measures one after the other, none rewritten', () => {
    spec.given([recorded()]).when(takeMeasure()).thenEmits([measureTaken]);
    const state = spec.given([recorded(), measureTaken, measureTaken]).state;
    expect(state.measures).toBe(2);
  });

  it('refuses a measure dated before the step it follows or after today', () => {
    spec.given([recorded()]).when(takeMeasure('2026-11-29')).thenRejects('date_before_previous_step', 400);
    spec.given([recorded()]).when(takeMeasure('2026-12-05')).thenRejects('date_in_future', 400);
  });

  it('resolves an open record once, and takes no measure after', () => {
    spec.given([recorded(), measureTaken]).when(resolve).thenEmits([resolved]);
    spec.given([recorded(), resolved]).when(resolve).thenRejects('incident_resolved', 409);
    spec.given([recorded(), resolved]).when(takeMeasure('2026-12-04')).thenRejects('incident_resolved', 409);
  });

  it('reopens a resolved record only', () => {
    spec
      .given([recorded(), resolved])
      .when(reopen)
      .thenEmits([
        {
          type: 'IncidentReopened',
          data: { incidentId: 'i1', reopenedOn: '2026-12-04', reason: 'Nouvelle absence.' },
        },
      ]);
    spec.given([recorded()]).when(reopen).thenRejects('incident_not_resolved', 409);
  });

  it('answers a step on an unknown record as not found', () => {
    for (const command of [takeMeasure(), resolve, reopen]) {
      spec.given([]).when(command).thenRejects('incident_not_found', 404);
    }
  });

  it('requests an improvement action once per follow-up id, resolved or not, never on an unknown record', () => {
    const request = {
      type: 'RequestIncidentImprovement',
      followUpId: 'f1',
      title: 'Revoir l’accueil',
      requestedBy: 'u1',
    } as const;
    const requested: IncidentEvent = {
      type: 'IncidentImprovementRequested',
      data: { incidentId: 'i1', followUpId: 'f1', title: 'Revoir l’accueil', requestedBy: 'u1' },
    };
    spec.given([recorded(), resolved]).when(request).thenEmits([requested]);
    spec.given([recorded(), requested]).when(request).thenNothing();
    spec.given([]).when(request).thenRejects('incident_not_found', 404);
  });

  it('takes no new text once the record’s personal data was erased', () => {
    spec
      .given([recorded({ description: ERASED })])
      .when(takeMeasure())
      .thenRejects('incident_erased', 409);
  });
});

describe('difficulty and disruption evidence', () => {
  it.each([
    ['dropout_risk', [12, 31]],
    ['learner_difficulty', [12, 31]],
    ['disability_accommodation', [26, 31]],
    ['trainer_absence', [31]],
    ['external_event', [31]],
  ] as const)('a %s record evidences indicators %o', (category, indicators) => {
    expect(incidentIndicators(category)).toEqual(indicators);
  });

  it('titles a record by kind, category, severity and date, naming nobody', () => {
    const { data } = recorded({
      kind: 'disruption',
      category: 'external_event',
      severity: 'major',
    }) as Extract<IncidentEvent, { type: 'IncidentRecorded' }>;
    expect(incidentEvidence.IncidentRecorded?.title(data)).toBe(
      'Aléa : événement extérieur (gravité majeure) — 30/11/2026',
    );
  });
});
