import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_SETTINGS } from '../complaints/deadlines';
import { evaluateReadiness, readinessCounts } from './evaluate';
import type { ReadinessFacts } from './facts';
import {
  complaintAnsweredWithoutAcknowledgement,
  complaintsPastDeadline,
  effectivenessNotChecked,
  incidentWithoutMeasure,
  lowResponseRate,
  majorNonConformityPastDeadline,
  noActionFromComplaints,
  noActionFromFeedback,
  noDisabilityPartner,
  noDisabilityReferent,
  noEvidence,
  noWatchNote,
  openNonConformity,
  READINESS_RULES,
  type ReadinessRule,
  resultsNeverPublished,
  resultsOutOfDate,
  stakeholderGroupNotSolicited,
  watchNotesNotExploited,
  watchNotesNotPassedOn,
} from './rules';

// Thursday 20 May 2027; the period runs from the day after an audit held on 20 May 2026.
const TODAY = '2027-05-20';
const EVERY_INDICATOR = Array.from({ length: 33 }, (_, index) => index + 1);

/** An organisation on which no rule finds anything: each case changes one fact of it. */
const wellKept = (): ReadinessFacts => ({
  period: { from: '2026-05-21', to: TODAY },
  today: TODAY,
  evidence: new Map(EVERY_INDICATOR.map((indicator) => [indicator, 3])),
  openNonConformities: [],
  stakeholders: {
    lastSolicitedOn: {
      learner: '2027-04-01',
      funder: '2027-01-15',
      trainer: '2026-12-01',
      company: '2027-03-10',
    },
    asked: 20,
    answeredByName: 12,
    answers: 15,
  },
  complaints: {
    settings: DEFAULT_DEADLINE_SETTINGS,
    register: [
      {
        reference: 'R-2027-001',
        receivedOn: '2027-03-01',
        acknowledgedOn: '2027-03-02',
        answeredOn: '2027-03-10',
        closedUnansweredOn: null,
      },
    ],
    receivedInPeriod: 1,
  },
  openIncidents: [{ occurredOn: '2027-05-10', measures: 0 }],
  actions: {
    fromFeedback: 2,
    fromComplaints: 1,
    awaitingCheck: [{ doneOn: '2027-05-01' }],
    closedWithoutCheck: 0,
  },
  watch: {
    exploitWithinDays: 60,
    notes: [
      { indicators: [23], recordedOn: '2027-01-10', analysedOn: '2027-01-20', communicationMissing: false },
      { indicators: [24], recordedOn: '2027-02-10', analysedOn: '2027-02-11', communicationMissing: false },
      { indicators: [25], recordedOn: '2027-05-01', analysedOn: null, communicationMissing: false },
    ],
  },
  disabilityNetwork: { hasReferent: true, partners: 2 },
  publishedResults: ['2027-01-15'],
});

type Change = (facts: ReadinessFacts) => ReadinessFacts;

interface RuleCase {
  rule: ReadinessRule;
  indicator: number;
  /** The rule, as the auditor would say it. */
  statement: string;
  triggers: Change;
  /** What the reason says, in part, in French. */
  says: string;
  /** The nearest case where it stays quiet. */
  holds: Change;
}

const note = (
  indicators: number[],
  recordedOn: string,
  analysedOn: string | null,
  communicationMissing = false,
) => ({
  indicators,
  recordedOn,
  analysedOn,
  communicationMissing,
});

