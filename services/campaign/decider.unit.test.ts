import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { indicatorsOf, kindOf } from '../kernel/evidence';
import {
  type CampaignCommand,
  campaignDecider,
  MAX_RESPONDENTS_PER_CAMPAIGN,
  type NewRespondent,
} from './decider';
import { type CampaignEvent, type CampaignSchedule, type CampaignTarget, campaignEvidence } from './events';
import { addDays, dueMessages, isPastClosing, sendDate } from './schedule';

const spec = deciderSpec(campaignDecider);

const session: CampaignTarget = {
  kind: 'session',
  sessionId: 's1',
  trainingActionId: 'a1',
  sessionTitle: 'Mars',
  trainingTitle: 'Excel',
  startsOn: '2027-03-01',
  endsOn: '2027-03-05',
};
const schedule: CampaignSchedule = {
  anchor: 'session_end',
  offsetDays: 0,
  sendOn: '2027-03-05',
  reminders: 2,
  reminderGapDays: 3,
  closesOn: '2027-03-20',
};
const planned: CampaignEvent = {
  type: 'CampaignPlanned',
  data: {
    campaignId: 'c1',
    audience: 'learner',
    questionnaireId: 'q1',
    questionnaireVersion: 2,
    target: session,
    schedule,
    anonymous: false,
  },
};
const plan = (
  overrides: Partial<Extract<CampaignCommand, { type: 'PlanCampaign' }>> = {},
): CampaignCommand => ({
  type: 'PlanCampaign',
  questionnaireAudience: 'learner',
  ...(planned.data as Extract<CampaignEvent, { type: 'CampaignPlanned' }>['data']),
  ...overrides,
});
const person = (id: string, email = `${id}@example.fr`): NewRespondent => ({
  respondentId: id,
  email,
  firstName: null,
  lastName: id.toUpperCase(),
  source: 'import',
});
const added = (id: string, email = `${id}@example.fr`): CampaignEvent => ({
  type: 'CampaignRespondentAdded',
  data: { campaignId: 'c1', ...person(id, email) },
});
const queued = (id: string, reminder: number): CampaignEvent => ({
  type: 'CampaignMessageQueued',
  data: { campaignId: 'c1', respondentId: id, reminder, messageId: `m-${id}-${reminder}` },
});

