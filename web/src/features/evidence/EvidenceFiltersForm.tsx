import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { enumValue } from '../../data/graphql';
import { isOrdered } from '../../validation';
import type { IndicatorInForce } from '../referential';
import { ACTION_CATEGORIES } from '../training';
import { type EvidenceFilters, useEvidenceSites } from './evidence';

type Draft = {
  indicator: string;
  from: string;
  to: string;
  site: string;
  category: string;
  order: 'newest' | 'oldest';
};

const draftOf = (filters: EvidenceFilters): Draft => ({
  indicator: String(filters.indicator),
  from: filters.from ?? '',
  to: filters.to ?? '',
  site: filters.site ?? '',
  category: filters.category ?? '',
  order: filters.newestFirst ? 'newest' : 'oldest',
});

/**
 * The filters being edited; the applied ones are in the address. Applying an inverted period is allowed: the
 * page then shows its error instead of results. Errors come from the applied filters, so the form stays
 * mounted (and keeps the focus) while they change.
 */
export function EvidenceFiltersForm({
  applied,
  version,
  indicators,
  errors,
  onApply,
}: {
  applied: EvidenceFilters;
  version: string;
  indicators: readonly IndicatorInForce[];
  errors: { indicator?: string; period?: string };
  onApply: (filters: EvidenceFilters) => void;
}) {
  const { t, i18n } = useTranslation();
  const sites = useEvidenceSites();
  // A site no session holds any more (moved since the address was shared) stays choosable while applied.
  const siteOptions = [...new Set([...(sites.data ?? []), ...(applied.site ? [applied.site] : [])])].sort(
    (x, y) => x.localeCompare(y, 'fr'),
  );
  const [draft, setDraft] = useState(() => draftOf(applied));
  // Back and forward change the address: the draft follows it.
  const appliedKey = JSON.stringify(applied);
  const [draftFor, setDraftFor] = useState(appliedKey);
  if (draftFor !== appliedKey) {
    setDraftFor(appliedKey);
    setDraft(draftOf(applied));
  }
  const set = (field: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isOrdered(draft.from, draft.to)) document.getElementById('evidence-to')?.focus();
    onApply({
      indicator: Number(draft.indicator),
      from: draft.from || null,
      to: draft.to || null,
      site: draft.site || null,
      category: enumValue(ACTION_CATEGORIES, draft.category) ?? null,
      newestFirst: draft.order === 'newest',
    });
  };

  return (
    <form className="form panel filters" noValidate onSubmit={onSubmit} aria-labelledby="evidence-filters">
      <h2 id="evidence-filters" className="visually-hidden">
        {t('evidence.filtersTitle')}
      </h2>
      <SelectField
        id="evidence-indicator"
        label={t('evidence.indicator')}
        hint={t('evidence.indicatorHint', { version })}
        error={errors.indicator}
        value={draft.indicator}
        onChange={set('indicator')}
      >
        {errors.indicator && (
          <option value={applied.indicator}>
            {t('referential.indicator', { number: applied.indicator })}
          </option>
        )}
        {indicators.map((indicator) => (
          <option key={indicator.number} value={indicator.number}>
            {t('evidence.indicatorOption', {
              number: indicator.number,
              // The official wording is French; English readers get the server's English summary.
              title: i18n.language === 'en' ? indicator.summaryEn : indicator.title,
            })}
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
            value={draft.from}
            max={draft.to || undefined}
            onChange={set('from')}
          />
          <TextField
            id="evidence-to"
            label={t('evidence.to')}
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            error={errors.period}
            onChange={set('to')}
          />
        </div>
      </fieldset>
      <div className="field-row">
        <SelectField id="evidence-site" label={t('evidence.site')} value={draft.site} onChange={set('site')}>
          <option value="">{t('evidence.allSites')}</option>
          {siteOptions.map((site) => (
            <option key={site} value={site}>
              {site}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="evidence-category"
          label={t('evidence.category')}
          value={draft.category}
          onChange={set('category')}
        >
          <option value="">{t('evidence.allCategories')}</option>
          {ACTION_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        id="evidence-order"
        label={t('evidence.order')}
        value={draft.order}
        onChange={set('order')}
      >
        <option value="newest">{t('evidence.newestFirst')}</option>
        <option value="oldest">{t('evidence.oldestFirst')}</option>
      </SelectField>
      <button type="submit" className="button button-primary">
        {t('evidence.apply')}
      </button>
    </form>
  );
}
