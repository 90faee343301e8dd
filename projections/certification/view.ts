import { JOURNEY_STEPS, type JourneyStep, OPTIONAL_STEPS } from '../../services/certification/events';
import type { CalendarDate } from '../../services/db/columns';
import type { MarkedSteps } from './tables';

/** Facts other read models show, which mark a step without anyone ticking it. */
export interface ObservedFacts {
  auditHeldOn: CalendarDate | null;
  certificateIssuedOn: CalendarDate | null;
}

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
    certifier_chosen: facts.certifierChosenOn,
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
