import { useTranslation } from 'react-i18next';
import { formatNumber, formatRating } from '../../format';
import type { QuestionResult } from './results';

const inLanguage = (text: { fr: string; en?: string | null }, language: string) =>
  language === 'en' && text.en ? text.en : text.fr;

/** One question's figures: its answers, average or NPS, and how the answers spread, as a table with bars. */
export function QuestionCard({
  question,
  threshold,
}: {
  question: QuestionResult;
  threshold: { ratingAtMost: number; npsAtMost: number };
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const total = Math.max(1, ...question.distribution.map((item) => item.count));
  const valueLabel = (item: QuestionResult['distribution'][number]) =>
    item.label
      ? inLanguage(item.label, language)
      : item.value === 'yes'
        ? t('results.yes')
        : item.value === 'no'
          ? t('results.no')
          : item.value;
  const lowUpTo =
    question.purpose !== 'satisfaction'
      ? -1
      : question.kind === 'rating'
        ? threshold.ratingAtMost
        : question.kind === 'nps'
          ? threshold.npsAtMost
          : -1;
  const isLow = (value: string) => /^\d+$/.test(value) && Number(value) <= lowUpTo;
  return (
    <li className="card results-question">
      <h4 className="card-title">{inLanguage(question.label, language)}</h4>
      <p className="card-meta">
        <span>
          {question.questionnaireId ? inLanguage(question.questionnaireTitle, language) : t('results.legacy')}
        </span>
        <span>
          {question.kind === 'free_text'
            ? t('results.freeTextCount', { count: question.answerCount })
            : t('results.questionAnswers', { count: question.answerCount })}
        </span>
      </p>
      {question.average != null && (
        <p className="results-average">
          {question.kind === 'rating'
            ? t('results.averageOutOf5', { value: formatRating(question.average, language) })
            : t('results.average', { value: formatRating(question.average, language) })}
        </p>
      )}
      {question.nps && question.nps.score != null && (
        <p className="results-average">
          {t('results.nps', {
            score: formatNumber(question.nps.score, language),
            promoters: question.nps.promoters,
            passives: question.nps.passives,
            detractors: question.nps.detractors,
          })}
        </p>
      )}
      {question.distribution.length > 0 && (
        <table className="results-distribution">
          <thead>
            <tr>
              <th scope="col">{t('results.value')}</th>
              <th scope="col">{t('results.count')}</th>
            </tr>
          </thead>
          <tbody>
            {question.distribution.map((item) => (
              <tr key={item.value} className={isLow(item.value) ? 'results-low' : undefined}>
                <th scope="row">{valueLabel(item)}</th>
                <td>
                  <span
                    className="results-bar"
                    style={{ width: `${(item.count / total) * 100}%` }}
                    aria-hidden="true"
                  />
                  <span className="results-count">{formatNumber(item.count, language)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
