import { useMutation } from '@tanstack/react-query';
import { fetchGraphQL } from '../../data/fetchGraphQL';
import { graphql, type ResultOf } from '../../data/graphql';

const PublicationDraftQuery = graphql(`
  query PublicationDraft($from: Date!, $to: Date!, $trainingActionId: ID) {
    publicationDraft(from: $from, to: $to, trainingActionId: $trainingActionId) {
      periodFrom periodTo trainingActionTitle
      respondents trainees responseRate ratedRespondents satisfactionAverage satisfiedShare
    }
  }
`);

export type PublicationDraftView = ResultOf<typeof PublicationDraftQuery>['publicationDraft'];

/** Reads the figures the questionnaires give for a period (and an action), on demand; a read, not a command. */
export function usePublicationDraft() {
  return useMutation({
    mutationFn: (variables: { from: string; to: string; trainingActionId: string | null }) =>
      fetchGraphQL(PublicationDraftQuery, variables).then((data) => data.publicationDraft),
    meta: { refreshesReads: false },
  });
}

/** A figure as the form holds it: text, with a French decimal comma when the page is in French. */
const asText = (value: number | null, language: string) =>
  value === null ? '' : language.startsWith('fr') ? String(value).replace('.', ',') : String(value);

/**
 * The form's figures from a draft. The trainees stay blank when unknown, or when fewer people were asked by name
 * than answered (shared links): then the asked count is not the number of trainees.
 */
export const prefilledFigures = (draft: PublicationDraftView, language: string) => {
  const traineesKnown = draft.trainees !== null && draft.trainees >= draft.respondents;
  return {
    trainees: traineesKnown ? asText(draft.trainees, language) : '',
    respondents: asText(draft.respondents, language),
    satisfactionAverage: asText(draft.satisfactionAverage, language),
    satisfiedShare: asText(draft.satisfiedShare, language),
  };
};
