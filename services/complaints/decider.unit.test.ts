import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { ERASED } from '../privacy/declarations';
import { type ComplaintCommand, complaintDecider, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './decider';
import type { ComplaintAttachment, ComplaintEvent, ComplaintIntake } from './events';

const spec = deciderSpec(complaintDecider);
const TODAY = '2026-12-04';

const intake = (overrides: Partial<ComplaintIntake> = {}): ComplaintIntake => ({
  channel: 'web_form',
  group: 'learner',
  anonymous: false,
  name: 'Léa Moreau',
  email: 'lea.moreau@example.org',
  phone: null,
  postalAddress: null,
  about: {
    trainingActionId: 'ta1',
    trainingTitle: 'Excel avancé',
    sessionId: 's1',
    sessionTitle: 'Session de novembre',
    site: 'Lyon',
  },
  receivedOn: '2026-11-30',
  text: 'La salle n’était pas chauffée pendant les trois jours.',
  attachments: [],
  ownerId: 'u-quality',
  ...overrides,
});
const attachment = (overrides: Partial<ComplaintAttachment> = {}): ComplaintAttachment => ({
  attachmentId: 'a1',
  fileName: 'photo-salle.jpg',
  mediaType: 'image/jpeg',
  sizeBytes: 240_000,
  sha256: 'ab'.repeat(32),
  ...overrides,
});

const received = (overrides: Partial<ComplaintIntake> = {}): ComplaintEvent => ({
  type: 'ComplaintReceived',
  data: { complaintId: 'c1', ...intake(overrides) },
});
const acknowledged: ComplaintEvent = {
  type: 'ComplaintAcknowledged',
  data: {
    complaintId: 'c1',
    acknowledgedOn: '2026-12-01',
    message: 'Nous avons bien reçu…',
    sentByEmail: true,
  },
};
const analysed: ComplaintEvent = {
  type: 'ComplaintAnalysed',
  data: {
    complaintId: 'c1',
    analysedOn: '2026-12-02',
    causes: 'Chaudière en panne, prestataire non relancé.',
  },
};
const answered: ComplaintEvent = {
  type: 'ComplaintAnswered',
  data: {
    complaintId: 'c1',
    answeredOn: '2026-12-03',
    answer: 'Nous vous présentons nos excuses…',
    sentByEmail: true,
  },
};
const rejected: ComplaintEvent = {
  type: 'ComplaintRejected',
  data: {
    complaintId: 'c1',
    rejectedOn: '2026-12-03',
    reasons: 'La salle était chauffée.',
    sentByEmail: true,
  },
};
const mediationStarted: ComplaintEvent = {
  type: 'ComplaintMediationStarted',
  data: {
    complaintId: 'c1',
    startedOn: '2026-12-03',
    mediator: 'OPCO Atlas',
    reason: 'Désaccord sur la réponse',
  },
};
const closed: ComplaintEvent = {
  type: 'ComplaintClosed',
  data: { complaintId: 'c1', closedOn: '2026-12-04', outcome: 'resolved', note: null },
};

const on = (day: string) => ({ on: day, today: TODAY });
const acknowledge = (overrides: Partial<{ message: string; sendByEmail: boolean; on: string }> = {}) =>
  ({
    type: 'AcknowledgeComplaint',
    message: 'Nous avons bien reçu…',
    sendByEmail: true,
    ...on('2026-12-01'),
    ...overrides,
  }) satisfies ComplaintCommand;
const analyse = { type: 'AnalyseComplaint', causes: 'Chaudière en panne.', ...on('2026-12-02') } as const;
const answer = {
  type: 'AnswerComplaint',
  answer: 'Nos excuses…',
  sendByEmail: true,
  ...on('2026-12-03'),
} as const;
const reject = {
  type: 'RejectComplaint',
  reasons: 'Non fondée.',
  sendByEmail: false,
  ...on('2026-12-03'),
} as const;
const close = { type: 'CloseComplaint', outcome: 'resolved', note: null, ...on('2026-12-04') } as const;
const reopen = { type: 'ReopenComplaint', reason: 'La réclamante revient.', ...on('2026-12-04') } as const;
const startMediation = {
  type: 'StartMediation',
  mediator: 'OPCO Atlas',
  reason: 'Désaccord sur la réponse',
  ...on('2026-12-03'),
} as const;
const endMediation = { type: 'EndMediation', result: 'Accord trouvé.', ...on('2026-12-04') } as const;
const receive = (overrides: Partial<ComplaintIntake> = {}) =>
  ({ type: 'ReceiveComplaint', complaintId: 'c1', intake: intake(overrides), today: TODAY }) as const;

describe('complaint decider: receipt', () => {
  it('records a complaint with who, about what, when and what it says', () => {
    spec.given([]).when(receive()).thenEmits([received()]);
  });

  it('records an anonymous complaint written down from a phone call', () => {
    const anonymous = { anonymous: true, name: null, email: null, channel: 'phone' as const };
    spec
      .given([])
      .when(receive(anonymous))
      .thenEmits([received(anonymous)]);
  });

  it('records a complaint with its attachments', () => {
    const attachments = [attachment(), attachment({ attachmentId: 'a2', mediaType: 'application/pdf' })];
    spec
      .given([])
      .when(receive({ attachments }))
      .thenEmits([received({ attachments })]);
  });

  it.each([
    [
      'an anonymous complaint that names someone',
      { anonymous: true, email: null },
      'anonymous_with_identity',
    ],
    ['a named complaint without a name', { name: '  ' }, 'complainant_name_missing'],
    ['a named complaint with no way to answer', { email: null }, 'complainant_contact_missing'],
    ['an empty text', { text: ' ' }, 'complaint_text_missing'],
    ['a date after today', { receivedOn: '2026-12-05' }, 'date_in_future'],
    [
      'a session without its training action',
      {
        about: {
          trainingActionId: null,
          trainingTitle: null,
          sessionId: 's1',
          sessionTitle: 'x',
          site: null,
        },
      },
      'session_without_action',
    ],
    [
      'too many attachments',
      {
        attachments: Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, index) =>
          attachment({ attachmentId: `a${index}` }),
        ),
      },
      'too_many_attachments',
    ],
    ['the same attachment twice', { attachments: [attachment(), attachment()] }, 'duplicate_attachment'],
    [
      'an executable',
      { attachments: [attachment({ mediaType: 'application/x-msdownload', fileName: 'facture.pdf' })] },
      'attachment_type_refused',
    ],
  ])('refuses %s', (_, overrides, code) => {
    spec
      .given([])
      .when(receive(overrides as Partial<ComplaintIntake>))
      .thenRejects(code, 400);
  });

  it('refuses an attachment over the size limit as too large', () => {
    spec
      .given([])
      .when(receive({ attachments: [attachment({ sizeBytes: MAX_ATTACHMENT_BYTES + 1 })] }))
      .thenRejects('attachment_too_large', 413);
  });

  it('refuses to record the same complaint twice', () => {
    spec.given([received()]).when(receive()).thenRejects('complaint_exists', 409);
  });

  it('answers any step on an unknown complaint as not found', () => {
    for (const command of [
      acknowledge(),
      analyse,
      answer,
      reject,
      close,
      reopen,
      startMediation,
      endMediation,
    ]) {
      spec.given([]).when(command).thenRejects('complaint_not_found', 404);
    }
    spec.given([]).when({ type: 'ReassignComplaint', ownerId: 'u2' }).thenRejects('complaint_not_found', 404);
  });
});

