import { addMonths } from '../audits/cycle';
import { isOverdue } from '../complaints/deadlines';
import { AUDIENCES, type Audience } from '../feedback/events';
import { addCalendarDays } from '../kernel/working-days';
import { STALE_AFTER_MONTHS } from '../publication/freshness';
import { notExploited } from '../watch/exploitation';
import type { ReadinessFacts } from './facts';
import { countEn, countFr, englishDate, frenchDate, percentEn, percentFr, someOf } from './wording';

/** What a triggered rule does to its indicator: `missing` is worse than `at_risk`. */
export type ReadinessSeverity = 'at_risk' | 'missing';

/** Why an indicator is not ready, in plain French (the binder's language) and in English. */
export interface ReasonText {
  fr: string;
  en: string;
}

/** A rule's thresholds and lists: data, read by its check, changed without touching the check. */
export type RuleParams = Readonly<Record<string, unknown>>;

/**
 * One readiness rule: the indicators it looks at (`every` applicable one, or some), the severity it gives when it
 * triggers, and a pure check of the facts that answers why, or null when all is well.
 */
export interface ReadinessRule<Params extends RuleParams = RuleParams> {
  /** Stable: it is the reason's code in the API. */
  id: string;
  indicators: readonly number[] | 'every';
  severity: ReadinessSeverity;
  params: Params;
  check(facts: ReadinessFacts, on: { indicator: number; params: Params }): ReasonText | null;
}

const defineRule = <Params extends RuleParams>(rule: ReadinessRule<Params>): ReadinessRule<Params> => rule;

/** Whether a rule looks at an indicator. */
export const appliesTo = (rule: ReadinessRule, indicator: number): boolean =>
  rule.indicators === 'every' || rule.indicators.includes(indicator);

const AUDIENCE_WORDS: Record<Audience, ReasonText> = {
  learner: { fr: 'apprenants', en: 'learners' },
  funder: { fr: 'financeurs', en: 'funders' },
  trainer: { fr: 'équipe pédagogique', en: 'teaching team' },
  company: { fr: 'entreprises', en: 'companies' },
};

const GRADE_WORDS = {
  major: { fr: ['majeure', 'majeures'], en: ['major', 'major'] },
  minor: { fr: ['mineure', 'mineures'], en: ['minor', 'minor'] },
} as const;

const earliest = (days: readonly string[]) => [...days].sort()[0] ?? '';

// Any indicator

export const noEvidence = defineRule({
  id: 'no_evidence',
  indicators: 'every',
  severity: 'missing',
  params: {},
  check: ({ evidence, period }, { indicator }) =>
    (evidence.get(indicator) ?? 0) > 0
      ? null
      : {
          fr: `Aucune preuve enregistrée du ${frenchDate(period.from)} au ${frenchDate(period.to)}.`,
          en: `No evidence recorded from ${englishDate(period.from)} to ${englishDate(period.to)}.`,
        },
});

export const openNonConformity = defineRule({
  id: 'open_non_conformity',
  indicators: 'every',
  severity: 'at_risk',
  params: {},
  check: ({ openNonConformities }, { indicator }) => {
    const open = openNonConformities.filter((nc) => nc.indicator === indicator);
    if (open.length === 0) return null;
    const grades = (['major', 'minor'] as const).flatMap((grade) => {
      const count = open.filter((nc) => nc.grade === grade).length;
      if (count === 0) return [];
      const [oneFr, manyFr] = GRADE_WORDS[grade].fr;
      return [{ fr: countFr(count, oneFr, manyFr), en: `${count} ${GRADE_WORDS[grade].en[0]}` }];
    });
    const next = earliest(open.map((nc) => nc.deadline));
    return {
      fr: `${countFr(open.length, 'non-conformité d’audit reste ouverte', 'non-conformités d’audit restent ouvertes')} (${grades.map((grade) => grade.fr).join(', ')}) ; prochaine échéance le ${frenchDate(next)}.`,
      en: `${countEn(open.length, 'audit non-conformity is', 'audit non-conformities are')} still open (${grades.map((grade) => grade.en).join(', ')}); next deadline ${englishDate(next)}.`,
    };
  },
});

