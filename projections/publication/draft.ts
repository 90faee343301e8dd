import { sql } from 'kysely';
import type { Db } from '../../services/db/database';
import { answerCounts } from '../results/queries';
import type { ResultsTables } from '../results/tables';

/** A rating at or above this, out of 5, makes a respondent satisfied. */
export const SATISFIED_FROM = 4;

/** Figures to prefill a publication with, drawn from learners' answers to the questionnaires over a period. */
export interface PublicationDraft {
  /** Learners' answers received in the period (every channel). */
  respondents: number;
  /** Learners asked by name in the campaigns sent in the period; null when nobody was (shared links only). */
  trainees: number | null;
  /** Respondents ÷ trainees, % with one decimal, as the publication will compute it; null without trainees. */
  responseRate: number | null;
  /** Respondents who gave at least one satisfaction rating (1–5): the base of the two figures below. */
  ratedRespondents: number;
  /** The mean of every satisfaction rating (1–5), one decimal; null without any. */
  satisfactionAverage: number | null;
  /** Share of rated respondents whose own mean satisfaction rating is SATISFIED_FROM or more, %, one decimal. */
  satisfiedShare: number | null;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** As the publication computes it from the two counts (services/publication/decider.ts). */
const percentOf = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

/**
 * The draft for a period (Paris days, both included) and optionally one training action. Only learners count:
 * published results speak of trainees, not of funders, companies or trainers.
 */
export const publicationDraft = async (
  db: Db,
  organisationId: string,
  period: { from: string; to: string; trainingActionId: string | null },
): Promise<PublicationDraft> => {
  const filter = {
    from: period.from,
    to: period.to,
    trainingActionId: period.trainingActionId,
    audience: 'learner' as const,
  };
  const counts = await answerCounts(db, organisationId, filter);
  let perRespondent = db
    .withTables<ResultsTables>()
    .selectFrom('results_values as v')
    .select(['v.answer_id', sql<string>`avg(v.score)`.as('mean'), sql<string>`sum(v.score)`.as('sum')])
    .select((eb) => eb.fn.countAll<string>().as('ratings'))
    .where('v.organisation_id', '=', organisationId)
    .where('v.audience', '=', 'learner')
    .where('v.purpose', '=', 'satisfaction')
    .where('v.kind', '=', 'rating')
    .where('v.score', 'is not', null)
    .where('v.answered_on', '>=', period.from)
    .where('v.answered_on', '<=', period.to)
    .groupBy('v.answer_id');
  if (period.trainingActionId) {
    perRespondent = perRespondent.where('v.training_action_id', '=', period.trainingActionId);
  }
  const rows = await perRespondent.execute();
  let ratings = 0;
  let sum = 0;
  let satisfied = 0;
  for (const row of rows) {
    ratings += Number(row.ratings);
    sum += Number(row.sum);
    if (Number(row.mean) >= SATISFIED_FROM) satisfied += 1;
  }
  const trainees = counts.asked > 0 ? counts.asked : null;
  return {
    respondents: counts.answers,
    trainees,
    responseRate:
      trainees !== null && counts.answers <= trainees ? percentOf(counts.answers, trainees) : null,
    ratedRespondents: rows.length,
    satisfactionAverage: ratings > 0 ? oneDecimal(sum / ratings) : null,
    satisfiedShare: rows.length > 0 ? percentOf(satisfied, rows.length) : null,
  };
};
