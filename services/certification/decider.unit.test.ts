import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { certificationDecider } from './decider';
import type { CertificationEvent } from './events';

const spec = deciderSpec(certificationDecider);
const TODAY = '2026-12-04';
const started: CertificationEvent = {
  type: 'CertificationJourneyStarted',
  data: { journeyId: 'j1', kind: 'initial', startedOn: '2026-11-02' },
};
const renewal: CertificationEvent = {
  type: 'CertificationJourneyStarted',
  data: { journeyId: 'j1', kind: 'renewal', startedOn: '2026-11-02' },
};
const certificateReceived: CertificationEvent = {
  type: 'CertificationStepMarked',
  data: { journeyId: 'j1', step: 'certificate_received', state: 'done', on: '2026-12-01' },
};
const icpf2017: CertificationEvent = {
  type: 'QualityLabelDeclared',
  data: { label: { name: 'ICPF', heldSince: '2017-05-10' } },
};
const reducedChosen: CertificationEvent = {
  type: 'ReducedAuditChosen',
  data: { journeyId: 'j1', reduced: true },
};
const mark = (step: string, state: string, on: string | null) =>
  ({ type: 'MarkStep', journeyId: 'j1', step, state, on, today: TODAY }) as never;
const quote = {
  type: 'RecordQuote' as const,
  journeyId: 'j1',
  quoteId: 'q1',
  certifier: 'ICPF',
  initialAuditCents: 88_500,
  yearlyFollowUpCents: 44_000,
  receivedOn: '2026-11-20',
  today: TODAY,
};

