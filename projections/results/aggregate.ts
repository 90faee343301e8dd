import type { QuestionKind, QuestionPurpose } from '../../services/questionnaire/events';
import type { LowScoreThreshold } from '../../services/results/events';

/** How many answers gave each value (a score, an option id, `yes`/`no`). */
export type Distribution = ReadonlyMap<string, number>;

/** Whether a closed answer is a low satisfaction score: only satisfaction ratings and NPS are flagged. */
export const isLowScore = (
  question: { kind: QuestionKind; purpose: QuestionPurpose },
  score: number | null,
  threshold: LowScoreThreshold,
): boolean => {
  if (score === null || question.purpose !== 'satisfaction') return false;
  if (question.kind === 'rating') return score <= threshold.ratingAtMost;
  if (question.kind === 'nps') return score <= threshold.npsAtMost;
  return false;
};

/** The number of answers a distribution counts. */
export const totalOf = (distribution: Distribution): number =>
  [...distribution.values()].reduce((sum, count) => sum + count, 0);

/** The mean of numeric values weighted by their counts, or null without any answer. */
export const averageOf = (distribution: Distribution): number | null => {
  const total = totalOf(distribution);
  if (total === 0) return null;
  let sum = 0;
  for (const [value, count] of distribution) sum += Number(value) * count;
  return sum / total;
};

export interface NpsFigures {
  /** 9 and 10. */
  promoters: number;
  /** 7 and 8. */
  passives: number;
  /** 0 to 6. */
  detractors: number;
  /** % promoters − % detractors, rounded to a whole number (−100 to 100); null without any answer. */
  score: number | null;
}

/** The Net Promoter Score of a distribution of 0–10 answers. */
export const npsOf = (distribution: Distribution): NpsFigures => {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [value, count] of distribution) {
    const score = Number(value);
    if (score >= 9) promoters += count;
    else if (score >= 7) passives += count;
    else detractors += count;
  }
  const total = promoters + passives + detractors;
  return {
    promoters,
    passives,
    detractors,
    score: total === 0 ? null : Math.round(((promoters - detractors) * 100) / total),
  };
};

/** Every value a question can take, in reading order, with its count (0 when nobody gave it). */
export const fullDistribution = (
  kind: Exclude<QuestionKind, 'free_text'>,
  counts: Distribution,
  optionIds: readonly string[],
): { value: string; count: number }[] => {
  const values =
    kind === 'rating'
      ? ['1', '2', '3', '4', '5']
      : kind === 'nps'
        ? Array.from({ length: 11 }, (_, score) => String(score))
        : kind === 'yes_no'
          ? ['yes', 'no']
          : [...optionIds, ...[...counts.keys()].filter((id) => !optionIds.includes(id))];
  return values.map((value) => ({ value, count: counts.get(value) ?? 0 }));
};

/** Answers ÷ people asked, or null when nobody was asked by name. */
export const responseRate = (answers: number, asked: number): number | null =>
  asked > 0 ? answers / asked : null;
