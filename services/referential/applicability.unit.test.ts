import { describe, expect, it } from 'vitest';
import { type ApplicabilityProfile, indicatorApplicability } from '.';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const without = (numbers: number[], ...left: number[]) => numbers.filter((n) => !left.includes(n));

/** The 22 indicators DOMAIN.md gives for a one-person trainer. */
const SOLE_TRAINER = [1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 17, 18, 19, 21, 22, 23, 24, 25, 26, 30, 31, 32];

const profile = (overrides: Partial<ApplicabilityProfile>): ApplicabilityProfile => ({
  categories: ['training'],
  certifying: false,
  subcontracting: false,
  workBasedTraining: false,
  alternance: false,
  newEntrant: false,
  ...overrides,
});

interface Case {
  name: string;
  profile: ApplicabilityProfile;
  applicable: number[];
  /** Indicators whose results a new entrant shows only at the surveillance audit. */
  deferred: number[];
  /** Why some indicators apply (`because`), by number. */
  reasons: Record<number, string[]>;
}

const cases: Case[] = [
  {
    name: 'a sole trainer running only training actions',
    profile: profile({}),
    applicable: SOLE_TRAINER,
    deferred: [],
    reasons: { 1: ['common'], 30: ['common'] },
  },
  {
    name: 'a CFA (apprenticeship only, nothing else declared): apprenticeship implies alternance, work-based periods and certification',
    profile: profile({ categories: ['apprenticeship'] }),
    applicable: without(range(1, 32), 27),
    deferred: [],
    reasons: {
      3: ['apprenticeship'],
      7: ['apprenticeship'],
      13: ['apprenticeship'],
      14: ['apprenticeship'],
      20: ['apprenticeship'],
      28: ['apprenticeship'],
      29: ['apprenticeship'],
    },
  },
  {
    name: 'an organisation running skills assessments and VAE (no certifying action of its own)',
    profile: profile({ categories: ['skills_assessment', 'vae'] }),
    applicable: SOLE_TRAINER,
    deferred: [],
    reasons: { 4: ['common'] },
  },
  {
    name: 'a certifying training organisation that subcontracts',
    profile: profile({ certifying: true, subcontracting: true }),
    applicable: [...SOLE_TRAINER, 3, 7, 16, 27].sort((a, b) => a - b),
    deferred: [],
    reasons: { 3: ['certifying'], 16: ['certifying'], 27: ['subcontracting'] },
  },
  {
    name: 'a new entrant sole trainer: same indicators, results of 2, 11, 22, 24, 25, 26 and 32 checked at surveillance',
    profile: profile({ newEntrant: true }),
    applicable: SOLE_TRAINER,
    deferred: [2, 11, 22, 24, 25, 26, 32],
    reasons: { 2: ['common'] },
  },
  {
    name: 'a new entrant CFA declaring alternance too: 3 and 14 are deferred as well',
    profile: profile({ categories: ['apprenticeship'], alternance: true, newEntrant: true }),
    applicable: without(range(1, 32), 27),
    deferred: [2, 3, 11, 14, 22, 24, 25, 26, 32],
    reasons: { 13: ['alternance', 'apprenticeship'] },
  },
];

describe('indicator applicability of an organisation (RNQ 2019)', () => {
  it.each(cases)('$name', ({ profile, applicable, deferred, reasons }) => {
    const all = indicatorApplicability(profile);
    expect(all.map((indicator) => indicator.number)).toEqual(range(1, 32));
    expect(all.filter((indicator) => indicator.applies).map((indicator) => indicator.number)).toEqual(
      applicable,
    );
    expect(
      all.filter((indicator) => indicator.deferredToSurveillance).map((indicator) => indicator.number),
    ).toEqual(deferred);
    for (const [number, because] of Object.entries(reasons)) {
      expect(all[Number(number) - 1]?.because, `indicator ${number}`).toEqual(because);
    }
    for (const indicator of all) {
      // An indicator applies exactly when something makes it apply, and only an applicable one is deferred.
      expect(indicator.because.length > 0).toBe(indicator.applies);
      if (indicator.deferredToSurveillance) expect(indicator.applies).toBe(true);
    }
  });

  it('a sole trainer has exactly 22 applicable indicators', () => {
    expect(indicatorApplicability(profile({})).filter((indicator) => indicator.applies)).toHaveLength(22);
  });

  it('the 2026 version adds indicator 33 for apprenticeship only', () => {
    const cfa = indicatorApplicability(profile({ categories: ['apprenticeship'] }), '2026');
    expect(cfa.at(-1)).toEqual({
      number: 33,
      applies: true,
      because: ['apprenticeship'],
      deferredToSurveillance: false,
    });
    expect(indicatorApplicability(profile({}), '2026').at(-1)?.applies).toBe(false);
  });

  it('an unknown version is refused', () => {
    expect(() => indicatorApplicability(profile({}), '1999')).toThrow(RangeError);
  });
});
