import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { enumValue, enumValues, type SelfRating } from '../../data/graphql';
import { formatDate, formatDateTime } from '../../format';
import { FormattedText } from './FormattedText';
import { selfAssessmentMessages } from './messages';
import { type SelfAssessmentIndicatorView, useSelfAssessmentIndicator } from './selfAssessment';

const RATINGS = enumValues<SelfRating>(selfAssessmentMessages.fr.selfAssessmentRatings);

type Say = (message: string | null) => void;
interface Answer {
  revision: number;
  changed: boolean;
}

/** One command of this indicator's self-assessment; reloads the reads after it, and after a stale revision. */
function useIndicatorCommand(view: SelfAssessmentIndicatorView, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ifMatch }: { body: object; ifMatch?: number }) =>
      command<Answer>(
        `/api/self-assessment/${view.number}/${path}`,
        body,
        ifMatch === undefined ? {} : { ifMatch },
      ),
    onSettled: () => void queryClient.invalidateQueries(),
  });
}

function ApproachForm({ view, onDone }: { view: SelfAssessmentIndicatorView; onDone: Say }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(view.approach?.text ?? '');
  const [missing, setMissing] = useState<string | undefined>();
  const [stale, setStale] = useState<string | null>(null);
  const mutation = useIndicatorCommand(view, 'approach');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    if (!text.trim()) {
      setMissing(t('validation.required'));
      document.getElementById('self-assessment-approach')?.focus();
      return;
    }
    setMissing(undefined);
    setStale(null);
    mutation.mutate(
      { body: { text }, ifMatch: view.revision },
      {
        onSuccess: (answer) =>
          onDone(
            answer.changed
              ? t('selfAssessmentIndicator.approachSaved', { version: (view.approach?.version ?? 0) + 1 })
              : t('selfAssessmentIndicator.approachUnchanged'),
          ),
        onError: (error) => {
          if (isApiError(error) && error.code === 'revision_conflict')
            setStale(t('selfAssessmentIndicator.stale'));
        },
      },
    );
  };
  return (
    <section aria-labelledby="self-assessment-approach-title">
      <h2 id="self-assessment-approach-title">{t('selfAssessmentIndicator.approachTitle')}</h2>
      {view.approach ? (
        <>
          <FormattedText text={view.approach.text} />
          <p className="card-meta">
            {t('selfAssessmentIndicator.versionAt', {
              version: view.approach.version,
              date: formatDateTime(view.approach.writtenAt, i18n.language),
            })}
          </p>
        </>
      ) : (
        <p>{t('selfAssessmentIndicator.approachEmpty')}</p>
      )}
      {view.canManage && (
        <form noValidate className="panel" onSubmit={onSubmit}>
          <StatusMessage>{stale}</StatusMessage>
          <ErrorAlert error={stale ? null : mutation.error} />
          <TextAreaField
            id="self-assessment-approach"
            label={t('selfAssessmentIndicator.approachLabel')}
            hint={t('selfAssessmentIndicator.approachHint')}
            rows={10}
            maxLength={20000}
            value={text}
            error={missing}
            onChange={(event) => setText(event.target.value)}
          />
          <SubmitButton pending={mutation.isPending}>
            {t('selfAssessmentIndicator.saveApproach')}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}

function History({ view }: { view: SelfAssessmentIndicatorView }) {
  const { t, i18n } = useTranslation();
  if (view.approachHistory.length === 0) return null;
  return (
    <section aria-labelledby="self-assessment-history">
      <h2 id="self-assessment-history">{t('selfAssessmentIndicator.historyTitle')}</h2>
      <ol className="card-list">
        {view.approachHistory.map((version) => (
          <li key={version.version} className="card">
            <h3 className="card-title">
              {version.writtenByName
                ? t('selfAssessmentIndicator.versionBy', {
                    version: version.version,
                    date: formatDateTime(version.writtenAt, i18n.language),
                    name: version.writtenByName,
                  })
                : t('selfAssessmentIndicator.versionAt', {
                    version: version.version,
                    date: formatDateTime(version.writtenAt, i18n.language),
                  })}
            </h3>
            <FormattedText text={version.text} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Evidence({ view, onDone }: { view: SelfAssessmentIndicatorView; onDone: Say }) {
  const { t, i18n } = useTranslation();
  const [choice, setChoice] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const link = useIndicatorCommand(view, 'evidence');
  const unlink = useIndicatorCommand(view, 'evidence/unlink');
  const open = view.evidenceChoices.filter((item) => !item.linked);
  const documents = open.filter((item) => item.kind === 'document');
  const items = open.filter((item) => item.kind === 'evidence_item');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (link.isPending) return;
    const [kind, id] = choice.split(':');
    if (!kind || !id) {
      setMissing(t('validation.required'));
      document.getElementById('self-assessment-evidence-pick')?.focus();
      return;
    }
    setMissing(undefined);
    link.mutate(
      { body: { kind, id } },
      {
        onSuccess: () => {
          setChoice('');
          onDone(t('selfAssessmentIndicator.linked'));
        },
      },
    );
  };
  return (
    <section aria-labelledby="self-assessment-evidence">
      <h2 id="self-assessment-evidence">{t('selfAssessmentIndicator.evidenceTitle')}</h2>
      <ErrorAlert error={unlink.error} />
      {view.evidence.length === 0 ? (
        <p>{t('selfAssessmentIndicator.evidenceEmpty')}</p>
      ) : (
        <ul className="card-list">
          {view.evidence.map((item) => (
            <li key={`${item.kind}:${item.id}`} className="card">
              <p className="card-title">{item.title}</p>
              <p className="card-meta">
                {formatDate(item.on, i18n.language)} · {item.reference}
              </p>
              {view.canManage && (
                <button
                  type="button"
                  className="button-secondary"
                  disabled={unlink.isPending}
                  onClick={() =>
                    unlink.mutate(
                      { body: { kind: item.kind, id: item.id } },
                      { onSuccess: () => onDone(t('selfAssessmentIndicator.unlinked')) },
                    )
                  }
                >
                  {t('selfAssessmentIndicator.unlink', { title: item.title })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {view.canManage && (
        <form noValidate className="panel" onSubmit={onSubmit}>
          <ErrorAlert error={link.error} />
          <SelectField
            id="self-assessment-evidence-pick"
            label={t('selfAssessmentIndicator.pickLabel')}
            hint={t('selfAssessmentIndicator.pickHint')}
            value={choice}
            error={missing}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">{t('selfAssessmentIndicator.pickNone')}</option>
            {documents.length > 0 && (
              <optgroup label={t('selfAssessmentIndicator.documentsGroup')}>
                {documents.map((item) => (
                  <option key={item.id} value={`document:${item.id}`}>
                    {item.title}
                  </option>
                ))}
              </optgroup>
            )}
            {items.length > 0 && (
              <optgroup label={t('selfAssessmentIndicator.itemsGroup')}>
                {items.map((item) => (
                  <option key={item.id} value={`evidence_item:${item.id}`}>
                    {formatDate(item.on, i18n.language)} — {item.title}
                  </option>
                ))}
              </optgroup>
            )}
          </SelectField>
          <SubmitButton pending={link.isPending}>{t('selfAssessmentIndicator.link')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function Rating({ view, onDone }: { view: SelfAssessmentIndicatorView; onDone: Say }) {
  const { t, i18n } = useTranslation();
  const [rating, setRating] = useState<SelfRating>(view.rating ?? 'not_yet');
  const [note, setNote] = useState(view.ratingNote ?? '');
  const mutation = useIndicatorCommand(view, 'rating');
  return (
    <section aria-labelledby="self-assessment-rating">
      <h2 id="self-assessment-rating">{t('selfAssessmentIndicator.ratingTitle')}</h2>
      <p>
        <strong>
          {view.rating ? t(`selfAssessmentRatings.${view.rating}`) : t('selfAssessment.notRated')}
        </strong>
        {view.ratedAt &&
          ` — ${t('selfAssessmentIndicator.ratedOn', { date: formatDateTime(view.ratedAt, i18n.language) })}`}
      </p>
      {view.ratingNote && <p>{view.ratingNote}</p>}
      {view.canManage && (
        <form
          noValidate
          className="panel"
          onSubmit={(event) => {
            event.preventDefault();
            if (mutation.isPending) return;
            mutation.mutate(
              { body: { rating, note } },
              { onSuccess: () => onDone(t('selfAssessmentIndicator.rated')) },
            );
          }}
        >
          <ErrorAlert error={mutation.error} />
          <SelectField
            id="self-assessment-rating-value"
            label={t('selfAssessmentIndicator.ratingLabel')}
            value={rating}
            onChange={(event) => setRating(enumValue(RATINGS, event.target.value) ?? rating)}
          >
            {RATINGS.map((value) => (
              <option key={value} value={value}>
                {t(`selfAssessmentRatings.${value}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            id="self-assessment-rating-note"
            label={t('selfAssessmentIndicator.ratingNote')}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <SubmitButton pending={mutation.isPending}>{t('selfAssessmentIndicator.saveRating')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

export function SelfAssessmentIndicatorPage() {
  const { t } = useTranslation();
  const number = Number(useParams().number);
  const indicator = useSelfAssessmentIndicator(Number.isInteger(number) ? number : 0);
  const [status, setStatus] = useState<string | null>(null);
  const view = indicator.data;
  const title = t('selfAssessment.indicator', { number });
  return (
    <>
      <PageTitle page={title} />
      <p>
        <Link to="/self-assessment">{t('selfAssessmentIndicator.back')}</Link>
      </p>
      <h1>{title}</h1>
      <StatusMessage>{status}</StatusMessage>
      {indicator.isPending && <Loading />}
      {indicator.isError && <QueryError error={indicator.error} onRetry={() => void indicator.refetch()} />}
      {indicator.isSuccess && !view && <p>{t('selfAssessmentIndicator.notFound')}</p>}
      {view && (
        <>
          <p>
            <em>{view.wording}</em>
          </p>
          <ApproachForm key={`approach-${view.approach?.version ?? 0}`} view={view} onDone={setStatus} />
          <Evidence view={view} onDone={setStatus} />
          <Rating key={`rating-${view.ratedAt ?? ''}`} view={view} onDone={setStatus} />
          <History view={view} />
        </>
      )}
    </>
  );
}
