import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { type EvidenceFilters, INDICATOR_COUNT } from '../data/evidence';
import { isOrdered } from '../validation';

const INDICATORS = Array.from({ length: INDICATOR_COUNT }, (_, index) => index + 1);

export function EvidenceFiltersForm({
  initial,
  onApply,
}: {
  initial: EvidenceFilters;
  onApply: (filters: EvidenceFilters) => void;
}) {
  const { t } = useTranslation();
  const [indicator, setIndicator] = useState(initial.indicator);
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [periodError, setPeriodError] = useState<string | undefined>();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isOrdered(from, to)) {
      setPeriodError(t('validation.periodInverted'));
      document.getElementById('evidence-to')?.focus();
      return;
    }
    setPeriodError(undefined);
    onApply({ indicator, from: from || null, to: to || null });
  };

  return (
    <form className="form panel filters" noValidate onSubmit={onSubmit} aria-labelledby="evidence-filters">
      <h2 id="evidence-filters" className="visually-hidden">
        {t('evidence.filtersTitle')}
      </h2>
      <SelectField
        id="evidence-indicator"
        label={t('evidence.indicator')}
        value={indicator}
        onChange={(event) => setIndicator(Number(event.target.value))}
      >
        {INDICATORS.map((number) => (
          <option key={number} value={number}>
            {t('evidence.indicatorOption', { number })}
          </option>
        ))}
      </SelectField>
      <fieldset className="fieldset-inline">
        <legend>{t('evidence.period')}</legend>
        <div className="field-row">
          <TextField
            id="evidence-from"
            label={t('evidence.from')}
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => setFrom(event.target.value)}
          />
          <TextField
            id="evidence-to"
            label={t('evidence.to')}
            type="date"
            value={to}
            min={from || undefined}
            error={periodError}
            onChange={(event) => setTo(event.target.value)}
          />
        </div>
      </fieldset>
      <button type="submit" className="button button-primary">
        {t('evidence.apply')}
      </button>
    </form>
  );
}
