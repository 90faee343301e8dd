import { describe, expect, it } from 'vitest';
import {
  type ApplicabilityProfile,
  applicableIndicators,
  DEFAULT_REFERENTIAL_VERSION,
  findIndicator,
  getReferential,
  type Indicator,
  indicatorsOf,
  type ReferentialVersion,
  referentialVersionForDate,
  referentialVersions,
} from './index';

function version(id: string): ReferentialVersion {
  const referential = getReferential(id);
  if (referential === undefined) throw new Error(`missing version ${id}`);
  return referential;
}

const v2019 = version('2019');
const v2026 = version('2026');
const all2019 = indicatorsOf(v2019);
const all2026 = indicatorsOf(v2026);
const numbers = (indicators: Indicator[]): number[] => indicators.map((indicator) => indicator.number);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const MAJOR_ONLY = [4, 5, 6, 7, 10, 11, 14, 15, 16, 20, 21, 22, 26, 27, 29, 31, 32];
const GRADED = [1, 2, 3, 8, 9, 12, 13, 17, 18, 19, 23, 24, 25, 28, 30];
const ONE_PERSON_TRAINER = [1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 17, 18, 19, 21, 22, 23, 24, 25, 26, 30, 31, 32];
const AMENDED_2026 = [1, 2, 3, 7, 12, 14, 15, 19, 20, 27, 30, 31, 32];

const trainer: ApplicabilityProfile = {
  categories: ['training'],
  certifying: false,
  subcontracting: false,
  workBasedTraining: false,
};

