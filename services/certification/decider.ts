import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import type { TurnoverBand } from './duration';
import {
  type CertificationEvent,
  JOURNEY_STEPS,
  type JourneyStep,
  OPTIONAL_STEPS,
  type StepState,
} from './events';
import { type JourneyKind, type QualityLabel, reducedAuditEligibility } from './reduced-audit';

export type CertificationCommand =
  | { type: 'StartJourney'; journeyId: string; kind: JourneyKind; today: string }
  | {
      type: 'MarkStep';
      journeyId: string;
      step: JourneyStep;
      state: StepState;
      on: string | null;
      today: string;
    }
  | {
      type: 'ChooseCertifier';
      journeyId: string;
      name: string;
      accreditationRef: string | null;
      today: string;
    }
  | {
      type: 'RecordQuote';
      journeyId: string;
      quoteId: string;
      certifier: string;
      initialAuditCents: number;
      yearlyFollowUpCents: number;
      receivedOn: string;
      today: string;
    }
  | { type: 'ChooseReducedAudit'; journeyId: string; reduced: boolean }
  | { type: 'SetTurnoverBand'; band: TurnoverBand }
  | { type: 'DeclareQualityLabel'; label: QualityLabel | null; today: string };

export interface MarkedStep {
  state: StepState;
  on: string | null;
}

export interface JourneyState {
  journeyId: string;
  kind: JourneyKind;
  steps: Readonly<Record<JourneyStep, MarkedStep>>;
  certifier: { name: string; accreditationRef: string | null } | null;
  quoteIds: readonly string[];
  reduced: boolean;
}

export interface CertificationState {
  journey: JourneyState | null;
  turnoverBand: TurnoverBand | null;
  label: QualityLabel | null;
}

const todo: MarkedStep = { state: 'todo', on: null };
const freshSteps = () =>
  Object.fromEntries(JOURNEY_STEPS.map((step) => [step, todo])) as Record<JourneyStep, MarkedStep>;

/** A journey ends when its certificate is received; until then no other may start. */
export const journeyFinished = (journey: JourneyState) => journey.steps.certificate_received.state === 'done';

const current = (state: CertificationState, journeyId: string): JourneyState => {
  if (!state.journey || state.journey.journeyId !== journeyId) {
    throw notFound('journey_not_found', 'No such certification journey');
  }
  return state.journey;
};

const notAfterToday = (day: string, today: string, code: string, message: string) => {
  if (day > today) throw badRequest(code, message);
};

const withJourney = (state: CertificationState, change: (journey: JourneyState) => JourneyState) =>
  state.journey ? { ...state, journey: change(state.journey) } : state;