describe('campaign decider', () => {
  it('plans a campaign for a session with the questionnaire version it will send', () => {
    spec.given([]).when(plan()).thenEmits([planned]);
  });

  it.each([
    [
      'a questionnaire for another group',
      plan({ questionnaireAudience: 'funder' }),
      'questionnaire_audience_mismatch',
    ],
    [
      'closing before sending',
      plan({ schedule: { ...schedule, closesOn: '2027-03-05' } }),
      'closes_before_sending',
    ],
    ['four reminders', plan({ schedule: { ...schedule, reminders: 4 } }), 'reminders_count'],
    ['reminders a day apart', plan({ schedule: { ...schedule, reminderGapDays: 1 } }), 'reminder_gap'],
    [
      'learners asked about a period',
      plan({ target: { kind: 'period', label: '2027', from: '2027-01-01', to: '2027-12-31' } }),
      'period_for_partners_only',
    ],
    [
      'a period that ends before it starts',
      plan({
        audience: 'funder',
        questionnaireAudience: 'funder',
        target: { kind: 'period', label: '2027', from: '2027-12-31', to: '2027-01-01' },
      }),
      'period_ends_before_start',
    ],
  ])('refuses %s', (_, command, code) => {
    spec.given([]).when(command).thenRejects(code, 400);
  });

  it('adds respondents one event each (each their own vault subject), and refuses the same address twice, adding none', () => {
    spec
      .given([planned])
      .when({ type: 'AddRespondents', respondents: [person('a'), person('b')] })
      .thenEmits([added('a'), added('b')]);
    const refused = spec
      .given([planned, added('a')])
      .when({ type: 'AddRespondents', respondents: [person('c'), person('d', 'A@example.fr')] })
      .thenRejects('respondent_already_asked', 409);
    expect(refused.details).toEqual({ emails: ['A@example.fr'] });
  });

  it('refuses more respondents than a campaign takes', () => {
    const many = Array.from({ length: MAX_RESPONDENTS_PER_CAMPAIGN + 1 }, (_, i) => person(`p${i}`));
    spec
      .given([planned])
      .when({ type: 'AddRespondents', respondents: many })
      .thenRejects('too_many_respondents', 400);
  });

  it('records each message once and in order: a repeat after a crash records nothing', () => {
    spec
      .given([planned, added('a')])
      .when({ type: 'RecordMessageQueued', respondentId: 'a', reminder: 0, messageId: 'm-a-0' })
      .thenEmits([queued('a', 0)]);
    spec
      .given([planned, added('a'), queued('a', 0)])
      .when({ type: 'RecordMessageQueued', respondentId: 'a', reminder: 0, messageId: 'm-a-0' })
      .thenNothing();
    spec
      .given([planned, added('a')])
      .when({ type: 'RecordMessageQueued', respondentId: 'a', reminder: 1, messageId: 'x' })
      .thenRejects('message_out_of_order', 409);
  });

  it('names the group and the target in a recorded message when the reactor gives them (older events lack them)', () => {
    spec
      .given([planned, added('a')])
      .when({
        type: 'RecordMessageQueued',
        respondentId: 'a',
        reminder: 0,
        messageId: 'm-a-0',
        audience: 'learner',
        targetLabel: 'Mars',
      })
      .thenEmits([
        {
          type: 'CampaignMessageQueued',
          data: {
            campaignId: 'c1',
            respondentId: 'a',
            reminder: 0,
            messageId: 'm-a-0',
            audience: 'learner',
            targetLabel: 'Mars',
          },
        },
      ]);
  });

  it('evidences indicator 30: an invitation as a solicitation, each reminder as a reminder, titled in French', () => {
    const declaration = campaignEvidence.CampaignMessageQueued!;
    const invitation = {
      campaignId: 'c1',
      respondentId: 'a',
      reminder: 0,
      messageId: 'm',
      audience: 'learner' as const,
      targetLabel: 'Mars',
    };
    expect(indicatorsOf(declaration, invitation)).toEqual([30]);
    expect(kindOf(declaration, invitation)).toBe('solicitation');
    expect(declaration.title(invitation)).toBe('Invitation à donner son avis envoyée : apprenants — Mars');
    const reminder = { ...invitation, reminder: 2 };
    expect(kindOf(declaration, reminder)).toBe('reminder');
    expect(declaration.title(reminder)).toBe('Relance n° 2 envoyée : apprenants — Mars');
    const older = { campaignId: 'c1', respondentId: 'a', reminder: 1, messageId: 'm' };
    expect(declaration.title(older)).toBe('Relance n° 1 envoyée');
    expect(declaration.source(older)).toEqual({ type: 'campaign', id: 'c1' });
  });

  it('refuses changes once closed or cancelled, and answers a removed respondent as unknown', () => {
    const closed: CampaignEvent = {
      type: 'CampaignClosed',
      data: { campaignId: 'c1', reason: 'closed_by_user' },
    };
    spec
      .given([planned, closed])
      .when({ type: 'AddRespondents', respondents: [person('a')] })
      .thenRejects('campaign_closed', 409);
    spec
      .given([planned, { type: 'CampaignCancelled', data: { campaignId: 'c1' } }])
      .when({ type: 'CloseCampaign', reason: 'closing_date' })
      .thenRejects('campaign_cancelled', 409);
    const removed: CampaignEvent = {
      type: 'CampaignRespondentRemoved',
      data: { campaignId: 'c1', respondentId: 'a' },
    };
    spec
      .given([planned, added('a'), removed])
      .when({ type: 'OptOut', respondentId: 'a' })
      .thenRejects('respondent_not_found', 404);
  });

  it('records an answer and an opt-out once each', () => {
    const answered: CampaignEvent = {
      type: 'CampaignRespondentAnswered',
      data: { campaignId: 'c1', respondentId: 'a', retryTag: 't1' },
    };
    spec
      .given([planned, added('a')])
      .when({ type: 'RecordAnswer', respondentId: 'a', retryTag: 't1' })
      .thenEmits([answered]);
    // The same submission retried goes on; another submission is a second answer, refused kindly.
    spec
      .given([planned, added('a'), answered])
      .when({ type: 'RecordAnswer', respondentId: 'a', retryTag: 't1' })
      .thenNothing();
    spec
      .given([planned, added('a'), answered])
      .when({ type: 'RecordAnswer', respondentId: 'a', retryTag: 't2' })
      .thenRejects('already_answered', 409);
  });
});

