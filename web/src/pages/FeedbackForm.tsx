import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { SubmitButton } from '../components/SubmitButton';
import { COMMENT_MAX_LENGTH, newSubmissionId } from '../data/publicFeedback';
import { fieldErrorsFrom, focusFirstError } from '../errorMessages';
import { CommentField } from './CommentField';
import { RatingFieldset } from './RatingFieldset';

const FIELDS = ['rating', 'comment'] as const;
type Field = (typeof FIELDS)[number];

interface FeedbackSubmission {
  submissionId: string;
  rating: number;
  comment: string;
}

/**
 * Rating and comment. The submission id is drawn once per page load, so sending again after a network error
 * cannot record the same appreciation twice.
 */
export function FeedbackForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const [submissionId] = useState(newSubmissionId);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);

  const submit = useMutation({
    mutationFn: (input: FeedbackSubmission) =>
      command(`/api/public/feedback/${encodeURIComponent(token)}`, input),
    onError: (error) => {
      const { fieldErrors, unmatched } = fieldErrorsFrom(error, FIELDS);
      setErrors(fieldErrors);
      setFormError(unmatched ? error : null);
      focusFirstError([
        { id: 'rating-1', hasError: Boolean(fieldErrors.rating) },
        { id: 'feedback-comment', hasError: Boolean(fieldErrors.comment) },
      ]);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submit.isPending) return;
    setFormError(null);
    const found: Partial<Record<Field, string>> = {};
    if (rating === null) found.rating = t('validation.ratingRequired');
    if (comment.length > COMMENT_MAX_LENGTH)
      found.comment = t('validation.commentTooLong', { max: COMMENT_MAX_LENGTH });
    setErrors(found);
    if (rating === null || found.comment) {
      focusFirstError([
        { id: 'rating-1', hasError: Boolean(found.rating) },
        { id: 'feedback-comment', hasError: Boolean(found.comment) },
      ]);
      return;
    }
    submit.mutate({ submissionId, rating, comment: comment.trim() });
  };

  return (
    <>
      <div role="status" className={submit.isSuccess ? 'alert alert-success thanks' : 'visually-hidden'}>
        {submit.isSuccess && (
          <>
            <p className="thanks-title">{t('feedback.thanks')}</p>
            <p>{t('feedback.thanksDetail')}</p>
          </>
        )}
      </div>
      {!submit.isSuccess && (
        <form className="form feedback-form" noValidate onSubmit={onSubmit}>
          <ErrorAlert error={formError} />
          <RatingFieldset value={rating} error={errors.rating} onChange={setRating} />
          <CommentField value={comment} error={errors.comment} onChange={setComment} />
          <SubmitButton pending={submit.isPending}>{t('feedback.submit')}</SubmitButton>
        </form>
      )}
    </>
  );
}