describe('complaint decider: handling', () => {
  it('acknowledges a received complaint by e-mail', () => {
    spec.given([received()]).when(acknowledge()).thenEmits([acknowledged]);
  });

  it('acknowledges only once', () => {
    spec
      .given([received(), acknowledged])
      .when(acknowledge())
      .thenRejects('complaint_already_acknowledged', 409);
  });

  it('refuses to e-mail a complainant who gave no address, and records a letter instead', () => {
    const byPost = { email: null, postalAddress: '3 rue des Lilas, 69003 Lyon' };
    spec
      .given([received(byPost)])
      .when(acknowledge())
      .thenRejects('complainant_has_no_email', 409);
    spec
      .given([received(byPost)])
      .when(acknowledge({ sendByEmail: false }))
      .thenMatches([{ type: 'ComplaintAcknowledged', data: { sentByEmail: false } }]);
  });

  it('refuses an acknowledgement without text', () => {
    const error = spec
      .given([received()])
      .when(acknowledge({ message: '' }))
      .thenRejects('text_missing', 400);
    expect(error.details).toEqual({ field: 'acknowledgement' });
  });

  it('refuses a step dated after today or before the step it follows', () => {
    spec
      .given([received()])
      .when(acknowledge({ on: '2026-12-05' }))
      .thenRejects('date_in_future', 400);
    spec
      .given([received()])
      .when(acknowledge({ on: '2026-11-29' }))
      .thenRejects('date_before_previous_step', 400);
  });

  it('rejects analysis, an answer, a rejection or a mediation before the acknowledgement', () => {
    for (const command of [analyse, answer, reject, startMediation]) {
      spec.given([received()]).when(command).thenRejects('complaint_not_acknowledged', 409);
    }
  });

  it('records the causes, then more causes without rewriting the first', () => {
    spec
      .given([received(), acknowledged])
      .when(analyse)
      .thenEmits([
        {
          type: 'ComplaintAnalysed',
          data: { complaintId: 'c1', analysedOn: '2026-12-02', causes: analyse.causes },
        },
      ]);
    spec
      .given([received(), acknowledged, analysed])
      .when({ ...analyse, causes: 'Aussi : pas de salle de repli.' })
      .thenMatches([{ type: 'ComplaintAnalysed', data: { causes: 'Aussi : pas de salle de repli.' } }]);
  });

  it('answers an analysed complaint, and only once', () => {
    spec
      .given([received(), acknowledged, analysed])
      .when(answer)
      .thenEmits([
        {
          type: 'ComplaintAnswered',
          data: { complaintId: 'c1', answeredOn: '2026-12-03', answer: answer.answer, sentByEmail: true },
        },
      ]);
    spec.given([received(), acknowledged]).when(answer).thenRejects('complaint_not_analysed', 409);
    spec
      .given([received(), acknowledged, analysed, answered])
      .when(answer)
      .thenRejects('complaint_already_answered');
    spec
      .given([received(), acknowledged, analysed, answered])
      .when(analyse)
      .thenRejects('complaint_already_answered');
  });

  it('rejects an unfounded complaint with its reasons, after the acknowledgement', () => {
    spec
      .given([received(), acknowledged])
      .when(reject)
      .thenEmits([
        {
          type: 'ComplaintRejected',
          data: { complaintId: 'c1', rejectedOn: '2026-12-03', reasons: reject.reasons, sentByEmail: false },
        },
      ]);
    spec
      .given([received(), acknowledged])
      .when({ ...reject, reasons: '' })
      .thenRejects('text_missing', 400);
  });

  it('closes an answered complaint with its outcome', () => {
    spec.given([received(), acknowledged, analysed, answered]).when(close).thenEmits([closed]);
    spec.given([received(), acknowledged, analysed]).when(close).thenRejects('complaint_not_answered', 409);
  });

  it('closes a complaint the complainant withdrew at any stage', () => {
    spec
      .given([received()])
      .when({ ...close, outcome: 'withdrawn' })
      .thenMatches([{ type: 'ComplaintClosed', data: { outcome: 'withdrawn' } }]);
  });

  it('goes to mediation and back, and neither closes nor rejects during it', () => {
    const history = [received(), acknowledged, analysed, answered];
    spec.given(history).when(startMediation).thenEmits([mediationStarted]);
    spec
      .given([...history, mediationStarted])
      .when(startMediation)
      .thenRejects('mediation_in_progress', 409);
    spec
      .given([...history, mediationStarted])
      .when(close)
      .thenRejects('mediation_in_progress', 409);
    spec
      .given([
        received(),
        acknowledged,
        { ...mediationStarted, data: { ...mediationStarted.data, startedOn: '2026-12-02' } },
      ])
      .when(reject)
      .thenRejects('mediation_in_progress', 409);
    spec
      .given([...history, mediationStarted])
      .when(endMediation)
      .thenEmits([
        {
          type: 'ComplaintMediationEnded',
          data: { complaintId: 'c1', endedOn: '2026-12-04', result: 'Accord trouvé.' },
        },
      ]);
    spec.given(history).when(endMediation).thenRejects('no_mediation_in_progress', 409);
  });

  it('reassigns an open complaint to another owner, saying whose it was', () => {
    spec
      .given([received(), acknowledged])
      .when({ type: 'ReassignComplaint', ownerId: 'u2' })
      .thenEmits([
        {
          type: 'ComplaintReassigned',
          data: { complaintId: 'c1', ownerId: 'u2', previousOwnerId: 'u-quality' },
        },
      ]);
    spec.given([received()]).when({ type: 'ReassignComplaint', ownerId: 'u-quality' }).thenNothing();
  });
});