describe('certification journey decider', () => {
  it('starts a journey, once; another only after the certificate is received', () => {
    spec
      .given([])
      .when({ type: 'StartJourney', journeyId: 'j1', kind: 'initial', today: TODAY })
      .thenEmits([
        { type: 'CertificationJourneyStarted', data: { journeyId: 'j1', kind: 'initial', startedOn: TODAY } },
      ]);
    spec
      .given([started])
      .when({ type: 'StartJourney', journeyId: 'j1', kind: 'initial', today: TODAY })
      .thenNothing();
    spec
      .given([started])
      .when({ type: 'StartJourney', journeyId: 'j2', kind: 'renewal', today: TODAY })
      .thenRejects('journey_in_progress', 409);
    spec
      .given([started, certificateReceived])
      .when({ type: 'StartJourney', journeyId: 'j2', kind: 'renewal', today: TODAY })
      .thenMatches([{ type: 'CertificationJourneyStarted', data: { journeyId: 'j2', kind: 'renewal' } }]);
  });

  it('marks a step done with its day, back to do, and the same mark records nothing', () => {
    spec
      .given([started])
      .when(mark('referential_studied', 'done', '2026-11-10'))
      .thenEmits([
        {
          type: 'CertificationStepMarked',
          data: { journeyId: 'j1', step: 'referential_studied', state: 'done', on: '2026-11-10' },
        },
      ]);
    const done = spec
      .given([started])
      .when(mark('referential_studied', 'done', '2026-11-10'))
      .decided();
    spec
      .given([started, ...done])
      .when(mark('referential_studied', 'done', '2026-11-10'))
      .thenNothing();
    spec
      .given([started, ...done])
      .when(mark('referential_studied', 'todo', null))
      .thenMatches([{ type: 'CertificationStepMarked', data: { state: 'todo', on: null } }]);
  });

  it('refuses a step done without a day, dated after today, or a date on a step not done', () => {
    spec
      .given([started])
      .when(mark('audit', 'done', null))
      .thenRejects('step_date_required', 400);
    spec
      .given([started])
      .when(mark('audit', 'done', '2026-12-05'))
      .thenRejects('step_date_in_future', 400);
    spec
      .given([started])
      .when(mark('audit', 'todo', '2026-12-01'))
      .thenRejects('step_date_unexpected', 400);
  });

  it('skips only the optional steps: the pre-audit and the action plan', () => {
    spec
      .given([started])
      .when(mark('pre_audit', 'skipped', null))
      .thenMatches([{ data: { state: 'skipped' } }]);
    spec
      .given([started])
      .when(mark('action_plan_sent', 'skipped', null))
      .thenMatches([{ data: { state: 'skipped' } }]);
    spec
      .given([started])
      .when(mark('audit', 'skipped', null))
      .thenRejects('step_not_optional', 400);
  });

  it('answers a journey it does not know as missing', () => {
    spec
      .given([])
      .when(mark('audit', 'done', '2026-12-01'))
      .thenRejects('journey_not_found', 404);
    spec
      .given([started])
      .when({
        type: 'ChooseCertifier',
        journeyId: 'other',
        name: 'ICPF',
        accreditationRef: null,
        today: TODAY,
      })
      .thenRejects('journey_not_found', 404);
    spec.given([]).when(quote).thenRejects('journey_not_found', 404);
  });

  it('chooses a certifier, and the same choice records nothing', () => {
    const choose = {
      type: 'ChooseCertifier' as const,
      journeyId: 'j1',
      name: 'ICPF',
      accreditationRef: 'COFRAC 5-0600',
      today: TODAY,
    };
    const chosen = spec.given([started]).when(choose).decided();
    spec
      .given([started])
      .when(choose)
      .thenMatches([{ type: 'CertifierChosen', data: { name: 'ICPF', chosenOn: TODAY } }]);
    spec
      .given([started, ...chosen])
      .when(choose)
      .thenNothing();
  });

  it('records a quote in euro cents once per quote id, never dated after today nor negative', () => {
    const recorded = spec.given([started]).when(quote).decided();
    spec
      .given([started])
      .when(quote)
      .thenMatches([
        { type: 'CertifierQuoteRecorded', data: { initialAuditCents: 88_500, yearlyFollowUpCents: 44_000 } },
      ]);
    spec
      .given([started, ...recorded])
      .when(quote)
      .thenNothing();
    spec
      .given([started])
      .when({ ...quote, receivedOn: '2026-12-05' })
      .thenRejects('quote_date_in_future', 400);
    spec
      .given([started])
      .when({ ...quote, initialAuditCents: -1 })
      .thenRejects('invalid_amount', 400);
    spec
      .given([started])
      .when({ ...quote, yearlyFollowUpCents: 12.5 })
      .thenRejects('invalid_amount', 400);
  });

  it('chooses the reduced audit only for an initial audit with a label held at the end of 2018', () => {
    const choose = { type: 'ChooseReducedAudit' as const, journeyId: 'j1', reduced: true };
    spec.given([started, icpf2017]).when(choose).thenEmits([reducedChosen]);
    spec.given([started]).when(choose).thenRejects('reduced_audit_not_eligible', 409);
    spec.given([renewal, icpf2017]).when(choose).thenRejects('reduced_audit_not_eligible', 409);
    spec
      .given([
        started,
        { type: 'QualityLabelDeclared', data: { label: { name: 'ICPF', heldSince: '2019-03-01' } } },
      ])
      .when(choose)
      .thenRejects('reduced_audit_not_eligible', 409);
    spec
      .given([started, icpf2017, reducedChosen])
      .when({ ...choose, reduced: false })
      .thenEmits([{ type: 'ReducedAuditChosen', data: { journeyId: 'j1', reduced: false } }]);
  });

  it('drops the reduced audit when the label it rests on is withdrawn', () => {
    spec
      .given([started, icpf2017, reducedChosen])
      .when({ type: 'DeclareQualityLabel', label: null, today: TODAY })
      .thenEmits([
        { type: 'QualityLabelDeclared', data: { label: null } },
        { type: 'ReducedAuditChosen', data: { journeyId: 'j1', reduced: false } },
      ]);
  });

  it('declares a label never held after today, and the same label records nothing', () => {
    spec
      .given([])
      .when({ type: 'DeclareQualityLabel', label: { name: 'ICPF', heldSince: '2026-12-05' }, today: TODAY })
      .thenRejects('label_date_in_future', 400);
    spec
      .given([icpf2017])
      .when({ type: 'DeclareQualityLabel', label: { name: 'ICPF', heldSince: '2017-05-10' }, today: TODAY })
      .thenNothing();
  });

  it('sets the turnover band, and the same band records nothing', () => {
    spec
      .given([])
      .when({ type: 'SetTurnoverBand', band: 'under_150k' })
      .thenEmits([{ type: 'TurnoverBandSet', data: { band: 'under_150k' } }]);
    spec
      .given([{ type: 'TurnoverBandSet', data: { band: 'under_150k' } }])
      .when({ type: 'SetTurnoverBand', band: 'under_150k' })
      .thenNothing();
  });
});
