import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { Audience } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatNumber, formatPercent } from '../../format';
import { CommentsList } from './CommentsList';
import { QuestionCard } from './QuestionCard';
import { type Results, type ResultsFilter, useResults } from './results';
import { TrendChart } from './TrendChart';

const AUDIENCES: readonly Audience[] = ['learner', 'funder', 'trainer', 'company'];
const EMPTY = { from: '', to: '', audience: '', campaignId: '', site: '' };
type Draft = typeof EMPTY;

/** The filter a draft of the form names: empty fields narrow nothing. */
const filterOf = (draft: Draft): ResultsFilter => ({
  from: draft.from || null,
  to: draft.to || null,
  audience: (draft.audience || null) as Audience | null,
  campaignId: draft.campaignId || null,
  site: draft.site.trim() || null,
});

const exportUrl = (format: 'csv' | 'xlsx', draft: Draft) => {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(draft)) if (value.trim()) params.set(name, value.trim());
  return `/api/results/export?${params}`;
};

/** `/results`: figures per question for a filter, the monthly trend, comments to review, export. */
export function ResultsPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<Draft>(EMPTY);
  const filter = filterOf(applied);
  const results = useResults(filter);
  const viewer = useViewer();
  const manager = viewer.data?.role === 'admin' || viewer.data?.role === 'quality_manager';
  const data = results.data;

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setApplied(draft);
  };
  const field = (name: keyof Draft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <>
      <PageTitle page={t('results.title')} />
      <h1>{t('results.title')}</h1>
      <p>{t('results.intro')}</p>

      <section aria-labelledby="results-filters">
        <h2 id="results-filters">{t('results.filtersTitle')}</h2>
        <form className="form results-filters" onSubmit={onFilter}>
          <TextField id="results-from" type="date" label={t('results.from')} {...field('from')} />
          <TextField id="results-to" type="date" label={t('results.to')} {...field('to')} />
          <SelectField id="results-audience" label={t('results.audience')} {...field('audience')}>
            <option value="">{t('results.allAudiences')}</option>
            {AUDIENCES.map((audience) => (
              <option key={audience} value={audience}>
                {t(`audiences.${audience}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="results-campaign" label={t('results.campaign')} {...field('campaignId')}>
            <option value="">{t('results.allCampaigns')}</option>
            {data?.campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.targetLabel}
              </option>
            ))}
          </SelectField>
          <TextField
            id="results-site"
            label={t('results.site')}
            hint={t('results.siteHint')}
            {...field('site')}
          />
          <div className="button-row">
            <SubmitButton pending={results.isFetching}>{t('results.apply')}</SubmitButton>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setDraft(EMPTY);
                setApplied(EMPTY);
              }}
            >
              {t('results.reset')}
            </button>
          </div>
        </form>
      </section>

      {results.isPending && <Loading />}
      {results.isError && <QueryError error={results.error} onRetry={() => void results.refetch()} />}
      {data && (
        <>
          <Figures results={data.results} />
          <PurposeSection
            id="results-satisfaction"
            title={t('results.satisfactionTitle')}
            results={data.results}
            purpose="satisfaction"
          />
          <PurposeSection
            id="results-learning"
            title={t('results.learningTitle')}
            results={data.results}
            purpose="learningAssessment"
          />
          <section aria-labelledby="results-trend">
            <h2 id="results-trend">{t('results.trendTitle')}</h2>
            {data.results.trend.length === 0 ? (
              <p>{t('results.trendEmpty')}</p>
            ) : (
              <TrendChart points={data.results.trend} />
            )}
          </section>
          <section aria-labelledby="results-comments">
            <h2 id="results-comments">{t('results.commentsTitle')}</h2>
            {data.results.canReadComments ? (
              <CommentsList filter={filter} canAct={manager} />
            ) : (
              <p>{t('results.commentsHidden')}</p>
            )}
          </section>
          <section aria-labelledby="results-export">
            <h2 id="results-export">{t('results.exportTitle')}</h2>
            <p>{t('results.exportHint')}</p>
            <p className="button-row">
              <a className="button button-secondary" href={exportUrl('csv', applied)} download>
                {t('results.exportCsv')}
              </a>
              <a className="button button-secondary" href={exportUrl('xlsx', applied)} download>
                {t('results.exportXlsx')}
              </a>
            </p>
          </section>
          {manager && <ThresholdForm threshold={data.results.threshold} />}
        </>
      )}
    </>
  );
}

function Figures({ results }: { results: Results }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section aria-labelledby="results-figures">
      <h2 id="results-figures">{t('results.figuresTitle')}</h2>
      <dl className="results-figures">
        <div className="card">
          <dt>{t('results.answers')}</dt>
          <dd className="results-figure">{formatNumber(results.answerCount, language)}</dd>
        </div>
        <div className="card">
          <dt>{t('results.responseRate')}</dt>
          <dd className="results-figure">
            {results.responseRate == null ? '—' : formatPercent(results.responseRate, language)}
          </dd>
          <dd>
            {results.responseRate == null
              ? t('results.noResponseRate')
              : t('results.responseRateDetail', {
                  answers: results.personalAnswerCount,
                  asked: results.askedCount,
                })}
          </dd>
        </div>
        <div className={`card${results.toReviewCount > 0 ? ' results-comment-low' : ''}`}>
          <dt>{t('results.toReview')}</dt>
          <dd className="results-figure">{formatNumber(results.toReviewCount, language)}</dd>
          <dd>
            {t('results.toReviewDetail', { count: results.lowScoreCount, toReview: results.toReviewCount })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function PurposeSection({
  id,
  title,
  results,
  purpose,
}: {
  id: string;
  title: string;
  results: Results;
  purpose: 'satisfaction' | 'learningAssessment';
}) {
  const { t } = useTranslation();
  const section = results[purpose];
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>{t('results.purposeAnswers', { count: section.answerCount })}</p>
      {section.questions.length === 0 ? (
        <p>{t('results.noQuestions')}</p>
      ) : (
        <ul className="card-list results-questions">
          {section.questions.map((question) => (
            <QuestionCard
              key={`${question.questionnaireId ?? 'legacy'}/${question.questionId}`}
              question={question}
              threshold={results.threshold}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ThresholdForm({ threshold }: { threshold: Results['threshold'] }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({
    ratingAtMost: String(threshold.ratingAtMost),
    npsAtMost: String(threshold.npsAtMost),
  });
  const [status, setStatus] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      command(
        '/api/results/threshold',
        { ratingAtMost: Number(values.ratingAtMost), npsAtMost: Number(values.npsAtMost) },
        { ifMatch: threshold.revision },
      ),
    onSuccess: () => setStatus(t('results.thresholdSaved')),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <section aria-labelledby="results-threshold">
      <h2 id="results-threshold">{t('results.thresholdTitle')}</h2>
      <p>{t('results.thresholdHint')}</p>
      {threshold.isDefault && <p>{t('results.thresholdDefault')}</p>}
      <form className="form" onSubmit={onSubmit}>
        <TextField
          id="results-rating-at-most"
          type="number"
          min={1}
          max={4}
          inputMode="numeric"
          label={t('results.ratingAtMost')}
          value={values.ratingAtMost}
          onChange={(event) => setValues({ ...values, ratingAtMost: event.target.value })}
        />
        <TextField
          id="results-nps-at-most"
          type="number"
          min={0}
          max={9}
          inputMode="numeric"
          label={t('results.npsAtMost')}
          value={values.npsAtMost}
          onChange={(event) => setValues({ ...values, npsAtMost: event.target.value })}
        />
        <ErrorAlert error={save.error} />
        <SubmitButton pending={save.isPending}>{t('results.thresholdSave')}</SubmitButton>
      </form>
      <StatusMessage>{status}</StatusMessage>
    </section>
  );
}