describe('complaint decider: closed and reopened', () => {
  const closedHistory = [received(), acknowledged, analysed, answered, closed];
  const rejectedHistory = [received(), acknowledged, rejected];

  it('changes nothing on a closed or rejected complaint but a reopening', () => {
    const commands: ComplaintCommand[] = [
      acknowledge(),
      analyse,
      answer,
      reject,
      close,
      startMediation,
      endMediation,
      { type: 'ReassignComplaint', ownerId: 'u2' },
    ];
    for (const command of commands) {
      spec.given(closedHistory).when(command).thenRejects('complaint_closed', 409);
      spec.given(rejectedHistory).when(command).thenRejects('complaint_rejected', 409);
    }
  });

  it('reopens a closed or rejected complaint, to be analysed anew before a new answer', () => {
    const reopened: ComplaintEvent = {
      type: 'ComplaintReopened',
      data: { complaintId: 'c1', reopenedOn: '2026-12-04', reason: reopen.reason },
    };
    spec.given(closedHistory).when(reopen).thenEmits([reopened]);
    spec.given(rejectedHistory).when(reopen).thenEmits([reopened]);
    const again = [...closedHistory, reopened];
    expect(spec.given(again).state.status).toBe('acknowledged');
    spec
      .given(again)
      .when({ ...answer, ...on('2026-12-04') })
      .thenRejects('complaint_not_analysed', 409);
    const reanalysed = spec
      .given(again)
      .when({ ...analyse, ...on('2026-12-04') })
      .decided();
    spec
      .given([...again, ...reanalysed])
      .when({ ...answer, ...on('2026-12-04') })
      .thenMatches([{ type: 'ComplaintAnswered' }]);
  });

  it('reopens a complaint withdrawn before its acknowledgement into receipt', () => {
    const withdrawn: ComplaintEvent = { ...closed, data: { ...closed.data, outcome: 'withdrawn' } };
    const reopened = spec.given([received(), withdrawn]).when(reopen).decided();
    expect(spec.given([received(), withdrawn, ...reopened]).state.status).toBe('received');
  });

  it('reopens only a closed or rejected complaint', () => {
    spec.given([received(), acknowledged]).when(reopen).thenRejects('complaint_not_closed', 409);
  });
});

describe('complaint decider: erased complainant', () => {
  const erasedReceipt = received({ name: ERASED, email: ERASED, text: ERASED });

  it('takes no new free text once the complainant’s data was erased', () => {
    spec
      .given([erasedReceipt])
      .when(acknowledge({ sendByEmail: false }))
      .thenRejects('complaint_erased', 409);
    spec
      .given([erasedReceipt])
      .when({ ...close, outcome: 'withdrawn', note: 'Plus de nouvelles.' })
      .thenRejects('complaint_erased');
  });

  it('can still be closed without a note, or reassigned', () => {
    spec
      .given([erasedReceipt])
      .when({ ...close, outcome: 'withdrawn' })
      .thenMatches([{ type: 'ComplaintClosed' }]);
    spec
      .given([erasedReceipt])
      .when({ type: 'ReassignComplaint', ownerId: 'u2' })
      .thenMatches([{ type: 'ComplaintReassigned' }]);
  });
});
