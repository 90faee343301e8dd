import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import type { BinderDefaultsView } from './binders';

const FIELDS = ['from', 'to', 'asOf', 'indicators'] as const;

/**
 * Asks for a binder: a period (by default since the last audit), an optional "as of" day, the indicators (by
 * default all that apply). One idempotency key per form filled makes a resend the same request.
 */
export function BinderForm({
  defaults,
  onDone,
}: {
  defaults: BinderDefaultsView;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const today = parisToday();
  const [values, setValues] = useState(() => ({
    key: crypto.randomUUID(),
    from: defaults.from,
    to: defaults.to,
    asOf: '',
    indicators: new Set<number>(defaults.applicable),
  }));
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: object) =>
      command<{ id: string }>('/api/binder-exports', body, { idempotencyKey: values.key }),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'binder');

  const toggle = (indicator: number, checked: boolean) => {
    const indicators = new Set(values.indicators);
    if (checked) indicators.add(indicator);
    else indicators.delete(indicator);
    setValues({ ...values, indicators });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!values.from) found.from = t('validation.required');
    if (!values.to) found.to = t('validation.required');
    else if (values.to > today) found.to = t('binders.dateInFuture');
    if (values.from && values.to && values.from > values.to) found.from = t('binders.fromAfterTo');
    if (values.asOf && values.asOf > today) found.asOf = t('binders.dateInFuture');
    if (values.indicators.size === 0) found.indicators = t('binders.chooseIndicator');
    if (show(found)) return;
    const indicators = [...values.indicators].sort((a, b) => a - b);
    mutation.mutate(
      {
        from: values.from,
        to: values.to,
        ...(values.asOf ? { asOf: values.asOf } : {}),
        indicators,
      },
      {
        onSuccess: () => {
          setValues({ ...values, key: crypto.randomUUID() });
          onDone(t('binders.requested'));
        },
        onError: (error) => showServerError(error),
      },
    );
  };

  const indicatorsError = errors.indicators;
  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <div className="field-row">
        <TextField
          id="binder-from"
          label={t('binders.from')}
          hint={t('binders.fromHint')}
          type="date"
          required
          max={today}
          value={values.from}
          error={errors.from}
          onChange={(event) => setValues({ ...values, from: event.target.value })}
        />
        <TextField
          id="binder-to"
          label={t('binders.to')}
          type="date"
          required
          max={today}
          value={values.to}
          error={errors.to}
          onChange={(event) => setValues({ ...values, to: event.target.value })}
        />
      </div>
      <TextField
        id="binder-asOf"
        label={t('binders.asOf')}
        hint={t('binders.asOfHint')}
        type="date"
        max={today}
        value={values.asOf}
        error={errors.asOf}
        onChange={(event) => setValues({ ...values, asOf: event.target.value })}
      />
      <fieldset
        id="binder-indicators"
        tabIndex={-1}
        aria-describedby={
          indicatorsError ? 'binder-indicators-error binder-indicators-hint' : 'binder-indicators-hint'
        }
      >
        <legend>{t('binders.indicatorsLegend')}</legend>
        <p className="hint" id="binder-indicators-hint">
          {t('binders.indicatorsHint')}
        </p>
        {indicatorsError && (
          <p className="field-error" id="binder-indicators-error" role="alert">
            {indicatorsError}
          </p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => setValues({ ...values, indicators: new Set(defaults.applicable) })}
          >
            {t('binders.allIndicators')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setValues({ ...values, indicators: new Set() })}
          >
            {t('binders.noIndicators')}
          </button>
        </div>
        <ul className="checkbox-grid">
          {defaults.applicable.map((indicator) => (
            <li key={indicator}>
              <label>
                <input
                  type="checkbox"
                  checked={values.indicators.has(indicator)}
                  onChange={(event) => toggle(indicator, event.target.checked)}
                />{' '}
                {t('binders.indicator', { number: indicator })}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <SubmitButton pending={mutation.isPending}>{t('binders.produce')}</SubmitButton>
    </form>
  );
}
