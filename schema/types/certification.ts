import {
  certificationSettings,
  currentJourney,
  journeyQuotes,
  observedFacts,
  planningProfile,
} from '../../projections/certification/queries';
import type { CertificationJourneyRow, CertificationQuoteRow } from '../../projections/certification/tables';
import {
  journeyComplete,
  journeySteps,
  type StepView,
  selfAssessmentCompletedOn,
} from '../../projections/certification/view';
import { selfAssessmentsAt } from '../../projections/self-assessment/queries';
import { binderReferential } from '../../services/binder/source';
import {
  DURATION_AUDIT_KINDS,
  type DurationAuditKind,
  type DurationEstimate,
  type DurationLine,
  estimateAuditDuration,
  frenchDuration,
  TURNOVER_BANDS,
  type TurnoverBand,
} from '../../services/certification/duration';
import { JOURNEY_STEPS, STEP_STATES } from '../../services/certification/events';
import {
  type EligibilityCondition,
  JOURNEY_KINDS,
  type JourneyKind,
  type QualityLabel,
  REDUCED_AUDIT,
  reducedAuditEligibility,
} from '../../services/certification/reduced-audit';
import { parisDate } from '../../services/kernel/paris-time';
import type { ActionCategory } from '../../services/referential';
import { builder, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { ActionCategoryEnum } from './training';

const JourneyKindEnum = builder.enumType('CertificationJourneyKind', { values: JOURNEY_KINDS });
const JourneyStepEnum = builder.enumType('CertificationJourneyStep', { values: JOURNEY_STEPS });
const StepStateEnum = builder.enumType('CertificationStepState', {
  values: [...STEP_STATES, 'observed'] as const,
  description: '`observed`: not ticked, but a recorded fact shows it (an audit held, a certificate issued)',
});
const TurnoverBandEnum = builder.enumType('TurnoverBand', { values: TURNOVER_BANDS });
const DurationAuditKindEnum = builder.enumType('DurationAuditKind', { values: DURATION_AUDIT_KINDS });

const StepRef = builder.objectRef<StepView>('CertificationJourneyStepView').implement({
  fields: (t) => ({
    step: t.field({ type: JourneyStepEnum, resolve: (view) => view.step }),
    optional: t.exposeBoolean('optional'),
    state: t.field({ type: StepStateEnum, resolve: (view) => view.state }),
    on: t.field({ type: 'Date', nullable: true, resolve: (view) => view.on }),
  }),
});

const LineRef = builder.objectRef<DurationLine>('AuditDurationLine').implement({
  fields: (t) => ({ label: t.exposeString('label'), halfDays: t.exposeInt('halfDays') }),
});

const EstimateRef = builder.objectRef<DurationEstimate>('AuditDurationEstimate').implement({
  description: 'The audit duration the grid gives, with the lines that make it up',
  fields: (t) => ({
    halfDays: t.exposeInt('halfDays'),
    text: t.string({
      description: 'The duration in French',
      resolve: (estimate) => frenchDuration(estimate.halfDays),
    }),
    lines: t.field({ type: [LineRef], resolve: (estimate) => estimate.lines }),
    source: t.exposeString('source'),
  }),
});

const ConditionRef = builder.objectRef<EligibilityCondition>('ReducedAuditCondition').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    label: t.exposeString('label'),
    met: t.exposeBoolean('met'),
  }),
});

interface ReducedAudit {
  eligible: boolean;
  chosen: boolean;
  conditions: EligibilityCondition[];
}

const ReducedAuditRef = builder.objectRef<ReducedAudit>('ReducedAudit').implement({
  fields: (t) => ({
    eligible: t.exposeBoolean('eligible'),
    chosen: t.exposeBoolean('chosen'),
    conditions: t.field({ type: [ConditionRef], resolve: (reduced) => reduced.conditions }),
    indicators: t.intList({
      description: 'The common indicators a reduced audit checks (and the specific ones that apply)',
      resolve: () => [...REDUCED_AUDIT.commonIndicators],
    }),
  }),
});

const LabelRef = builder.objectRef<QualityLabel>('QualityLabel').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    heldSince: t.field({ type: 'Date', resolve: (label) => label.heldSince }),
  }),
});

interface Planning {
  organisationId: string;
  revision: number;
  turnoverBand: TurnoverBand | null;
  label: QualityLabel | null;
  categories: ActionCategory[];
  sites: number;
  newEntrant: boolean;
  journey: CertificationJourneyRow | null;
}

const planningOf = async (context: GraphQLContext, organisationId: string): Promise<Planning> => {
  const [settings, profile, journey] = await Promise.all([
    certificationSettings(context.db, organisationId),
    planningProfile(context.db, organisationId),
    currentJourney(context.db, organisationId),
  ]);
  return {
    organisationId,
    revision: settings ? Number(settings.revision) : -1,
    turnoverBand: settings?.turnover_band ?? null,
    label:
      settings?.label_name && settings.label_held_since
        ? { name: settings.label_name, heldSince: settings.label_held_since }
        : null,
    ...profile,
    journey: journey ?? null,
  };
};

/** What the estimate still needs: a turnover band, a category of action. */
const missingOf = (planning: Planning) => [
  ...(planning.turnoverBand ? [] : ['turnover_band']),
  ...(planning.categories.length > 0 ? [] : ['categories']),
];