describe('campaign schedule', () => {
  const paris = (iso: string) => new Date(iso);

  it('computes the sending day from the session (e.g. end + 30 days for a follow-up)', () => {
    expect(sendDate(session, 'session_end', 30, null)).toBe('2027-04-04');
    expect(sendDate(session, 'session_start', -2, null)).toBe('2027-02-27');
    expect(sendDate(session, 'date', 0, '2027-05-01')).toBe('2027-05-01');
    expect(
      sendDate(
        { kind: 'period', label: '2027', from: '2027-01-01', to: '2027-12-31' },
        'session_end',
        0,
        null,
      ),
    ).toBeUndefined();
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29'); // across the change to summer time
  });

  const stateOf = (events: CampaignEvent[]) =>
    events.reduce(campaignDecider.evolve, campaignDecider.initialState);
  const sentAt = new Map<string, Date>([
    ['b', paris('2027-03-05T08:00:00Z')],
    ['c', paris('2027-03-05T08:00:00Z')],
  ]);
  const state = stateOf([
    planned,
    added('a'),
    added('b'),
    queued('b', 0),
    added('c'),
    queued('c', 0),
    queued('c', 1),
    queued('c', 2),
    added('d'),
    { type: 'CampaignRespondentAnswered', data: { campaignId: 'c1', respondentId: 'd' } },
    added('e'),
    { type: 'CampaignRespondentOptedOut', data: { campaignId: 'c1', respondentId: 'e' } },
  ]);

  it.each([
    ['the day before sending', '2027-03-04T12:00:00Z', []],
    ['the sending day before 9 in Paris', '2027-03-05T07:59:00Z', []],
    // 9:00 in Paris is 8:00 UTC in winter.
    ['the sending day at 9 in Paris', '2027-03-05T08:00:00Z', [{ respondentId: 'a', reminder: 0 }]],
    [
      'just before the gap after the invitation',
      '2027-03-08T07:59:00Z',
      [{ respondentId: 'a', reminder: 0 }],
    ],
    [
      'the gap after the invitation',
      '2027-03-08T08:00:00Z',
      [
        { respondentId: 'a', reminder: 0 },
        { respondentId: 'b', reminder: 1 },
      ],
    ],
    [
      'the last day, late',
      '2027-03-20T22:59:00Z',
      [
        { respondentId: 'a', reminder: 0 },
        { respondentId: 'b', reminder: 1 },
      ],
    ],
    ['after the last day (Paris midnight)', '2027-03-20T23:00:00Z', []],
  ])('at %s sends what is due, never to who answered, opted out or got every reminder', (_, at, expected) => {
    expect(dueMessages(state, paris(at), (id) => sentAt.get(id))).toEqual(expected);
  });

  it('closes after the last Paris day', () => {
    expect(isPastClosing(schedule, paris('2027-03-20T22:59:59Z'))).toBe(false);
    expect(isPastClosing(schedule, paris('2027-03-20T23:00:00Z'))).toBe(true);
  });
});