export const majorNonConformityPastDeadline = defineRule({
  id: 'major_non_conformity_past_deadline',
  indicators: 'every',
  severity: 'missing',
  params: {},
  check: ({ openNonConformities, today }, { indicator }) => {
    const late = openNonConformities.filter(
      (nc) => nc.indicator === indicator && nc.grade === 'major' && nc.deadline < today,
    );
    if (late.length === 0) return null;
    const first = earliest(late.map((nc) => nc.deadline));
    return late.length === 1
      ? {
          fr: `Une non-conformité majeure n’est pas levée alors que son échéance du ${frenchDate(first)} est passée : le certificat peut être suspendu.`,
          en: `A major non-conformity is still open past its deadline of ${englishDate(first)}: the certificate may be suspended.`,
        }
      : {
          fr: `${late.length} non-conformités majeures ne sont pas levées alors que leur échéance est passée (la première le ${frenchDate(first)}) : le certificat peut être suspendu.`,
          en: `${late.length} major non-conformities are still open past their deadlines (the first on ${englishDate(first)}): the certificate may be suspended.`,
        };
  },
});

// 30 — stakeholders' views

export const stakeholderGroupNotSolicited = defineRule({
  id: 'stakeholder_group_not_solicited',
  indicators: [30],
  severity: 'at_risk',
  params: { groups: AUDIENCES, months: 12 },
  check: ({ stakeholders, today }, { params }) => {
    const since = addMonths(today, -params.months);
    const forgotten = params.groups.filter((group) => {
      const last = stakeholders.lastSolicitedOn[group];
      return last === null || last < since;
    });
    if (forgotten.length === 0) return null;
    return {
      fr: `Aucune sollicitation depuis ${params.months} mois auprès de : ${forgotten.map((group) => AUDIENCE_WORDS[group].fr).join(', ')}.`,
      en: `Not asked for their views in the last ${params.months} months: ${forgotten.map((group) => AUDIENCE_WORDS[group].en).join(', ')}.`,
    };
  },
});

export const lowResponseRate = defineRule({
  id: 'low_response_rate',
  indicators: [30],
  severity: 'at_risk',
  params: { below: 0.3 },
  check: ({ stakeholders }, { params }) => {
    const { asked, answeredByName } = stakeholders;
    if (asked === 0) return null;
    const rate = answeredByName / asked;
    if (rate >= params.below) return null;
    return {
      fr: `Taux de réponse de ${percentFr(rate)} sur la période (${countFr(answeredByName, 'réponse', 'réponses')} pour ${countFr(asked, 'personne sollicitée', 'personnes sollicitées')}), sous le seuil de ${percentFr(params.below)}.`,
      en: `Response rate of ${percentEn(rate)} over the period (${countEn(answeredByName, 'answer', 'answers')} from ${countEn(asked, 'person', 'people')} asked), under ${percentEn(params.below)}.`,
    };
  },
});

// 31 — difficulties, disruptions and complaints

export const complaintsPastDeadline = defineRule({
  id: 'complaints_past_deadline',
  indicators: [31],
  severity: 'at_risk',
  params: {},
  check: ({ complaints, today }) => {
    const late = complaints.register.filter((complaint) => isOverdue(complaint, complaints.settings, today));
    if (late.length === 0) return null;
    const references = someOf(late.map((complaint) => complaint.reference));
    return {
      fr: `${countFr(late.length, 'réclamation attend', 'réclamations attendent')} un accusé de réception ou une réponse au-delà du délai fixé : ${references}.`,
      en: `${countEn(late.length, 'complaint awaits', 'complaints await')} an acknowledgement or an answer past the deadline set: ${references}.`,
    };
  },
});

export const complaintAnsweredWithoutAcknowledgement = defineRule({
  id: 'complaint_answered_without_acknowledgement',
  indicators: [31],
  severity: 'at_risk',
  params: {},
  check: ({ complaints, period }) => {
    const unacknowledged = complaints.register.filter(
      (complaint) =>
        complaint.answeredOn !== null &&
        complaint.answeredOn >= period.from &&
        complaint.acknowledgedOn === null,
    );
    if (unacknowledged.length === 0) return null;
    const references = someOf(unacknowledged.map((complaint) => complaint.reference));
    return {
      fr: `${countFr(unacknowledged.length, 'réclamation a reçu', 'réclamations ont reçu')} une réponse sans accusé de réception enregistré : ${references}.`,
      en: `${countEn(unacknowledged.length, 'complaint was', 'complaints were')} answered with no acknowledgement recorded: ${references}.`,
    };
  },
});