const CASES: RuleCase[] = [
  {
    rule: noEvidence,
    indicator: 30,
    statement: 'an indicator without any evidence in the period is missing',
    triggers: (facts) => ({ ...facts, evidence: new Map([[31, 2]]) }),
    says: 'Aucune preuve enregistrée du 21/05/2026 au 20/05/2027.',
    holds: (facts) => ({ ...facts, evidence: new Map([[30, 1]]) }),
  },
  {
    rule: openNonConformity,
    indicator: 12,
    statement: 'an audit non-conformity still open on the indicator puts it at risk',
    triggers: (facts) => ({
      ...facts,
      openNonConformities: [
        { indicator: 12, grade: 'minor', deadline: '2027-08-01' },
        { indicator: 12, grade: 'minor', deadline: '2027-07-01' },
      ],
    }),
    says: '2 non-conformités d’audit restent ouvertes (2 mineures) ; prochaine échéance le 01/07/2027.',
    holds: (facts) => ({
      ...facts,
      openNonConformities: [{ indicator: 13, grade: 'minor', deadline: '2027-08-01' }],
    }),
  },
  {
    rule: majorNonConformityPastDeadline,
    indicator: 12,
    statement: 'a major non-conformity open past its deadline makes the indicator missing',
    triggers: (facts) => ({
      ...facts,
      openNonConformities: [{ indicator: 12, grade: 'major', deadline: '2027-05-19' }],
    }),
    says: 'Une non-conformité majeure n’est pas levée alors que son échéance du 19/05/2027 est passée',
    holds: (facts) => ({
      ...facts,
      openNonConformities: [{ indicator: 12, grade: 'major', deadline: TODAY }],
    }),
  },
  {
    rule: stakeholderGroupNotSolicited,
    indicator: 30,
    statement: 'a stakeholder group not asked for its views in the last 12 months puts 30 at risk',
    triggers: (facts) => ({
      ...facts,
      stakeholders: {
        ...facts.stakeholders,
        lastSolicitedOn: { ...facts.stakeholders.lastSolicitedOn, funder: null, company: '2026-05-19' },
      },
    }),
    says: 'Aucune sollicitation depuis 12 mois auprès de : financeurs, entreprises.',
    holds: (facts) => ({
      ...facts,
      stakeholders: {
        ...facts.stakeholders,
        lastSolicitedOn: { ...facts.stakeholders.lastSolicitedOn, company: '2026-05-20' },
      },
    }),
  },
  {
    rule: lowResponseRate,
    indicator: 30,
    statement: 'a response rate under 30 % over the period puts 30 at risk',
    triggers: (facts) => ({
      ...facts,
      stakeholders: { ...facts.stakeholders, asked: 20, answeredByName: 5 },
    }),
    says: 'Taux de réponse de 25\u00a0% sur la période (5 réponses pour 20 personnes sollicitées), sous le seuil de 30\u00a0%.',
    holds: (facts) => ({ ...facts, stakeholders: { ...facts.stakeholders, asked: 20, answeredByName: 6 } }),
  },
  {
    rule: complaintsPastDeadline,
    indicator: 31,
    statement: 'a complaint waiting for its acknowledgement past the deadline puts 31 at risk',
    triggers: (facts) => ({
      ...facts,
      complaints: {
        ...facts.complaints,
        register: [
          {
            reference: 'R-2027-004',
            receivedOn: '2027-05-10',
            acknowledgedOn: null,
            answeredOn: null,
            closedUnansweredOn: null,
          },
        ],
      },
    }),
    says: '1 réclamation attend un accusé de réception ou une réponse au-delà du délai fixé : R-2027-004.',
    holds: (facts) => ({
      ...facts,
      complaints: {
        ...facts.complaints,
        register: [
          {
            reference: 'R-2027-004',
            receivedOn: '2027-05-10',
            acknowledgedOn: '2027-05-11',
            answeredOn: null,
            closedUnansweredOn: null,
          },
        ],
      },
    }),
  },
  {
    rule: complaintAnsweredWithoutAcknowledgement,
    indicator: 31,
    statement: 'a complaint answered in the period with no acknowledgement recorded puts 31 at risk',
    triggers: (facts) => ({
      ...facts,
      complaints: {
        ...facts.complaints,
        register: [
          {
            reference: 'R-2027-002',
            receivedOn: '2027-03-01',
            acknowledgedOn: null,
            answeredOn: '2027-03-10',
            closedUnansweredOn: null,
          },
        ],
      },
    }),
    says: '1 réclamation a reçu une réponse sans accusé de réception enregistré : R-2027-002.',
    holds: (facts) => ({
      ...facts,
      complaints: {
        ...facts.complaints,
        register: [
          {
            reference: 'R-2026-002',
            receivedOn: '2026-03-01',
            acknowledgedOn: null,
            answeredOn: '2026-04-01',
            closedUnansweredOn: null,
          },
        ],
      },
    }),
  },
  {
    rule: incidentWithoutMeasure,
    indicator: 31,
    statement: 'a difficulty open for more than 30 days without any measure puts 31 at risk',
    triggers: (facts) => ({ ...facts, openIncidents: [{ occurredOn: '2027-04-19', measures: 0 }] }),
    says: '1 difficulté ou aléa ouvert depuis plus de 30 jours sans mesure enregistrée.',
    holds: (facts) => ({ ...facts, openIncidents: [{ occurredOn: '2027-04-20', measures: 0 }] }),
  },
  {
    rule: noActionFromFeedback,
    indicator: 32,
    statement: 'no improvement action from feedback in the period puts 32 at risk',
    triggers: (facts) => ({ ...facts, actions: { ...facts.actions, fromFeedback: 0 } }),
    says: '15 appréciations reçues sur la période, mais aucune action d’amélioration n’en est issue.',
    holds: (facts) => ({ ...facts, actions: { ...facts.actions, fromFeedback: 1 } }),
  },
  {
    rule: noActionFromComplaints,
    indicator: 32,
    statement: 'complaints received in the period and no action from any puts 32 at risk',
    triggers: (facts) => ({ ...facts, actions: { ...facts.actions, fromComplaints: 0 } }),
    says: '1 réclamation reçue sur la période, mais aucune action d’amélioration n’en est issue.',
    holds: (facts) => ({
      ...facts,
      actions: { ...facts.actions, fromComplaints: 0 },
      complaints: { ...facts.complaints, receivedInPeriod: 0 },
    }),
  },
  {
    rule: effectivenessNotChecked,
    indicator: 32,
    statement: 'an action done more than 30 days ago without its effectiveness check puts 32 at risk',
    triggers: (facts) => ({
      ...facts,
      actions: { ...facts.actions, awaitingCheck: [{ doneOn: '2027-04-19' }] },
    }),
    says: '1 action réalisée depuis plus de 30 jours attend la vérification de son efficacité.',
    holds: (facts) => ({
      ...facts,
      actions: { ...facts.actions, awaitingCheck: [{ doneOn: '2027-04-20' }] },
    }),
  },
  {
    rule: effectivenessNotChecked,
    indicator: 32,
    statement: 'an action closed with no effectiveness recorded puts 32 at risk',
    triggers: (facts) => ({ ...facts, actions: { ...facts.actions, closedWithoutCheck: 2 } }),
    says: '2 actions closes sans vérification d’efficacité.',
    holds: (facts) => ({ ...facts, actions: { ...facts.actions, closedWithoutCheck: 0 } }),
  },
  {
    rule: watchNotesNotExploited,
    indicator: 24,
    statement: 'a watch note not analysed within the organisation’s delay puts its indicator at risk',
    triggers: (facts) => ({
      ...facts,
      watch: { ...facts.watch, notes: [...facts.watch.notes, note([24], '2027-03-20', null)] },
    }),
    says: '1 note de veille non exploitée au-delà du délai de 60 jours.',
    holds: (facts) => ({
      ...facts,
      watch: { ...facts.watch, notes: [...facts.watch.notes, note([24], '2027-03-21', null)] },
    }),
  },
  {
    rule: noWatchNote,
    indicator: 25,
    statement: 'no watch note on the indicator’s theme in the period makes it missing',
    triggers: (facts) => ({
      ...facts,
      watch: {
        ...facts.watch,
        notes: [note([23], '2027-01-10', '2027-01-20'), note([25], '2026-05-20', null)],
      },
    }),
    says: 'Aucune note de veille enregistrée sur la période pour cet indicateur.',
    holds: (facts) => ({
      ...facts,
      watch: { ...facts.watch, notes: [note([25], '2026-05-21', '2026-06-01')] },
    }),
  },
  {
    rule: watchNotesNotPassedOn,
    indicator: 23,
    statement: 'a legal watch note analysed but never passed on to the team puts 23 at risk',
    triggers: (facts) => ({
      ...facts,
      watch: {
        ...facts.watch,
        notes: [...facts.watch.notes, note([23, 26], '2027-02-01', '2027-02-02', true)],
      },
    }),
    says: '1 note de veille analysée n’a pas été communiquée à l’équipe.',
    holds: (facts) => ({
      ...facts,
      watch: {
        ...facts.watch,
        notes: [...facts.watch.notes, note([23, 26], '2027-02-01', '2027-02-02', false)],
      },
    }),
  },
  {
    rule: noDisabilityReferent,
    indicator: 26,
    statement: 'no disability referent makes 26 missing',
    triggers: (facts) => ({ ...facts, disabilityNetwork: { hasReferent: false, partners: 2 } }),
    says: 'Aucun référent handicap désigné.',
    holds: (facts) => ({ ...facts, disabilityNetwork: { hasReferent: true, partners: 0 } }),
  },
  {
    rule: noDisabilityPartner,
    indicator: 26,
    statement: 'no partner in the disability network makes 26 missing',
    triggers: (facts) => ({ ...facts, disabilityNetwork: { hasReferent: true, partners: 0 } }),
    says: 'Aucun partenaire dans le réseau handicap',
    holds: (facts) => ({ ...facts, disabilityNetwork: { hasReferent: false, partners: 1 } }),
  },
  {
    rule: resultsNeverPublished,
    indicator: 2,
    statement: 'results never published make 2 missing',
    triggers: (facts) => ({ ...facts, publishedResults: [] }),
    says: 'Aucun résultat publié',
    holds: (facts) => ({ ...facts, publishedResults: ['2020-01-01'] }),
  },
  {
    rule: resultsOutOfDate,
    indicator: 2,
    statement: 'results published more than 12 months ago put 2 at risk',
    triggers: (facts) => ({ ...facts, publishedResults: ['2027-01-15', '2026-05-19'] }),
    says: 'Des résultats publiés datent du 19/05/2026, il y a plus de 12 mois.',
    holds: (facts) => ({ ...facts, publishedResults: ['2026-05-20'] }),
  },
];

