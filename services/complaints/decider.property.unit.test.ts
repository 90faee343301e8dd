import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../kernel/errors';
import { type ComplaintCommand, type ComplaintState, complaintDecider } from './decider';
import { COMPLAINT_OUTCOMES, type ComplaintEvent, type ComplaintIntake } from './events';

/**
 * Random command sequences through the complaint decider: whatever is sent, in whatever order, the stream keeps
 * its rules. Days span a week so that some steps come before the one they follow, or after today.
 */
const TODAY = '2026-12-04';
const day = fc.constantFrom(
  '2026-11-28',
  '2026-11-30',
  '2026-12-01',
  '2026-12-02',
  '2026-12-03',
  '2026-12-04',
);
// Mostly valid values, so that sequences go far; sometimes not, so that refusals are exercised too.
const dated = fc.record({
  on: fc.oneof({ arbitrary: fc.constant(TODAY), weight: 6 }, day, fc.constant('2026-12-05')),
  today: fc.constant(TODAY),
});
const text = fc.oneof(
  { arbitrary: fc.constantFrom('Texte.', 'Autre texte.'), weight: 8 },
  fc.constantFrom('', '  '),
);
const intake: fc.Arbitrary<ComplaintIntake> = fc.record({
  channel: fc.constantFrom('web_form', 'email', 'phone', 'letter', 'in_person'),
  group: fc.constantFrom('learner', 'funder', 'trainer', 'company', 'other'),
  anonymous: fc.boolean(),
  name: fc.constantFrom('Léa Moreau', null),
  email: fc.constantFrom('lea@example.org', null),
  phone: fc.constant(null),
  postalAddress: fc.constantFrom('3 rue des Lilas, Lyon', null),
  about: fc.constant({
    trainingActionId: null,
    trainingTitle: null,
    sessionId: null,
    sessionTitle: null,
    site: null,
  }),
  receivedOn: day,
  text,
  attachments: fc.constant([]),
  ownerId: fc.constantFrom('u1', null),
});

const receive = (value: ComplaintIntake): ComplaintCommand => ({
  type: 'ReceiveComplaint',
  complaintId: 'c1',
  intake: value,
  today: TODAY,
});
const validReceipt = fc
  .tuple(intake, fc.constantFrom(false, false, false, true))
  .map(([value, anonymous]) =>
    receive(
      anonymous
        ? { ...value, anonymous, name: null, email: null, postalAddress: null, text: 'Texte.' }
        : { ...value, anonymous, name: 'Léa Moreau', email: 'lea@example.org', text: 'Texte.' },
    ),
  );

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Weighted towards the steps of a complaint's life, so that sequences reach answers, closings and reopenings. */
const command: fc.Arbitrary<ComplaintCommand> = fc.oneof(
  weighted(1, intake.map(receive)),
  weighted(
    4,
    fc
      .tuple(dated, text, fc.boolean())
      .map(
        ([when, message, sendByEmail]) =>
          ({ type: 'AcknowledgeComplaint', message, sendByEmail, ...when }) as const,
      ),
  ),
  weighted(
    4,
    fc.tuple(dated, text).map(([when, causes]) => ({ type: 'AnalyseComplaint', causes, ...when }) as const),
  ),
  weighted(
    4,
    fc
      .tuple(dated, text, fc.boolean())
      .map(
        ([when, answer, sendByEmail]) => ({ type: 'AnswerComplaint', answer, sendByEmail, ...when }) as const,
      ),
  ),
  weighted(
    1,
    fc
      .tuple(dated, text, fc.boolean())
      .map(
        ([when, reasons, sendByEmail]) =>
          ({ type: 'RejectComplaint', reasons, sendByEmail, ...when }) as const,
      ),
  ),
  weighted(
    1,
    fc
      .tuple(dated, text)
      .map(
        ([when, mediator]) => ({ type: 'StartMediation', mediator, reason: 'Désaccord', ...when }) as const,
      ),
  ),
  weighted(
    2,
    fc.tuple(dated, text).map(([when, result]) => ({ type: 'EndMediation', result, ...when }) as const),
  ),
  weighted(
    1,
    fc.constantFrom('u1', 'u2').map((ownerId) => ({ type: 'ReassignComplaint', ownerId }) as const),
  ),
  weighted(
    2,
    fc
      .tuple(
        dated,
        fc.constantFrom(...COMPLAINT_OUTCOMES, 'resolved', 'resolved'),
        fc.constantFrom('Note.', null),
      )
      .map(([when, outcome, note]) => ({ type: 'CloseComplaint', outcome, note, ...when }) as const),
  ),
  weighted(
    2,
    fc.tuple(dated, text).map(([when, reason]) => ({ type: 'ReopenComplaint', reason, ...when }) as const),
  ),
);