export const incidentWithoutMeasure = defineRule({
  id: 'incident_without_measure',
  indicators: [31],
  severity: 'at_risk',
  params: { afterDays: 30 },
  check: ({ openIncidents, today }, { params }) => {
    const neglected = openIncidents.filter(
      (incident) => incident.measures === 0 && addCalendarDays(incident.occurredOn, params.afterDays) < today,
    );
    if (neglected.length === 0) return null;
    return {
      fr: `${countFr(neglected.length, 'difficulté ou aléa ouvert', 'difficultés ou aléas ouverts')} depuis plus de ${params.afterDays} jours sans mesure enregistrée.`,
      en: `${countEn(neglected.length, 'difficulty or disruption', 'difficulties or disruptions')} open for more than ${params.afterDays} days with no measure recorded.`,
    };
  },
});

// 32 — continuous improvement

export const noActionFromFeedback = defineRule({
  id: 'no_action_from_feedback',
  indicators: [32],
  severity: 'at_risk',
  params: {},
  check: ({ actions, stakeholders }) => {
    if (actions.fromFeedback > 0) return null;
    const { answers } = stakeholders;
    return answers > 0
      ? {
          fr: `${countFr(answers, 'appréciation reçue', 'appréciations reçues')} sur la période, mais aucune action d’amélioration n’en est issue.`,
          en: `${countEn(answers, 'feedback answer', 'feedback answers')} received over the period, but no improvement action arising from them.`,
        }
      : {
          fr: 'Aucune action d’amélioration issue des appréciations des parties prenantes sur la période.',
          en: 'No improvement action arising from stakeholders’ feedback over the period.',
        };
  },
});

/** Only once complaints were received: with none, there is nothing to improve from. */
export const noActionFromComplaints = defineRule({
  id: 'no_action_from_complaints',
  indicators: [32],
  severity: 'at_risk',
  params: {},
  check: ({ actions, complaints }) => {
    const received = complaints.receivedInPeriod;
    if (received === 0 || actions.fromComplaints > 0) return null;
    return {
      fr: `${countFr(received, 'réclamation reçue', 'réclamations reçues')} sur la période, mais aucune action d’amélioration n’en est issue.`,
      en: `${countEn(received, 'complaint', 'complaints')} received over the period, but no improvement action arising from them.`,
    };
  },
});

export const effectivenessNotChecked = defineRule({
  id: 'effectiveness_not_checked',
  indicators: [32],
  severity: 'at_risk',
  params: { afterDays: 30 },
  check: ({ actions, today }, { params }) => {
    const waiting = actions.awaitingCheck.filter(
      (action) => addCalendarDays(action.doneOn, params.afterDays) < today,
    ).length;
    const closed = actions.closedWithoutCheck;
    if (waiting === 0 && closed === 0) return null;
    const fr = [
      ...(waiting > 0
        ? [
            waiting === 1
              ? `1 action réalisée depuis plus de ${params.afterDays} jours attend la vérification de son efficacité`
              : `${waiting} actions réalisées depuis plus de ${params.afterDays} jours attendent la vérification de leur efficacité`,
          ]
        : []),
      ...(closed > 0
        ? [
            countFr(
              closed,
              'action close sans vérification d’efficacité',
              'actions closes sans vérification d’efficacité',
            ),
          ]
        : []),
    ];
    const en = [
      ...(waiting > 0
        ? [
            `${countEn(waiting, 'action', 'actions')} done more than ${params.afterDays} days ago ${waiting === 1 ? 'awaits its' : 'await their'} effectiveness check`,
          ]
        : []),
      ...(closed > 0 ? [`${countEn(closed, 'action', 'actions')} closed with no effectiveness check`] : []),
    ];
    return { fr: `${fr.join(' ; ')}.`, en: `${en.join('; ')}.` };
  },
});

// 23, 24, 25 — watch