const check = (rule: ReadinessRule, facts: ReadinessFacts, indicator: number) =>
  rule.check(facts, { indicator, params: rule.params });

describe('readiness rules, one by one', () => {
  it.each(CASES)('$rule.id: $statement', ({ rule, indicator, triggers, says, holds }) => {
    expect(check(rule, wellKept(), indicator)).toBeNull();
    const reason = check(rule, triggers(wellKept()), indicator);
    expect(reason?.fr).toContain(says);
    expect(reason?.en).toMatch(/\w/);
    expect(check(rule, holds(wellKept()), indicator)).toBeNull();
  });

  it('every rule of the table has its case', () => {
    const tested = new Set(CASES.map((testCase) => testCase.rule.id));
    expect(READINESS_RULES.map((rule) => rule.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('rule ids are distinct: they are the reasons’ codes', () => {
    const ids = READINESS_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a threshold is data: the same facts pass under a lower response-rate threshold', () => {
    const facts = wellKept();
    const lowRate = { ...facts, stakeholders: { ...facts.stakeholders, asked: 20, answeredByName: 5 } };
    expect(check(lowResponseRate, lowRate, 30)).not.toBeNull();
    expect(check({ ...lowResponseRate, params: { below: 0.25 } }, lowRate, 30)).toBeNull();
  });

  it('speaks English too, with English dates and plurals', () => {
    const facts = { ...wellKept(), evidence: new Map<number, number>() };
    expect(check(noEvidence, facts, 5)?.en).toBe('No evidence recorded from 21 May 2026 to 20 May 2027.');
    const late = {
      ...wellKept(),
      openNonConformities: [{ indicator: 8, grade: 'major' as const, deadline: '2027-05-01' }],
    };
    expect(check(openNonConformity, late, 8)?.en).toBe(
      '1 audit non-conformity is still open (1 major); next deadline 1 May 2027.',
    );
  });
});

describe('evaluating readiness', () => {
  it('an organisation where no rule finds anything is ready on every indicator', () => {
    const indicators = evaluateReadiness(wellKept(), READINESS_RULES, EVERY_INDICATOR);
    expect(indicators.filter((indicator) => indicator.status !== 'ready')).toEqual([]);
    expect(readinessCounts(indicators)).toEqual({ ready: 33, atRisk: 0, missing: 0 });
  });

  it('the status is the worst severity of the rules triggered, the worst reasons first', () => {
    const facts: ReadinessFacts = {
      ...wellKept(),
      actions: { ...wellKept().actions, fromFeedback: 0 },
      evidence: new Map([[31, 1]]),
    };
    const [indicator] = evaluateReadiness(facts, READINESS_RULES, [32]);
    expect(indicator?.status).toBe('missing');
    expect(indicator?.reasons.map((reason) => [reason.code, reason.severity])).toEqual([
      ['no_evidence', 'missing'],
      ['no_action_from_feedback', 'at_risk'],
    ]);
  });

  it('an indicator-specific rule only looks at its indicators, and only the indicators asked are evaluated', () => {
    const facts = { ...wellKept(), disabilityNetwork: { hasReferent: false, partners: 0 } };
    const indicators = evaluateReadiness(facts, READINESS_RULES, [30, 26, 26]);
    expect(indicators.map((indicator) => [indicator.number, indicator.status])).toEqual([
      [26, 'missing'],
      [30, 'ready'],
    ]);
    expect(readinessCounts(indicators)).toEqual({ ready: 1, atRisk: 0, missing: 1 });
  });

  it('with no rule, everything is ready', () => {
    const facts = { ...wellKept(), evidence: new Map<number, number>() };
    expect(evaluateReadiness(facts, [], [1, 2]).map((indicator) => indicator.status)).toEqual([
      'ready',
      'ready',
    ]);
  });
});
