import { useTranslation } from 'react-i18next';

const RATINGS = [1, 2, 3, 4, 5] as const;

/** “Votre satisfaction globale”, 1 to 5, as large radio buttons (one per row on a phone). */
export function RatingFieldset({
  value,
  error,
  onChange,
}: {
  value: number | null;
  error?: string;
  onChange: (rating: number) => void;
}) {
  const { t } = useTranslation();
  const labels = {
    1: t('feedback.rating1'),
    2: t('feedback.rating2'),
    3: t('feedback.rating3'),
    4: t('feedback.rating4'),
    5: t('feedback.rating5'),
  };
  return (
    <fieldset
      className={`rating${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? 'rating-error' : undefined}
    >
      <legend>{t('feedback.ratingLegend')}</legend>
      {error && (
        <p className="field-error" id="rating-error" role="alert">
          {error}
        </p>
      )}
      <div className="rating-options">
        {RATINGS.map((rating) => (
          <label key={rating} className="rating-option" htmlFor={`rating-${rating}`}>
            <input
              id={`rating-${rating}`}
              type="radio"
              name="rating"
              value={rating}
              required
              checked={value === rating}
              onChange={() => onChange(rating)}
            />
            <span>{labels[rating]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