describe('RNQ 2019 structure', () => {
  it('2019 version has 7 criteria and 32 indicators numbered 1..32 in criterion order', () => {
    expect(v2019.criteria.map((criterion) => criterion.number)).toEqual(range(1, 7));
    const inCriterionOrder = v2019.criteria.flatMap((criterion) => criterion.indicators);
    expect(numbers(inCriterionOrder)).toEqual(range(1, 32));
    for (const criterion of v2019.criteria) {
      for (const indicator of criterion.indicators) expect(indicator.criterion).toBe(criterion.number);
    }
  });

  it('indicators are split over criteria as 1-3, 4-8, 9-16, 17-20, 21-22, 23-29, 30-32', () => {
    expect(v2019.criteria.map((criterion) => numbers(criterion.indicators))).toEqual([
      range(1, 3),
      range(4, 8),
      range(9, 16),
      range(17, 20),
      range(21, 22),
      range(23, 29),
      range(30, 32),
    ]);
  });

  it('indicators 23-26 belong to criterion 6 and 30-32 to criterion 7', () => {
    for (const n of range(23, 26)) expect(findIndicator(n)?.criterion).toBe(6);
    for (const n of range(30, 32)) expect(findIndicator(n)?.criterion).toBe(7);
  });

  it('2019 version is confirmed, the default, and effective from 2021-01-01', () => {
    expect(DEFAULT_REFERENTIAL_VERSION).toBe('2019');
    expect(v2019.status).toBe('confirmed');
    expect(v2019.effectiveFrom).toBe('2021-01-01');
    expect(v2019.legalSource).toContain('2019-565');
  });

  it('every criterion and indicator has a non-empty French title and English summary', () => {
    for (const referential of referentialVersions) {
      for (const criterion of referential.criteria) {
        expect(criterion.title.length).toBeGreaterThan(0);
        expect(criterion.titleEn.length).toBeGreaterThan(0);
        for (const indicator of criterion.indicators) {
          expect(indicator.title.length).toBeGreaterThan(0);
          expect(indicator.summaryEn.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('the referential is plain data that survives a JSON round trip', () => {
    for (const referential of referentialVersions) {
      expect(JSON.parse(JSON.stringify(referential))).toEqual(referential);
    }
  });
});

describe('official wording', () => {
  it('indicator 30 official wording is quoted exactly', () => {
    expect(findIndicator(30, '2019')?.title).toBe(
      'Le prestataire recueille les appréciations des parties prenantes : bénéficiaires, financeurs, équipes pédagogiques et entreprises concernées.',
    );
  });

  it('indicators 17 and 18 keep the "…" ellipsis and 26 its "accompagner/former"', () => {
    expect(findIndicator(17)?.title).toBe(
      "Le prestataire met à disposition ou s'assure de la mise à disposition des moyens humains et techniques adaptés et d'un environnement approprié (conditions, locaux, équipements, plateaux techniques…).",
    );
    expect(
      findIndicator(18)?.title.endsWith('(pédagogiques, administratifs, logistiques, commerciaux…).'),
    ).toBe(true);
    expect(findIndicator(26)?.title).toContain('accueillir, accompagner/former ou orienter');
  });

  it('criterion 7 title is quoted exactly and criterion 2 keeps the comma before "lors de la conception"', () => {
    expect(v2019.criteria[6]?.title).toBe(
      'Le recueil et la prise en compte des appréciations et des réclamations formulées par les parties prenantes aux prestations délivrées',
    );
    expect(v2019.criteria[1]?.title).toContain('bénéficiaires, lors de la conception des prestations');
  });

  it('official wording uses the normalised typography (straight apostrophes, "œ", "…")', () => {
    for (const referential of referentialVersions) {
      const texts = [
        ...referential.criteria.map((criterion) => criterion.title),
        ...indicatorsOf(referential).map((indicator) => indicator.title),
      ];
      for (const text of texts) {
        expect(text).not.toMatch(/[\u2018\u2019\u00a0\u202f]|\.\.\.|\s{2}|oe(?=uvre)/);
        expect(text).toBe(text.trim());
      }
    }
  });

  it('indicators 9 and 28 are unconfirmed wording variants with a note; the other 2019 wordings are confirmed', () => {
    for (const indicator of all2019) {
      const variant = indicator.number === 9 || indicator.number === 28;
      expect(indicator.wordingStatus).toBe(variant ? 'variant' : 'confirmed');
      if (variant) expect(indicator.note).toBeDefined();
    }
    expect(findIndicator(9)?.title).toContain('informe les publics bénéficiaires des conditions');
    expect(findIndicator(28)?.title).toContain('pour coconstruire');
  });
});

describe('grading and audit rules', () => {
  it('major-only set matches DOMAIN.md', () => {
    expect(numbers(all2019.filter((indicator) => indicator.majorOnly))).toEqual(MAJOR_ONLY);
    expect(numbers(all2019.filter((indicator) => !indicator.majorOnly))).toEqual(GRADED);
  });

  it('for new entrants, 2, 3, 11, 14, 22, 24, 25, 26 and 32 are deferred to the surveillance audit', () => {
    expect(numbers(all2019.filter((indicator) => indicator.newEntrantDeferred))).toEqual([
      2, 3, 11, 14, 22, 24, 25, 26, 32,
    ]);
  });

  it('surveillance always reviews the major-only indicators plus 1, 3, 17 and 19', () => {
    const expected = [...MAJOR_ONLY, 1, 3, 17, 19].sort((a, b) => a - b);
    expect(numbers(all2019.filter((indicator) => indicator.surveillanceAlwaysReviewed))).toEqual(expected);
  });
});

describe('applicability', () => {
  it('specific indicators are 3, 7, 13, 14, 15, 16, 20, 28 and 29', () => {
    expect(numbers(all2019.filter((indicator) => indicator.specific))).toEqual([
      3, 7, 13, 14, 15, 16, 20, 28, 29,
    ]);
  });

  it('disputed indicator 8 is treated as common, with a note', () => {
    const indicator8 = findIndicator(8);
    expect(indicator8?.specific).toBe(false);
    expect(indicator8?.applicability).toEqual({ kind: 'all' });
    expect(indicator8?.note).toMatch(/disputed/i);
  });

  it('appliesTo gives readable codes for GraphQL', () => {
    expect(findIndicator(1)?.appliesTo).toEqual(['training', 'skills_assessment', 'vae', 'apprenticeship']);
    for (const n of [3, 7, 16]) expect(findIndicator(n)?.appliesTo).toEqual(['certifying']);
    for (const n of [14, 15, 20, 29]) expect(findIndicator(n)?.appliesTo).toEqual(['apprenticeship']);
    expect(findIndicator(13)?.appliesTo).toEqual(['alternance']);
    expect(findIndicator(27)?.appliesTo).toEqual(['subcontracting']);
    expect(findIndicator(28)?.appliesTo).toEqual(['work_based_training']);
  });

  it('a one-person trainer (training only, no certifying, no subcontracting) has exactly the 22 applicable indicators 1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 17, 18, 19, 21, 22, 23, 24, 25, 26, 30, 31, 32', () => {
    expect(applicableIndicators(trainer)).toEqual(ONE_PERSON_TRAINER);
    expect(applicableIndicators(trainer)).toHaveLength(22);
  });

  it('a skills-assessment provider gets the same 22 common indicators', () => {
    expect(applicableIndicators({ ...trainer, categories: ['skills_assessment'] })).toEqual(
      ONE_PERSON_TRAINER,
    );
  });

  it('certifying training adds 3, 7 and 16', () => {
    expect(applicableIndicators({ ...trainer, certifying: true })).toEqual(
      [...ONE_PERSON_TRAINER, 3, 7, 16].sort((a, b) => a - b),
    );
  });

  it('subcontracting adds 27, work-based training periods add 28, alternance adds 13', () => {
    expect(applicableIndicators({ ...trainer, subcontracting: true })).toContain(27);
    expect(applicableIndicators({ ...trainer, workBasedTraining: true })).toEqual(
      [...ONE_PERSON_TRAINER, 28].sort((a, b) => a - b),
    );
    expect(applicableIndicators({ ...trainer, alternance: true })).toEqual(
      [...ONE_PERSON_TRAINER, 13].sort((a, b) => a - b),
    );
  });

  it('an apprenticeship provider (CFA) gets 13, 14, 15, 20, 28 and 29, since apprenticeship implies alternance and work-based periods', () => {
    const cfa: ApplicabilityProfile = { ...trainer, categories: ['apprenticeship'], alternance: false };
    expect(applicableIndicators(cfa)).toEqual(expect.arrayContaining([13, 14, 15, 20, 28, 29]));
  });

  it('a CFA gets the certifying indicators 3, 7 and 16 even when its profile does not say certifying, since an apprenticeship prepares an RNCP certification', () => {
    const cfa: ApplicabilityProfile = { ...trainer, categories: ['apprenticeship'], certifying: false };
    expect(applicableIndicators(cfa)).toEqual(
      [...ONE_PERSON_TRAINER, 3, 7, 13, 14, 15, 16, 20, 28, 29].sort((a, b) => a - b),
    );
  });

  it('a certifying CFA that subcontracts has all 32 indicators', () => {
    const cfa: ApplicabilityProfile = {
      categories: ['training', 'apprenticeship'],
      certifying: true,
      subcontracting: true,
      workBasedTraining: true,
    };
    expect(applicableIndicators(cfa)).toEqual(range(1, 32));
    expect(applicableIndicators(cfa, '2026')).toEqual(range(1, 33));
  });

  it('an unknown version is rejected', () => {
    expect(() => applicableIndicators(trainer, '2099')).toThrow(RangeError);
  });
});

describe('RNQ 2026 (reported)', () => {
  it('2026 version has 33 indicators and is marked to confirm', () => {
    expect(numbers(all2026)).toEqual(range(1, 33));
    expect(v2026.status).toBe('to_confirm');
    expect(v2026.statusNote).toBe('À confirmer au Journal officiel');
    expect(v2026.effectiveFrom).toBe('2026-11-01');
    expect(v2026.legalSource).toContain('2026-728');
  });

  it('indicators 1, 2, 3, 7, 12, 14, 15, 19, 20, 27, 30, 31 and 32 are reworded and marked reported', () => {
    const changed = all2026.filter((indicator) => indicator.title !== findIndicator(indicator.number)?.title);
    expect(numbers(changed)).toEqual([...AMENDED_2026, 33]);
    for (const indicator of changed) {
      expect(indicator.wordingStatus).toBe('reported');
      expect(indicator.note).toMatch(/not checked against the Journal officiel/);
    }
  });

  it('indicator 30 reported 2026 wording is quoted exactly', () => {
    expect(findIndicator(30, '2026')?.title).toBe(
      'Le prestataire recueille les appréciations des parties prenantes : bénéficiaires, financeurs (le cas échéant), équipes pédagogiques et entreprises concernées.',
    );
  });

  it('unchanged indicators are identical between versions', () => {
    for (const indicator of all2019.filter((candidate) => !AMENDED_2026.includes(candidate.number))) {
      expect(findIndicator(indicator.number, '2026')).toBe(indicator);
    }
  });

  it('reworded indicators keep their criterion, grading and applicability', () => {
    for (const n of AMENDED_2026) {
      const before = findIndicator(n, '2019');
      const after = findIndicator(n, '2026');
      const { title: _t1, summaryEn: _s1, wordingStatus: _w1, note: _n1, ...rulesBefore } = before!;
      const { title: _t2, summaryEn: _s2, wordingStatus: _w2, note: _n2, ...rulesAfter } = after!;
      expect(rulesAfter).toEqual(rulesBefore);
    }
  });

  it('indicator 33 belongs to criterion 7, applies to apprenticeship only and is graded (our choice, noted)', () => {
    const indicator33 = findIndicator(33, '2026');
    expect(indicator33).toMatchObject({
      criterion: 7,
      specific: true,
      majorOnly: false,
      applicability: { kind: 'categories', categories: ['apprenticeship'] },
      appliesTo: ['apprenticeship'],
      wordingStatus: 'reported',
    });
    expect(indicator33?.title.startsWith("Le prestataire met en place un dispositif d'évaluation")).toBe(
      true,
    );
    expect(indicator33?.note).toMatch(/graded/);
    expect(numbers(v2026.criteria[6]?.indicators ?? [])).toEqual([30, 31, 32, 33]);
    expect(findIndicator(33, '2019')).toBeUndefined();
  });

  it('the one-person trainer still has the same 22 indicators in 2026', () => {
    expect(applicableIndicators(trainer, '2026')).toEqual(ONE_PERSON_TRAINER);
  });

  it('the 2019 data is not modified by building the 2026 version', () => {
    expect(findIndicator(30, '2019')?.wordingStatus).toBe('confirmed');
    expect(all2019).toHaveLength(32);
  });
});

describe('version lookup', () => {
  it('getReferential defaults to 2019 and returns undefined for an unknown version', () => {
    expect(getReferential()).toBe(v2019);
    expect(getReferential('2026')).toBe(v2026);
    expect(getReferential('2020')).toBeUndefined();
    expect(findIndicator(1, '2020')).toBeUndefined();
    expect(findIndicator(0)).toBeUndefined();
  });

  it('audits use 2019 by default, even after 2026-11-01, because the 2026 version is unconfirmed', () => {
    expect(referentialVersionForDate('2024-06-15')).toBe('2019');
    expect(referentialVersionForDate('2026-11-01')).toBe('2019');
    expect(referentialVersionForDate('2027-03-01T09:00:00Z')).toBe('2019');
  });

  it('with acceptUnconfirmed, audits on or after 2026-11-01 use the 2026 version', () => {
    const options = { acceptUnconfirmed: true };
    expect(referentialVersionForDate('2026-10-31', options)).toBe('2019');
    expect(referentialVersionForDate('2026-11-01', options)).toBe('2026');
    expect(referentialVersionForDate('2026-11-01T00:00:00.000Z', options)).toBe('2026');
    expect(referentialVersionForDate('2020-01-01', options)).toBe('2019');
  });

  it('a malformed audit date is rejected', () => {
    for (const bad of ['', '01/11/2026', '2026-13-01', '2026-02-30', 'tomorrow']) {
      expect(() => referentialVersionForDate(bad)).toThrow(RangeError);
    }
  });
});
