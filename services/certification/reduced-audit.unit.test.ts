import { describe, expect, it } from 'vitest';
import { type JourneyKind, type QualityLabel, REDUCED_AUDIT, reducedAuditEligibility } from './reduced-audit';

const icpf2017: QualityLabel = { name: 'ICPF', heldSince: '2017-05-10' };
const onLastDay: QualityLabel = { name: 'ICPF', heldSince: '2018-12-31' };
const from2019: QualityLabel = { name: 'ICPF', heldSince: '2019-01-01' };

describe('the reduced audit: an initial audit, a recognised label held at the end of 2018', () => {
  it.each<[string, JourneyKind | null, QualityLabel | null, boolean, string[]]>([
    ['initial audit with a label from 2017', 'initial', icpf2017, true, []],
    ['initial audit with a label obtained on 31 December 2018', 'initial', onLastDay, true, []],
    ['a label obtained in 2019 is too recent', 'initial', from2019, false, ['label_held_end_2018']],
    ['no label', 'initial', null, false, ['recognised_label', 'label_held_end_2018']],
    ['a renewal is never reduced', 'renewal', icpf2017, false, ['initial_audit']],
    ['no journey started yet', null, icpf2017, false, ['initial_audit']],
  ])('%s', (_rule, journeyKind, label, eligible, unmet) => {
    const result = reducedAuditEligibility({ journeyKind, label });
    expect(result.eligible).toBe(eligible);
    expect(
      result.conditions.filter((condition) => !condition.met).map((condition) => condition.code),
    ).toEqual(unmet);
  });

  it('keeps the indicators a reduced audit checks as data', () => {
    expect(REDUCED_AUDIT.commonIndicators).toEqual([1, 2, 11, 12, 22, 24, 25, 26, 32]);
  });
});
