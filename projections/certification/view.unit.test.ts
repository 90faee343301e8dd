import { describe, expect, it } from 'vitest';
import { parisDate } from '../../services/kernel/paris-time';
import { journeyComplete, journeySteps, selfAssessmentCompletedOn } from './view';

const none = { auditHeldOn: null, certificateIssuedOn: null, certifierChosenOn: null };

describe('the checklist: marks first, then facts observed elsewhere', () => {
  it('shows every step to do on a fresh journey, in the article’s order', () => {
    const steps = journeySteps({}, none);
    expect(steps.map((step) => step.step)).toEqual([
      'referential_studied',
      'self_assessment_done',
      'certifier_chosen',
      'pre_audit',
      'audit',
      'action_plan_sent',
      'certificate_received',
    ]);
    expect(steps.every((step) => step.state === 'todo')).toBe(true);
    expect(steps.filter((step) => step.optional).map((step) => step.step)).toEqual([
      'pre_audit',
      'action_plan_sent',
    ]);
    expect(journeyComplete(steps)).toBe(false);
  });

  it('shows a certifier chosen, an audit held and a certificate issued as observed with their day', () => {
    const steps = journeySteps(
      {},
      { certifierChosenOn: '2026-10-01', auditHeldOn: '2026-11-20', certificateIssuedOn: '2026-12-01' },
    );
    expect(steps.filter((step) => step.state === 'observed')).toEqual([
      { step: 'certifier_chosen', optional: false, state: 'observed', on: '2026-10-01' },
      { step: 'audit', optional: false, state: 'observed', on: '2026-11-20' },
      { step: 'certificate_received', optional: false, state: 'observed', on: '2026-12-01' },
    ]);
  });

  it('shows the pre-audit as observed on the day a mock audit was completed', () => {
    expect(journeySteps({}, { ...none, preAuditOn: '2026-10-20' })[3]).toMatchObject({
      step: 'pre_audit',
      state: 'observed',
      on: '2026-10-20',
    });
  });

  it('keeps a mark over an observed fact, and a step set back to do shows the fact again', () => {
    const facts = { ...none, auditHeldOn: '2026-11-20' };
    expect(journeySteps({ audit: { state: 'done', on: '2026-11-21' } }, facts)[4]).toMatchObject({
      state: 'done',
      on: '2026-11-21',
    });
    expect(journeySteps({ audit: { state: 'todo', on: null } }, facts)[4]).toMatchObject({
      state: 'observed',
    });
  });

  it('is complete when every step is done, skipped or observed', () => {
    const steps = journeySteps(
      {
        referential_studied: { state: 'done', on: '2026-09-01' },
        self_assessment_done: { state: 'done', on: '2026-09-15' },
        pre_audit: { state: 'skipped', on: null },
        action_plan_sent: { state: 'skipped', on: null },
      },
      { certifierChosenOn: '2026-10-01', auditHeldOn: '2026-11-20', certificateIssuedOn: '2026-12-01' },
    );
    expect(journeyComplete(steps)).toBe(true);
  });
});

describe('the self-assessment step, observed from the self-assessment slice', () => {
  type Assessed = { approach: { written_at: Date } | null; rating: { rated_at: Date } | null };
  const assessed = (writtenAt: string, ratedAt: string): Assessed => ({
    approach: { written_at: new Date(writtenAt) },
    rating: { rated_at: new Date(ratedAt) },
  });

  it('is done on the Paris day of the last approach or rating, once every applicable indicator has both', () => {
    const assessments = new Map([
      [30, assessed('2026-10-01T09:00:00Z', '2026-10-02T09:00:00Z')],
      // 23:30 UTC on 14 October is already 15 October in Paris.
      [31, assessed('2026-10-03T09:00:00Z', '2026-10-14T23:30:00Z')],
    ]);
    expect(selfAssessmentCompletedOn([30, 31], assessments, '2026-09-01', parisDate)).toBe('2026-10-15');
    expect(
      journeySteps({}, { ...none, selfAssessedOn: '2026-10-15' }).find(
        (step) => step.step === 'self_assessment_done',
      ),
    ).toMatchObject({ state: 'observed', on: '2026-10-15' });
  });

  it('is not done while an applicable indicator lacks its approach or its rating, or has nothing', () => {
    const full = assessed('2026-10-01T09:00:00Z', '2026-10-02T09:00:00Z');
    const unrated: Assessed = { approach: { written_at: new Date('2026-10-01T09:00:00Z') }, rating: null };
    expect(selfAssessmentCompletedOn([30, 31], new Map([[30, full]]), '2026-09-01', parisDate)).toBeNull();
    expect(
      selfAssessmentCompletedOn(
        [30, 31],
        new Map([
          [30, full],
          [31, unrated],
        ]),
        '2026-09-01',
        parisDate,
      ),
    ).toBeNull();
    expect(selfAssessmentCompletedOn([], new Map(), '2026-09-01', parisDate)).toBeNull();
  });

  it('does not count an assessment finished before the journey started (an earlier cycle’s)', () => {
    const assessments = new Map([[30, assessed('2025-10-01T09:00:00Z', '2025-10-02T09:00:00Z')]]);
    expect(selfAssessmentCompletedOn([30], assessments, '2026-09-01', parisDate)).toBeNull();
  });
});
