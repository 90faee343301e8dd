import { describe, expect, it } from 'vitest';
import type { ActionCategory } from '../referential';
import { type DurationAuditKind, estimateAuditDuration, frenchDuration, type TurnoverBand } from './duration';

const T: ActionCategory = 'training';
const BC: ActionCategory = 'skills_assessment';
const VAE: ActionCategory = 'vae';
const CFA: ActionCategory = 'apprenticeship';

describe('the audit duration grid of the article, in half-days', () => {
  it.each<[string, TurnoverBand, ActionCategory[], number, DurationAuditKind, boolean, number]>([
    // rule, band, categories, sites, audit, new entrant, half-days
    ['under €150k: 1 day', 'under_150k', [T], 1, 'initial', false, 2],
    ['under €150k: categories add nothing', 'under_150k', [T, BC, VAE], 1, 'initial', false, 2],
    ['under €150k: + ½ day for apprenticeship', 'under_150k', [T, CFA], 1, 'initial', false, 3],
    ['under €150k: + ½ day per additional site', 'under_150k', [T], 3, 'initial', false, 4],
    ['under €150k: apprenticeship and two sites', 'under_150k', [CFA], 2, 'renewal', false, 4],
    ['€150k–750k: 1 day + ½ day for the one category', 'from_150k_to_750k', [T], 1, 'initial', false, 3],
    ['€150k–750k: + ½ day per category', 'from_150k_to_750k', [T, BC, VAE], 1, 'initial', false, 5],
    [
      '€150k–750k: apprenticeship is ½ day like any category',
      'from_150k_to_750k',
      [T, CFA],
      1,
      'initial',
      false,
      4,
    ],
    ['€150k–750k: + ½ day per additional site', 'from_150k_to_750k', [T], 4, 'initial', false, 6],
    ['over €750k: 1½ days + ½ day for the one category', 'over_750k', [T], 1, 'initial', false, 4],
    ['over €750k: + ½ day per category', 'over_750k', [T, BC], 1, 'initial', false, 5],
    ['over €750k: apprenticeship counts 1 day', 'over_750k', [CFA], 1, 'initial', false, 5],
    [
      'over €750k: every category and two more sites',
      'over_750k',
      [T, BC, VAE, CFA],
      3,
      'renewal',
      false,
      10,
    ],
    ['new entrant: surveillance + ½ day', 'under_150k', [T], 1, 'surveillance', true, 3],
    ['new entrant: surveillance + ½ day over €750k', 'over_750k', [T, CFA], 2, 'surveillance', true, 8],
    ['new entrant: the initial audit is not longer', 'from_150k_to_750k', [T], 1, 'initial', true, 3],
    ['surveillance of an established organisation', 'from_150k_to_750k', [T], 1, 'surveillance', false, 3],
  ])('%s', (_rule, turnoverBand, categories, sites, auditKind, newEntrant, halfDays) => {
    const estimate = estimateAuditDuration({ turnoverBand, categories, sites, auditKind, newEntrant });
    expect(estimate.halfDays).toBe(halfDays);
    expect(estimate.lines.reduce((sum, line) => sum + line.halfDays, 0)).toBe(halfDays);
  });

  it('names each line in French and cites its source', () => {
    const estimate = estimateAuditDuration({
      turnoverBand: 'over_750k',
      categories: [T, CFA],
      sites: 3,
      auditKind: 'surveillance',
      newEntrant: true,
    });
    expect(estimate.lines).toEqual([
      { label: 'Base — Chiffre d’affaires supérieur à 750 000 €', halfDays: 3 },
      { label: 'Catégorie : actions de formation', halfDays: 1 },
      { label: 'Catégorie : apprentissage', halfDays: 2 },
      { label: 'Sites supplémentaires : 2 × ½ journée', halfDays: 2 },
      { label: 'Nouvel entrant : audit de surveillance prolongé', halfDays: 1 },
    ]);
    expect(estimate.source).toMatch(/Article/);
  });

  it.each([
    ['no category', { categories: [] }, 'no_category'],
    ['an unknown category', { categories: ['cooking'] }, 'unknown_category'],
    ['no site', { sites: 0 }, 'invalid_sites'],
    ['half a site', { sites: 1.5 }, 'invalid_sites'],
    ['an unknown band', { turnoverBand: 'huge' }, 'unknown_turnover_band'],
  ])('refuses %s', (_case, change, code) => {
    const input = {
      turnoverBand: 'under_150k',
      categories: [T],
      sites: 1,
      auditKind: 'initial',
      newEntrant: false,
      ...change,
    } as Parameters<typeof estimateAuditDuration>[0];
    expect(() => estimateAuditDuration(input)).toThrow(expect.objectContaining({ code, status: 400 }));
  });
});

describe('a duration in French', () => {
  it.each([
    [1, '½ journée'],
    [2, '1 jour'],
    [3, '1,5 jour'],
    [4, '2 jours'],
    [11, '5,5 jours'],
  ])('%i half-days read « %s »', (halfDays, expected) => {
    expect(frenchDuration(halfDays)).toBe(expected);
  });
});
