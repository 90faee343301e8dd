import type { Decider } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import type { EvidenceLinkTarget, SelfAssessmentEvent, SelfRating } from './events';

/** The most evidence one indicator's self-assessment links. */
export const MAX_LINKS = 200;

interface OnIndicator {
  indicator: number;
  /** The indicators that apply to the organisation today: it assesses itself on those only. */
  applicable: readonly number[];
  by: string;
}

export type SelfAssessmentCommand =
  | ({ type: 'WriteApproach'; text: string } & OnIndicator)
  | ({ type: 'LinkEvidence'; target: EvidenceLinkTarget } & OnIndicator)
  | ({ type: 'UnlinkEvidence'; target: EvidenceLinkTarget } & OnIndicator)
  | ({ type: 'RateSelf'; rating: SelfRating; note: string | null } & OnIndicator);

export interface SelfAssessmentState {
  /** The current approach's version; 0 before any. */
  version: number;
  text: string | null;
  /** The linked evidence, as `kind:id`. */
  links: ReadonlySet<string>;
  rating: { rating: SelfRating; note: string | null } | null;
}

const keyOf = (target: EvidenceLinkTarget) => `${target.kind}:${target.id}`;

const checkApplicable = (command: OnIndicator) => {
  if (!command.applicable.includes(command.indicator)) {
    throw badRequest('indicator_not_applicable', 'This indicator does not apply to the organisation', {
      indicator: command.indicator,
    });
  }
};

/**
 * One organisation's self-assessment of one indicator: its approach in versions (each the whole text), the
 * evidence it links, and its rating with a note. Saying again what is already said changes nothing.
 */
export const selfAssessmentDecider: Decider<SelfAssessmentState, SelfAssessmentCommand, SelfAssessmentEvent> =
  {
    initialState: { version: 0, text: null, links: new Set(), rating: null },

    evolve(state, event) {
      switch (event.type) {
        case 'ApproachWritten':
          return { ...state, version: event.data.version, text: event.data.text };
        case 'SelfAssessmentEvidenceLinked':
          return { ...state, links: new Set([...state.links, keyOf(event.data.target)]) };
        case 'SelfAssessmentEvidenceUnlinked': {
          const links = new Set(state.links);
          links.delete(keyOf(event.data.target));
          return { ...state, links };
        }
        case 'SelfRated':
          return { ...state, rating: { rating: event.data.rating, note: event.data.note } };
      }
    },

    decide(command, state) {
      checkApplicable(command);
      const { indicator } = command;
      switch (command.type) {
        case 'WriteApproach': {
          if (command.text === state.text) return [];
          return [
            {
              type: 'ApproachWritten',
              data: { indicator, version: state.version + 1, text: command.text, writtenBy: command.by },
            },
          ];
        }
        case 'LinkEvidence': {
          if (state.links.has(keyOf(command.target))) return [];
          if (state.links.size >= MAX_LINKS) {
            throw badRequest('too_many_links', `An indicator links at most ${MAX_LINKS} pieces of evidence`, {
              max: MAX_LINKS,
            });
          }
          return [
            {
              type: 'SelfAssessmentEvidenceLinked',
              data: { indicator, target: command.target, linkedBy: command.by },
            },
          ];
        }
        case 'UnlinkEvidence': {
          if (!state.links.has(keyOf(command.target))) {
            throw notFound('evidence_link_not_found', 'This evidence is not linked to the indicator');
          }
          return [
            {
              type: 'SelfAssessmentEvidenceUnlinked',
              data: { indicator, target: command.target, unlinkedBy: command.by },
            },
          ];
        }
        case 'RateSelf': {
          const { rating, note } = command;
          if (state.rating && state.rating.rating === rating && state.rating.note === note) return [];
          return [{ type: 'SelfRated', data: { indicator, rating, note, ratedBy: command.by } }];
        }
      }
    },
  };