/** The organisation's way to its certificate: the journey's steps, the certifier and quotes, the audit options. */
export const certificationDecider: Decider<CertificationState, CertificationCommand, CertificationEvent> = {
  initialState: { journey: null, turnoverBand: null, label: null },
  evolve(state, event) {
    switch (event.type) {
      case 'CertificationJourneyStarted':
        return {
          ...state,
          journey: {
            journeyId: event.data.journeyId,
            kind: event.data.kind,
            steps: freshSteps(),
            certifier: null,
            quoteIds: [],
            reduced: false,
          },
        };
      case 'CertificationStepMarked':
        return withJourney(state, (journey) => ({
          ...journey,
          steps: { ...journey.steps, [event.data.step]: { state: event.data.state, on: event.data.on } },
        }));
      case 'CertifierChosen':
        return withJourney(state, (journey) => ({
          ...journey,
          certifier: { name: event.data.name, accreditationRef: event.data.accreditationRef },
        }));
      case 'CertifierQuoteRecorded':
        return withJourney(state, (journey) => ({
          ...journey,
          quoteIds: [...journey.quoteIds, event.data.quoteId],
        }));
      case 'ReducedAuditChosen':
        return withJourney(state, (journey) => ({ ...journey, reduced: event.data.reduced }));
      case 'TurnoverBandSet':
        return { ...state, turnoverBand: event.data.band };
      case 'QualityLabelDeclared':
        return { ...state, label: event.data.label };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'StartJourney': {
        if (state.journey?.journeyId === command.journeyId) return [];
        if (state.journey && !journeyFinished(state.journey)) {
          throw conflict('journey_in_progress', 'A certification journey is in progress: finish it first', {
            journeyId: state.journey.journeyId,
          });
        }
        return [
          {
            type: 'CertificationJourneyStarted',
            data: { journeyId: command.journeyId, kind: command.kind, startedOn: command.today },
          },
        ];
      }
      case 'MarkStep': {
        const journey = current(state, command.journeyId);
        if (command.state === 'done') {
          if (!command.on) throw badRequest('step_date_required', 'Give the day the step was done');
          notAfterToday(command.on, command.today, 'step_date_in_future', 'A step is marked done once done');
        } else if (command.on !== null) {
          throw badRequest('step_date_unexpected', 'Only a step done has a date');
        }
        if (command.state === 'skipped' && !OPTIONAL_STEPS.includes(command.step)) {
          throw badRequest('step_not_optional', 'Only the pre-audit and the action plan may be skipped');
        }
        const marked = { state: command.state, on: command.on };
        if (sameFacts(journey.steps[command.step], marked)) return [];
        return [
          {
            type: 'CertificationStepMarked',
            data: { journeyId: journey.journeyId, step: command.step, ...marked },
          },
        ];
      }
      case 'ChooseCertifier': {
        const journey = current(state, command.journeyId);
        const certifier = { name: command.name, accreditationRef: command.accreditationRef };
        if (journey.certifier && sameFacts(journey.certifier, certifier)) return [];
        return [
          {
            type: 'CertifierChosen',
            data: { journeyId: journey.journeyId, ...certifier, chosenOn: command.today },
          },
        ];
      }
      case 'RecordQuote': {
        const journey = current(state, command.journeyId);
        if (journey.quoteIds.includes(command.quoteId)) return [];
        for (const amount of [command.initialAuditCents, command.yearlyFollowUpCents]) {
          if (!Number.isSafeInteger(amount) || amount < 0) {
            throw badRequest('invalid_amount', 'Amounts are whole euro cents, zero or more');
          }
        }
        notAfterToday(
          command.receivedOn,
          command.today,
          'quote_date_in_future',
          'A quote is recorded once received',
        );
        const { type: _, today: __, ...data } = command;
        return [{ type: 'CertifierQuoteRecorded', data }];
      }
      case 'ChooseReducedAudit': {
        const journey = current(state, command.journeyId);
        if (journey.reduced === command.reduced) return [];
        if (command.reduced) {
          const eligibility = reducedAuditEligibility({ journeyKind: journey.kind, label: state.label });
          if (!eligibility.eligible) {
            throw conflict(
              'reduced_audit_not_eligible',
              'The organisation is not eligible for the reduced audit',
              {
                unmet: eligibility.conditions
                  .filter((condition) => !condition.met)
                  .map((condition) => condition.code),
              },
            );
          }
        }
        return [
          { type: 'ReducedAuditChosen', data: { journeyId: journey.journeyId, reduced: command.reduced } },
        ];
      }
      case 'SetTurnoverBand':
        if (state.turnoverBand === command.band) return [];
        return [{ type: 'TurnoverBandSet', data: { band: command.band } }];
      case 'DeclareQualityLabel': {
        if (command.label) {
          notAfterToday(
            command.label.heldSince,
            command.today,
            'label_date_in_future',
            'A label is declared once held',
          );
        }
        if (sameFacts(state.label, command.label)) return [];
        const events: CertificationEvent[] = [
          { type: 'QualityLabelDeclared', data: { label: command.label } },
        ];
        const journey = state.journey;
        // A reduced audit chosen on a label the organisation no longer declares is dropped with it.
        if (
          journey?.reduced &&
          !reducedAuditEligibility({ journeyKind: journey.kind, label: command.label }).eligible
        ) {
          events.push({ type: 'ReducedAuditChosen', data: { journeyId: journey.journeyId, reduced: false } });
        }
        return events;
      }
    }
  },
};
