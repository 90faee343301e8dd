import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate, formatDateTime } from '../../format';
import { type ResultComment, type ResultsFilter, useComments } from './results';

const TITLE_LENGTH = 120;
/** A follow-up is named after the comment it comes from (cut to a title's length). */
const titleOf = (text: string) => (text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1)}…` : text);

/** Free comments, newest first, each with its review state and the two follow-ups it can start. */
export function CommentsList({ filter, canAct }: { filter: ResultsFilter; canAct: boolean }) {
  const { t } = useTranslation();
  const comments = useComments(filter, true);
  const [status, setStatus] = useState<string | null>(null);
  const list =
    comments.data?.pages.flatMap((page) => page.results.comments.edges.map((edge) => edge.node)) ?? [];
  return (
    <>
      <StatusMessage>{status}</StatusMessage>
      {comments.isPending && <Loading />}
      {comments.isError && <QueryError error={comments.error} onRetry={() => void comments.refetch()} />}
      {comments.data && list.length === 0 && <p>{t('results.noComments')}</p>}
      <ul className="card-list">
        {list.map((comment) => (
          <CommentCard key={comment.id} comment={comment} canAct={canAct} onStatus={setStatus} />
        ))}
      </ul>
      {comments.hasNextPage && (
        <button
          type="button"
          className="button button-secondary"
          disabled={comments.isFetchingNextPage}
          onClick={() => void comments.fetchNextPage()}
        >
          {t('results.more')}
        </button>
      )}
    </>
  );
}

function CommentCard({
  comment,
  canAct,
  onStatus,
}: {
  comment: ResultComment;
  canAct: boolean;
  onStatus(status: string): void;
}) {
  const { t, i18n } = useTranslation();
  const base = `/api/results/answers/${encodeURIComponent(comment.answerId)}`;
  const review = useMutation({
    mutationFn: () => command(`${base}/review`, {}),
    onSuccess: () => onStatus(t('results.markedReviewed')),
  });
  const followUp = useMutation({
    mutationFn: (kind: 'improvement_action' | 'incident') =>
      command(`${base}/follow-ups`, { kind, title: titleOf(comment.text) }),
    onSuccess: () => onStatus(t('results.followUpRecorded')),
  });
  const requested = new Set(comment.followUps.map((each) => each.kind));
  return (
    <li className={`card results-comment${comment.lowScore ? ' results-comment-low' : ''}`}>
      <blockquote className="results-comment-text">{comment.text}</blockquote>
      <p className="card-meta">
        <span>
          {t('results.commentMeta', {
            date: formatDate(comment.answeredOn, i18n.language),
            purpose: t(`results.purpose_${comment.purpose}`),
          })}
        </span>
        {comment.lowScore && <span className="badge badge-danger">{t('results.lowScore')}</span>}
        {comment.reviewedAt && (
          <span className="badge">
            {t('results.reviewedOn', { date: formatDateTime(comment.reviewedAt, i18n.language) })}
          </span>
        )}
      </p>
      {comment.followUps.length > 0 && (
        <ul className="results-follow-ups">
          {comment.followUps.map((each) => (
            <li key={each.id}>{t(`results.followUp_${each.kind}`, { title: each.title })}</li>
          ))}
        </ul>
      )}
      {canAct && (
        <div className="button-row">
          {!comment.reviewedAt && (
            <button
              type="button"
              className="button button-secondary"
              disabled={review.isPending}
              onClick={() => review.mutate()}
            >
              {t('results.markReviewed')}
            </button>
          )}
          {!requested.has('improvement_action') && (
            <button
              type="button"
              className="button button-secondary"
              disabled={followUp.isPending}
              onClick={() => followUp.mutate('improvement_action')}
            >
              {t('results.startImprovement')}
            </button>
          )}
          {!requested.has('incident') && (
            <button
              type="button"
              className="button button-secondary"
              disabled={followUp.isPending}
              onClick={() => followUp.mutate('incident')}
            >
              {t('results.declareIncident')}
            </button>
          )}
        </div>
      )}
      <ErrorAlert error={review.error ?? followUp.error} />
    </li>
  );
}
