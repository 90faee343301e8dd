import { JOURNEY_STEPS, type JourneyStep, OPTIONAL_STEPS } from '../../services/certification/events';
import type { CalendarDate } from '../../services/db/columns';
import type { MarkedSteps } from './tables';

/** Facts other read models show, which mark a step without anyone ticking it. */
export interface ObservedFacts {
  auditHeldOn: CalendarDate | null;
  certificateIssuedOn: CalendarDate | null;
  /** The day a mock audit (pre-audit) was completed since the journey started. */
  preAuditOn?: CalendarDate | null;
  /** The day the last applicable indicator got both an approach and a rating, since the journey started. */
  selfAssessedOn?: CalendarDate | null;
}

/**
 * The self-assessment is done once every applicable indicator has its approach written and a rating given: the
 * day of the latest of those (Paris), provided it falls on or after the journey's start (an older assessment
 * belongs to an earlier cycle). Null while an indicator is missing either.
 */
export const selfAssessmentCompletedOn = (
  applicable: readonly number[],
  assessments: ReadonlyMap<
    number,
    { approach: { written_at: Date } | null; rating: { rated_at: Date } | null }
  >,
  startedOn: CalendarDate,
  parisDay: (at: Date) => CalendarDate,
): CalendarDate | null => {
  if (applicable.length === 0) return null;
  let latest = 0;
  for (const indicator of applicable) {
    const assessment = assessments.get(indicator);
    if (!assessment?.approach || !assessment.rating) return null;
    latest = Math.max(latest, assessment.approach.written_at.getTime(), assessment.rating.rated_at.getTime());
  }
  const day = parisDay(new Date(latest));
  return day >= startedOn ? day : null;
};

/** A step as the checklist shows it: `observed` when not ticked but a recorded fact shows it done. */
export interface StepView {
  step: JourneyStep;
  optional: boolean;
  state: 'todo' | 'done' | 'skipped' | 'observed';
  on: CalendarDate | null;
}

/** The journey's steps, in order, from the marks and the facts observed elsewhere. */
export const journeySteps = (
  marks: MarkedSteps,
  facts: ObservedFacts & { certifierChosenOn: CalendarDate | null },
): StepView[] => {
  const observedOn: Partial<Record<JourneyStep, CalendarDate | null>> = {
    self_assessment_done: facts.selfAssessedOn ?? null,
    certifier_chosen: facts.certifierChosenOn,
    pre_audit: facts.preAuditOn ?? null,
    audit: facts.auditHeldOn,
    certificate_received: facts.certificateIssuedOn,
  };
  return JOURNEY_STEPS.map((step) => {
    const optional = OPTIONAL_STEPS.includes(step);
    const mark = marks[step];
    if (mark && mark.state !== 'todo') return { step, optional, state: mark.state, on: mark.on };
    const observed = observedOn[step];
    if (observed) return { step, optional, state: 'observed', on: observed };
    return { step, optional, state: 'todo', on: null };
  });
};

/** The checklist is done when no step is left to do. */
export const journeyComplete = (steps: readonly StepView[]) => steps.every((step) => step.state !== 'todo');