export const watchNotesNotExploited = defineRule({
  id: 'watch_notes_not_exploited',
  indicators: [23, 24, 25],
  severity: 'at_risk',
  params: {},
  check: ({ watch, today }, { indicator }) => {
    const delay = watch.exploitWithinDays;
    const late = watch.notes.filter(
      (note) =>
        note.indicators.includes(indicator) && notExploited(note.recordedOn, note.analysedOn, delay, today),
    );
    if (late.length === 0) return null;
    return {
      fr: `${countFr(late.length, 'note de veille non exploitée', 'notes de veille non exploitées')} au-delà du délai de ${delay} jours.`,
      en: `${countEn(late.length, 'watch note', 'watch notes')} not analysed within the ${delay}-day delay.`,
    };
  },
});

export const noWatchNote = defineRule({
  id: 'no_watch_note',
  indicators: [23, 24, 25],
  severity: 'missing',
  params: {},
  check: ({ watch, period }, { indicator }) =>
    watch.notes.some(
      (note) =>
        note.indicators.includes(indicator) && note.recordedOn >= period.from && note.recordedOn <= period.to,
    )
      ? null
      : {
          fr: 'Aucune note de veille enregistrée sur la période pour cet indicateur.',
          en: 'No watch note recorded over the period for this indicator.',
        },
});

export const watchNotesNotPassedOn = defineRule({
  id: 'watch_notes_not_passed_on',
  indicators: [23],
  severity: 'at_risk',
  params: {},
  check: ({ watch }, { indicator }) => {
    const silent = watch.notes.filter(
      (note) => note.indicators.includes(indicator) && note.communicationMissing,
    );
    if (silent.length === 0) return null;
    return {
      fr: `${countFr(silent.length, 'note de veille analysée n’a pas été communiquée', 'notes de veille analysées n’ont pas été communiquées')} à l’équipe.`,
      en: `${countEn(silent.length, 'analysed watch note was', 'analysed watch notes were')} not passed on to the team.`,
    };
  },
});

// 26 — disability network

export const noDisabilityReferent = defineRule({
  id: 'no_disability_referent',
  indicators: [26],
  severity: 'missing',
  params: {},
  check: ({ disabilityNetwork }) =>
    disabilityNetwork.hasReferent
      ? null
      : { fr: 'Aucun référent handicap désigné.', en: 'No disability referent named.' },
});

export const noDisabilityPartner = defineRule({
  id: 'no_disability_partner',
  indicators: [26],
  severity: 'missing',
  params: {},
  check: ({ disabilityNetwork }) =>
    disabilityNetwork.partners > 0
      ? null
      : {
          fr: 'Aucun partenaire dans le réseau handicap (Cap emploi, MDPH, Agefiph…).',
          en: 'No partner in the disability network (Cap emploi, MDPH, Agefiph…).',
        },
});

// 2 — published results

export const resultsNeverPublished = defineRule({
  id: 'results_never_published',
  indicators: [2],
  severity: 'missing',
  params: {},
  check: ({ publishedResults }) =>
    publishedResults.length > 0
      ? null
      : {
          fr: 'Aucun résultat publié : l’indicateur demande des résultats publics, datés et tenus à jour.',
          en: 'No results published: the indicator asks for public, dated results kept up to date.',
        },
});

export const resultsOutOfDate = defineRule({
  id: 'results_out_of_date',
  indicators: [2],
  severity: 'at_risk',
  params: { months: STALE_AFTER_MONTHS },
  check: ({ publishedResults, today }, { params }) => {
    const stale = publishedResults.filter((publishedOn) => addMonths(publishedOn, params.months) < today);
    if (stale.length === 0) return null;
    const oldest = earliest(stale);
    return {
      fr: `Des résultats publiés datent du ${frenchDate(oldest)}, il y a plus de ${params.months} mois.`,
      en: `Published results date from ${englishDate(oldest)}, more than ${params.months} months ago.`,
    };
  },
});

/** Every readiness rule, in the order their reasons are listed. */
export const READINESS_RULES: readonly ReadinessRule[] = [
  majorNonConformityPastDeadline,
  noEvidence,
  openNonConformity,
  resultsNeverPublished,
  resultsOutOfDate,
  noWatchNote,
  watchNotesNotExploited,
  watchNotesNotPassedOn,
  noDisabilityReferent,
  noDisabilityPartner,
  stakeholderGroupNotSolicited,
  lowResponseRate,
  complaintsPastDeadline,
  complaintAnsweredWithoutAcknowledgement,
  incidentWithoutMeasure,
  noActionFromFeedback,
  noActionFromComplaints,
  effectivenessNotChecked,
];
