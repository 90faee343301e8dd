import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { fixedClock } from '../services/kernel/clock';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './support/smtp';

const COMPLAINT = `query ($id: ID!) { complaint(id: $id) {
  id reference status channel group receivedOn ownerId outcome overdue revision erased personalDataVisible
  complainantName complainantEmail text
  acknowledgement { dueOn doneOn state workingDays } answer { dueOn doneOn state workingDays }
  steps { kind on text sentByEmail outcome }
} }`;
const REGISTER = `query ($overdue: Boolean, $status: ComplaintStatus) {
  complaints(overdue: $overdue, status: $status) { edges { node { id reference } } }
}`;
const STATISTICS = `query ($from: Date!, $to: Date!) { complaintStatistics(from: $from, to: $to) {
  complaints acknowledgement { inTime late overdue shareInTime medianWorkingDays }
  answer { inTime late overdue shareInTime medianWorkingDays }
} }`;

interface ComplaintView {
  reference: string;
  status: string;
  overdue: boolean;
  revision: number;
  text: string | null;
  complainantName: string | null;
  acknowledgement: { dueOn: string; state: string };
  answer: { dueOn: string; state: string };
  steps: { kind: string; text: string | null; sentByEmail: boolean | null }[];
}

const byPhone = (overrides: Record<string, unknown> = {}) => ({
  channel: 'phone',
  group: 'learner',
  anonymous: false,
  name: 'Jeanne Martin',
  email: 'jeanne.martin@example.fr',
  text: 'La salle de la session de mai était trop petite et sans chauffage.',
  ...overrides,
});

