import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from '../../components/SubmitButton';
import { fieldErrorsFrom, focusFirstError } from '../../errorMessages';
import { useRetryOnce } from '../../hooks/useRetryOnce';
import { isStorableText } from '../../validation';
import { CommentField } from './CommentField';
import { COMMENT_MAX_LENGTH, newSubmissionId, useSendFeedback } from './publicFeedback';
import { RatingFieldset } from './RatingFieldset';
import { SendFailure } from './SendFailure';

const FIELDS = ['rating', 'comment'] as const;
const SUBMIT_ID = 'feedback-submit';
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

const focusFirst = (errors: FieldErrors) =>
  focusFirstError([
    { id: 'rating-1', hasError: Boolean(errors.rating) },
    { id: 'feedback-comment', hasError: Boolean(errors.comment) },
  ]);

/**
 * Rating and comment. The submission id is drawn once per page load, so sending again after a failure cannot
 * record the same appreciation twice; and whatever fails, what the person chose and typed stays in the form.
 */
export function FeedbackForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const [submissionId] = useState(newSubmissionId);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sendError, setSendError] = useState<unknown>(null);

  const submit = useSendFeedback(token, (error) => {
    const { fieldErrors, unmatched } = fieldErrorsFrom(t, error, FIELDS);
    setErrors(fieldErrors);
    setSendError(unmatched ? error : null);
    focusFirst(fieldErrors);
    retry.schedule(error);
  });

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (rating === null) found.rating = t('validation.ratingRequired');
    if (comment.length > COMMENT_MAX_LENGTH)
      found.comment = t('validation.commentTooLong', { max: COMMENT_MAX_LENGTH });
    else if (!isStorableText(comment)) found.comment = t('validation.invalidCharacters');
    return found;
  };

  const send = () => {
    if (submit.pending) return;
    const found = validate();
    setErrors(found);
    // The failure notice goes away: focus on its "try again now" button moves to the send button, not to nowhere.
    if (document.activeElement?.closest('[role="alert"]')) document.getElementById(SUBMIT_ID)?.focus();
    setSendError(null);
    if (rating === null || Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    submit.send({ submissionId, rating, comment: comment.trim() });
  };
  const retry = useRetryOnce(send);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    retry.cancel();
    send();
  };

  const retrying = submit.pending && retry.fired;
  const statusClass = submit.sent ? 'alert alert-success thanks' : retrying ? 'muted' : 'visually-hidden';

  return (
    <>
      <div role="status" className={statusClass}>
        {submit.sent && (
          <>
            <p className="thanks-title">{t('feedback.thanks')}</p>
            <p>{t('feedback.thanksDetail')}</p>
          </>
        )}
        {retrying && t('feedback.retrying')}
      </div>
      {!submit.sent && (
        <form className="form feedback-form" noValidate onSubmit={onSubmit}>
          {sendError !== null && (
            <SendFailure
              error={sendError}
              waitingSeconds={retry.waitingSeconds}
              onRetryNow={() => {
                retry.cancel();
                send();
              }}
            />
          )}
          <RatingFieldset value={rating} error={errors.rating} onChange={setRating} />
          <CommentField value={comment} error={errors.comment} onChange={setComment} />
          <SubmitButton id={SUBMIT_ID} pending={submit.pending}>
            {t('feedback.submit')}
          </SubmitButton>
        </form>
      )}
    </>
  );
}