const PlanningRef = builder.objectRef<Planning>('CertificationPlanning').implement({
  description: 'Audit planning: the duration the grid gives, the label and the reduced-audit option',
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: 'Send it as If-Match; -1 while nothing was recorded' }),
    turnoverBand: t.field({
      type: TurnoverBandEnum,
      nullable: true,
      resolve: (planning) => planning.turnoverBand,
    }),
    label: t.field({ type: LabelRef, nullable: true, resolve: (planning) => planning.label }),
    categories: t.field({
      type: [ActionCategoryEnum],
      description: 'From the organisation profile',
      resolve: (planning) => planning.categories,
    }),
    sites: t.exposeInt('sites', { description: 'Open sites of the profile, at least the central one' }),
    newEntrant: t.exposeBoolean('newEntrant'),
    missing: t.stringList({
      description: 'What the estimate still needs: turnover_band, categories',
      resolve: missingOf,
    }),
    estimate: t.field({
      type: EstimateRef,
      nullable: true,
      description:
        'Null while something is missing; the audit defaults to the journey’s kind (initial without one)',
      args: { auditKind: t.arg({ type: DurationAuditKindEnum, required: false }) },
      resolve: (planning, args) => {
        if (missingOf(planning).length > 0 || !planning.turnoverBand) return null;
        const auditKind: DurationAuditKind = args.auditKind ?? planning.journey?.kind ?? 'initial';
        return estimateAuditDuration({
          turnoverBand: planning.turnoverBand,
          categories: planning.categories,
          sites: planning.sites,
          auditKind,
          newEntrant: planning.newEntrant,
        });
      },
    }),
    reducedAudit: t.field({
      type: ReducedAuditRef,
      resolve: (planning) => ({
        ...reducedAuditEligibility({
          journeyKind: (planning.journey?.kind as JourneyKind | undefined) ?? null,
          label: planning.label,
        }),
        chosen: planning.journey?.reduced ?? false,
      }),
    }),
  }),
});

const QuoteRef = builder.objectRef<CertificationQuoteRow>('CertifierQuote').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    certifier: t.exposeString('certifier'),
    initialAuditCents: t.int({ resolve: (row) => Number(row.initial_audit_cents) }),
    yearlyFollowUpCents: t.int({ resolve: (row) => Number(row.yearly_follow_up_cents) }),
    receivedOn: t.field({ type: 'Date', resolve: (row) => row.received_on }),
  }),
});

const CertifierRef = builder
  .objectRef<{ name: string; accreditationRef: string | null; chosenOn: string }>('ChosenCertifier')
  .implement({
    fields: (t) => ({
      name: t.exposeString('name'),
      accreditationRef: t.exposeString('accreditationRef', { nullable: true }),
      chosenOn: t.field({ type: 'Date', resolve: (certifier) => certifier.chosenOn }),
    }),
  });

/** When the self-assessment slice shows every applicable indicator assessed since the journey started. */
const selfAssessedOn = async (context: GraphQLContext, row: CertificationJourneyRow) => {
  const [{ applicable }, assessments] = await Promise.all([
    binderReferential(context.db, row.organisation_id, parisDate(context.clock.now())),
    selfAssessmentsAt(context.db, row.organisation_id, null),
  ]);
  return selfAssessmentCompletedOn(applicable, assessments, row.started_on, parisDate);
};

const stepsOf = async (context: GraphQLContext, row: CertificationJourneyRow) =>
  journeySteps(row.steps, {
    ...(await observedFacts(context.db, row.organisation_id, row)),
    selfAssessedOn: await selfAssessedOn(context, row),
    certifierChosenOn: row.certifier_chosen_on,
  });

const JourneyRef = builder.objectRef<CertificationJourneyRow>('CertificationJourney').implement({
  description: 'The organisation’s way to its certificate (initial or renewal): a guided checklist',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: JourneyKindEnum, resolve: (row) => row.kind }),
    startedOn: t.field({ type: 'Date', resolve: (row) => row.started_on }),
    steps: t.field({ type: [StepRef], resolve: (row, _args, context) => stepsOf(context, row) }),
    complete: t.boolean({
      description: 'No step left to do (done, skipped or observed)',
      resolve: async (row, _args, context) => journeyComplete(await stepsOf(context, row)),
    }),
    certifier: t.field({
      type: CertifierRef,
      nullable: true,
      resolve: (row) =>
        row.certifier_name && row.certifier_chosen_on
          ? {
              name: row.certifier_name,
              accreditationRef: row.accreditation_ref,
              chosenOn: row.certifier_chosen_on,
            }
          : null,
    }),
    quotes: t.field({
      type: [QuoteRef],
      resolve: (row, _args, context) => journeyQuotes(context.db, row.organisation_id, row.id),
    }),
    planning: t.field({
      type: PlanningRef,
      resolve: (row, _args, context) => planningOf(context, row.organisation_id),
    }),
  }),
});

builder.queryField('certificationJourney', (t) =>
  t.field({
    type: JourneyRef,
    nullable: true,
    description: 'The current certification journey (the latest started), or null before the first',
    authScopes: { member: true },
    resolve: async (_root, _args, context) =>
      (await currentJourney(context.db, organisationOf(context))) ?? null,
  }),
);

builder.queryField('certificationPlanning', (t) =>
  t.field({
    type: PlanningRef,
    description: 'Audit planning, available before a journey starts',
    authScopes: { member: true },
    resolve: (_root, _args, context) => planningOf(context, organisationOf(context)),
  }),
);