describe('complaints: recorded by staff, acknowledged and answered by e-mail, against working-day deadlines', () => {
  // Wednesday 5 May 2027, 10:00 in Paris; Thursday 6 May is Ascension Day.
  const clock = fixedClock(new Date('2027-05-05T08:00:00Z'));
  const DAY = 24 * 3600_000;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let cookie: string;
  let organisationId: string;
  let email: string;
  let userId: string;

  const post = (url: string, payload: object, headers: Record<string, string> = {}, as = cookie) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as, ...headers } });
  const read = async (query: string, variables: Record<string, unknown> = {}, as = cookie) => {
    const result = await graphql(t.app, as, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const complaint = async (id: string, as = cookie) =>
    (await read(COMPLAINT, { id }, as)).complaint as ComplaintView;
  const register = async (variables: Record<string, unknown> = {}) =>
    ((await read(REGISTER, variables)).complaints as { edges: { node: { id: string } }[] }).edges.map(
      (edge) => edge.node.id,
    );
  const mailsTo = async (address: string, count: number): Promise<ReceivedMail[]> => {
    const of = () => smtp.accepted.filter((mail) => mail.to.includes(address));
    await expect.poll(() => of().length, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(count);
    return of();
  };
  const member = async (role: 'contributor' | 'auditor') => {
    const email = `${role}.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock },
      { organisationId, email, displayName: role, role, password: PASSWORD },
    );
    return t.login(email, PASSWORD);
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url, MAIL_RETRY_BASE_MS: '200' } });
    ({ cookie, organisationId, email, userId } = await t.organisation('Formations Réclamations'));
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('takes a complaint through its life: acknowledged and answered by mail, closed, then refused any step', async () => {
    const recorded = await post('/api/complaints', byPhone());
    expect(recorded.statusCode, recorded.body).toBe(201);
    const { id } = recorded.json();
    expect(await complaint(id)).toMatchObject({
      reference: 'R-2027-001',
      status: 'received',
      overdue: false,
      complainantName: 'Jeanne Martin',
      // Two working days after Wednesday, Ascension Thursday not counted: Friday, then Monday.
      acknowledgement: { dueOn: '2027-05-10', state: 'pending' },
      answer: { dueOn: '2027-05-28', state: 'pending' },
    });

    const early = await post(`/api/complaints/${id}/answer`, { answer: 'Trop tôt' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('complaint_not_acknowledged');

    const message =
      'Nous avons bien reçu votre réclamation et reviendrons vers vous sous quinze jours ouvrés.';
    const stale = await post(`/api/complaints/${id}/acknowledgement`, { message }, { 'if-match': '3' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 0 } });
    const acknowledged = await post(
      `/api/complaints/${id}/acknowledgement`,
      { message },
      { 'if-match': '0' },
    );
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json()).toMatchObject({ revision: 1, changed: true });
    const [ack] = await mailsTo('jeanne.martin@example.fr', 1);
    expect(ack!.subject).toContain('Accusé de réception de votre réclamation — Formations Réclamations');
    expect(ack!.text).toContain('Bonjour Jeanne Martin,');
    expect(ack!.text).toContain(message);

    // Past the answer's due date, the register shows it overdue, judged on the day it is read.
    clock.advance(26 * DAY);
    // Sessions expire over those weeks.
    cookie = await t.login(email, PASSWORD);
    expect((await complaint(id)).overdue).toBe(true);
    expect(await register({ overdue: true })).toContain(id);
    const counters = await read('{ complaintCounters { total open overdue } }');
    expect(counters.complaintCounters).toEqual({ total: 1, open: 1, overdue: 1 });

    expect(
      (await post(`/api/complaints/${id}/analysis`, { causes: 'Salle réservée trop tard.' })).statusCode,
    ).toBe(200);
    const answer = 'Les sessions de juin auront lieu dans la grande salle, chauffée.';
    expect((await post(`/api/complaints/${id}/answer`, { answer })).statusCode).toBe(200);
    const mails = await mailsTo('jeanne.martin@example.fr', 2);
    expect(mails[1]!.subject).toContain('Réponse à votre réclamation');
    expect(mails[1]!.text).toContain(answer);
    expect((await post(`/api/complaints/${id}/closure`, { outcome: 'resolved' })).statusCode).toBe(200);

    const closed = await complaint(id);
    expect(closed).toMatchObject({
      status: 'closed',
      overdue: false,
      revision: 4,
      acknowledgement: { state: 'in_time' },
      answer: { state: 'late' },
    });
    expect(closed.steps.map((step) => step.kind)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'ComplaintAnalysed',
      'ComplaintAnswered',
      'ComplaintClosed',
    ]);
    expect(closed.steps[1]).toMatchObject({ text: message, sentByEmail: true });
    const again = await post(`/api/complaints/${id}/analysis`, { causes: 'Encore' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('complaint_closed');

    const improvement = await post(`/api/complaints/${id}/improvement-requests`, {
      title: 'Réserver les salles un mois à l’avance',
    });
    expect(improvement.statusCode, improvement.body).toBe(201);
    const links = await read('query ($id: ID!) { complaint(id: $id) { improvementRequests { id title } } }', {
      id,
    });
    expect(links.complaint).toEqual({
      improvementRequests: [{ id: improvement.json().id, title: 'Réserver les salles un mois à l’avance' }],
    });
    const unknown = await post(`/api/complaints/${crypto.randomUUID()}/improvement-requests`, { title: 'X' });
    expect(unknown.statusCode).toBe(404);

    const statistics = await read(STATISTICS, { from: '2027-05-01', to: '2027-05-31' });
    expect(statistics.complaintStatistics).toEqual({
      complaints: 1,
      acknowledgement: { inTime: 1, late: 0, overdue: 0, shareInTime: 1, medianWorkingDays: 0 },
      answer: { inTime: 0, late: 1, overdue: 0, shareInTime: 0, medianWorkingDays: 16 },
    });

    const evidence = await read('{ evidenceTimeline(indicator: 31) { edges { node { kind sourceId } } } }');
    const kinds = (
      evidence.evidenceTimeline as { edges: { node: { kind: string; sourceId: string } }[] }
    ).edges
      .filter((edge) => edge.node.sourceId === id)
      .map((edge) => edge.node.kind);
    expect(kinds).toEqual([
      'complaint_received',
      'complaint_acknowledged',
      'complaint_analysed',
      'complaint_answered',
      'complaint_closed',
    ]);
  });

  it('refuses bad input with a code and writes nothing', async () => {
    // The improvement request above is planned by the actions slice: let it be, before counting.
    await t.actionReactor.pickUpThrough(await t.lastPosition());
    const before = await t.lastPosition();
    const anonymousNamed = await post('/api/complaints', byPhone({ anonymous: true }));
    expect(anonymousNamed.statusCode).toBe(400);
    expect(anonymousNamed.json().code).toBe('anonymous_with_identity');
    const future = await post('/api/complaints', byPhone({ receivedOn: '2099-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('date_in_future');
    const withFile = await post('/api/complaints', byPhone({ attachments: [{ fileName: 'a.pdf' }] }));
    expect(withFile.statusCode).toBe(400);
    const missing = await post(`/api/complaints/${crypto.randomUUID()}/acknowledgement`, {
      message: 'Bien reçu',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('complaint_not_found');
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets contributors record but not handle, and shows personal fields only to those who handle', async () => {
    const contributor = await member('contributor');
    const auditor = await member('auditor');
    const recorded = await post('/api/complaints', byPhone({ channel: 'in_person' }), {}, contributor);
    expect(recorded.statusCode, recorded.body).toBe(201);
    const { id } = recorded.json();
    const handled = await post(
      `/api/complaints/${id}/acknowledgement`,
      { message: 'Bien reçu' },
      {},
      contributor,
    );
    expect(handled.statusCode).toBe(403);
    expect((await post('/api/complaints', byPhone(), {}, auditor)).statusCode).toBe(403);
    for (const as of [contributor, auditor]) {
      expect(await complaint(id, as)).toMatchObject({
        text: null,
        complainantName: null,
        status: 'received',
      });
    }
    expect((await complaint(id)).text).toContain('trop petite');
  });

  it('moves due dates when the organisation changes its deadlines', async () => {
    const recorded = await post(
      '/api/complaints',
      byPhone({ receivedOn: '2027-05-05', email: null, phone: '0600000000' }),
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
    const { id } = recorded.json();
    const before = await read('{ complaintDeadlineSettings { revision } }');
    expect(before.complaintDeadlineSettings).toEqual({ revision: -1 });
    const refused = await post('/api/complaint-settings', {
      acknowledgeWithinWorkingDays: 10,
      answerWithinWorkingDays: 5,
      calendar: 'metropolitan',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('answer_due_before_acknowledgement');
    const set = await post(
      '/api/complaint-settings',
      { acknowledgeWithinWorkingDays: 5, answerWithinWorkingDays: 15, calendar: 'alsace_moselle' },
      { 'if-match': '-1' },
    );
    expect(set.statusCode, set.body).toBe(200);
    expect((await complaint(id)).acknowledgement.dueOn).toBe('2027-05-13');
    const settings = await read(
      '{ complaintDeadlineSettings { acknowledgeWithinWorkingDays calendar revision } }',
    );
    expect(settings.complaintDeadlineSettings).toEqual({
      acknowledgeWithinWorkingDays: 5,
      calendar: 'alsace_moselle',
      revision: 0,
    });
    // A form filled before that change is refused with the current revision, and changes nothing.
    const stale = await post(
      '/api/complaint-settings',
      { acknowledgeWithinWorkingDays: 3, answerWithinWorkingDays: 10, calendar: 'metropolitan' },
      { 'if-match': '-1' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 0 } });
    expect((await complaint(id)).acknowledgement.dueOn).toBe('2027-05-13');
    // No address: the acknowledgement cannot go by e-mail, and is recorded as given another way.
    const byMail = await post(`/api/complaints/${id}/acknowledgement`, {
      message: 'Reçu',
      sendByEmail: true,
    });
    expect(byMail.statusCode).toBe(409);
    expect(byMail.json().code).toBe('complainant_has_no_email');
    expect(
      (await post(`/api/complaints/${id}/acknowledgement`, { message: 'Reçu par téléphone' })).statusCode,
    ).toBe(200);
  });

  it('reminds the owner once when a step is due tomorrow and once when it is overdue, whatever the sweeps', async () => {
    // Now Monday 31 May; the deadlines are 5 working days (set above): received Friday 28, due Friday 4 June.
    const recorded = await post('/api/complaints', byPhone({ receivedOn: '2027-05-28', ownerId: userId }));
    expect(recorded.statusCode, recorded.body).toBe(201);
    const { id } = recorded.json();
    expect((await complaint(id)).acknowledgement.dueOn).toBe('2027-06-04');
    const sweepTwice = async () => {
      await t.runner.waitForPosition(await t.lastPosition(), 30_000);
      await t.complaintReactor.sweep();
      const after = await t.lastPosition();
      await t.complaintReactor.sweep();
      // The second sweep queues nothing new: the reminder's key was already used.
      expect(await t.lastPosition()).toBe(after);
    };
    await sweepTwice();
    expect(smtp.accepted.filter((mail) => mail.to.includes(email))).toHaveLength(0);

    clock.advance(3 * DAY);
    await sweepTwice();
    const [tomorrow] = await mailsTo(email, 1);
    expect(tomorrow!.subject).toContain('À faire demain : accusé de réception');

    clock.advance(2 * DAY);
    await sweepTwice();
    const reminders = await mailsTo(email, 2);
    expect(reminders[1]!.subject).toContain('En retard : accusé de réception');
    expect(reminders[1]!.text).toContain(`/complaints/${id}`);
    clock.advance(DAY);
    await sweepTwice();
    expect(smtp.accepted.filter((mail) => mail.to.includes(email))).toHaveLength(2);
  });
});