const stepDate = (event: ComplaintEvent): string | null => {
  const data = event.data as Record<string, unknown>;
  const key = Object.keys(data).find((name) => name.endsWith('On'));
  return key ? (data[key] as string) : null;
};

interface Run {
  history: ComplaintEvent[];
  /** Each accepted command with the state it was decided in and what it emitted. */
  accepted: { before: ComplaintState; command: ComplaintCommand; events: ComplaintEvent[] }[];
  refusals: unknown[];
}

const run = (commands: readonly ComplaintCommand[]): Run => {
  const result: Run = { history: [], accepted: [], refusals: [] };
  let state = complaintDecider.initialState;
  for (const next of commands) {
    let events: ComplaintEvent[];
    try {
      events = complaintDecider.decide(next, state);
    } catch (error) {
      result.refusals.push(error);
      continue;
    }
    result.accepted.push({ before: state, command: next, events });
    result.history.push(...events);
    state = events.reduce(complaintDecider.evolve, state);
  }
  return result;
};

const sequences = fc
  .tuple(
    fc.option(validReceipt, { freq: 5 }),
    fc.array(command, { minLength: 1, maxLength: 40, size: 'max' }),
  )
  .map(([first, rest]) => (first ? [first, ...rest] : rest));

describe('complaint decider, driven by random command sequences', () => {
  it('refuses with a 4xx AppError, never anything else', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        for (const error of run(commands).refusals) {
          expect(isAppError(error)).toBe(true);
          if (isAppError(error)) expect(error.status).toBeLessThan(500);
        }
      }),
    );
  });

  it('records nothing about a complaint before its receipt, and receives it once', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const { history } = run(commands);
        if (history.length === 0) return;
        expect(history[0]?.type).toBe('ComplaintReceived');
        expect(history.filter((event) => event.type === 'ComplaintReceived')).toHaveLength(1);
      }),
    );
  });

  it('answers or rejects only an acknowledged complaint, and answers only after an analysis since any reopening', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const { history } = run(commands);
        history.forEach((event, index) => {
          const before = history.slice(0, index).map(({ type }) => type);
          if (event.type === 'ComplaintAnswered' || event.type === 'ComplaintRejected') {
            expect(before).toContain('ComplaintAcknowledged');
          }
          if (event.type === 'ComplaintAnswered') {
            const sinceReopening = before.slice(before.lastIndexOf('ComplaintReopened') + 1);
            expect(sinceReopening).toContain('ComplaintAnalysed');
          }
        });
      }),
    );
  });

  it('changes nothing on a closed or rejected complaint but a reopening', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        for (const { before, events } of run(commands).accepted) {
          if (before.status === 'closed' || before.status === 'rejected') {
            expect(events.map(({ type }) => type)).toEqual(['ComplaintReopened']);
          }
        }
      }),
    );
  });

  it('never rewrites history: one new fact at most per command, about this complaint, dated in order', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const { history, accepted } = run(commands);
        for (const { events } of accepted) expect(events.length).toBeLessThanOrEqual(1);
        for (const event of history) expect(event.data.complaintId).toBe('c1');
        const days = history.map(stepDate).filter((value): value is string => value !== null);
        expect(days).toEqual([...days].sort());
        for (const value of days) expect(value <= TODAY).toBe(true);
      }),
    );
  });

  it('decides the same way from the same state, and rebuilds the same state from the history', () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const { history, accepted } = run(commands);
        for (const { before, command: sent, events } of accepted) {
          expect(complaintDecider.decide(sent, before)).toEqual(events);
        }
        const rebuilt = history.reduce(complaintDecider.evolve, complaintDecider.initialState);
        const incremental = accepted.reduce(
          (state, { events }) => events.reduce(complaintDecider.evolve, state),
          complaintDecider.initialState,
        );
        expect(rebuilt).toEqual(incremental);
      }),
    );
  });
});
