import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsCalendar } from '../projections/actions/queries';
import { registerAccount } from '../services/access/accounts';
import { actionIdOfRequest } from '../services/actions/requests';
import { fixedClock } from '../services/kernel/clock';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';
import { appendCampaignAnswer, resultsCampaign } from './support/results-fixture';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './support/smtp';

const ACTION = `query ($id: ID!) { improvementAction(id: $id) {
  id title type priority status ownerId dueOn toSchedule overdue revision effectiveness followUpOf followUpActionId
  origins { type id indicator }
  history { step text outcome next followUpActionId changedBy }
  files { id fileName downloadPath }
} }`;

interface ActionView {
  id: string;
  title: string;
  type: string;
  status: string;
  ownerId: string;
  dueOn: string | null;
  toSchedule: boolean;
  overdue: boolean;
  revision: number;
  effectiveness: string | null;
  followUpOf: string | null;
  followUpActionId: string | null;
  origins: { type: string; id: string | null; indicator: number | null }[];
  history: { step: string; text: string | null; outcome: string | null; changedBy: string | null }[];
  files: { id: string; fileName: string; downloadPath: string }[];
}

const complaintBody = {
  channel: 'phone',
  group: 'learner',
  anonymous: false,
  name: 'Jeanne Martin',
  email: 'jeanne.martin@example.fr',
  text: 'Les convocations arrivent la veille de la formation.',
};
const incidentBody = {
  kind: 'disruption',
  category: 'room',
  severity: 'moderate',
  site: 'Lyon',
  occurredOn: '2027-05-03',
  description: 'Salle inondée, session déplacée au dernier moment.',
};

describe('improvement actions: planned, carried out, checked for effectiveness, fed by the other slices', () => {
  // Wednesday 5 May 2027, 10:00 in Paris.
  const clock = fixedClock(new Date('2027-05-05T08:00:00Z'));
  const DAY = 24 * 3600_000;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let cookie: string;
  let organisationId: string;
  let userId: string;
  let email: string;

  const post = (url: string, payload: object, headers: Record<string, string> = {}, as = cookie) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as, ...headers } });
  const read = async (query: string, variables: Record<string, unknown> = {}, as = cookie) => {
    const result = await graphql(t.app, as, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const action = async (id: string) => (await read(ACTION, { id })).improvementAction as ActionView | null;
  const content = (overrides: Record<string, unknown> = {}) => ({
    title: 'Envoyer les convocations quinze jours avant',
    description: 'Modèle de convocation et envoi planifié',
    type: 'corrective',
    priority: 'high',
    ownerId: userId,
    dueOn: '2027-05-20',
    origins: [{ type: 'internal_review', id: null, indicator: null }],
    ...overrides,
  });
  const plan = async (overrides: Record<string, unknown> = {}) => {
    const planned = await post('/api/improvement-actions', content(overrides));
    expect(planned.statusCode, planned.body).toBe(201);
    return planned.json().id as string;
  };
  const mailsTo = async (address: string, count: number): Promise<ReceivedMail[]> => {
    const of = () => smtp.accepted.filter((mail) => mail.to.includes(address));
    await expect.poll(() => of().length, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(count);
    return of();
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      clock,
      env: { SMTP_URL: smtp.url, MAIL_RETRY_BASE_MS: '200', ACTION_SWEEP_MINUTES: '0' },
    });
    ({ cookie, organisationId, userId, email } = await t.organisation('Formations Actions'));
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('takes an action from planned to closed, only through an effectiveness check', async () => {
    const complaint = await post('/api/complaints', complaintBody);
    expect(complaint.statusCode, complaint.body).toBe(201);
    const complaintId = complaint.json().id;
    const id = await plan({
      dueOn: null,
      origins: [{ type: 'complaint', id: complaintId, indicator: null }],
    });
    expect(await action(id)).toMatchObject({
      status: 'planned',
      toSchedule: true,
      revision: 0,
      origins: [{ type: 'complaint', id: complaintId, indicator: null }],
    });

    const early = await post(`/api/improvement-actions/${id}/start`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('action_not_scheduled');
    const stale = await post(
      `/api/improvement-actions/${id}/edit`,
      content({ dueOn: '2027-05-20', origins: [{ type: 'complaint', id: complaintId }] }),
      { 'if-match': '3' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 0 } });
    const scheduled = await post(
      `/api/improvement-actions/${id}/edit`,
      content({ dueOn: '2027-05-20', origins: [{ type: 'complaint', id: complaintId }] }),
      { 'if-match': '0' },
    );
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ revision: 1, changed: true });

    expect((await post(`/api/improvement-actions/${id}/start`, {}, { 'if-match': '1' })).statusCode).toBe(
      200,
    );
    const note = await post(`/api/improvement-actions/${id}/progress-notes`, { note: 'Modèle rédigé' });
    expect(note.statusCode).toBe(200);
    const unchecked = await post(`/api/improvement-actions/${id}/effectiveness-check`, {
      outcome: 'effective',
      comment: 'Trop tôt',
    });
    expect(unchecked.statusCode).toBe(409);
    expect(unchecked.json()).toMatchObject({
      code: 'action_step_not_allowed',
      details: { status: 'in_progress' },
    });
    expect(
      (await post(`/api/improvement-actions/${id}/completion`, { summary: 'Convocations envoyées à J-15' }))
        .statusCode,
    ).toBe(200);
    const noCancel = await post(`/api/improvement-actions/${id}/cancellation`, { reason: 'other' });
    expect(noCancel.statusCode).toBe(409);
    const checked = await post(`/api/improvement-actions/${id}/effectiveness-check`, {
      outcome: 'effective',
      comment: 'Aucune réclamation sur les convocations depuis deux mois',
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ changed: true, followUpActionId: null });

    const closed = await action(id);
    expect(closed).toMatchObject({ status: 'closed', effectiveness: 'effective', overdue: false });
    expect(closed!.history.map((step) => step.step)).toEqual([
      'planned',
      'edited',
      'started',
      'progress',
      'done',
      'checked',
    ]);
    expect(closed!.history.every((step) => step.changedBy === userId)).toBe(true);
    const linked = await read(
      'query ($id: ID!) { actionsByOrigin(type: complaint, id: $id) { id status } }',
      {
        id: complaintId,
      },
    );
    expect(linked.actionsByOrigin).toEqual([{ id, status: 'closed' }]);

    const again = await post(`/api/improvement-actions/${id}/progress-notes`, { note: 'Encore' });
    expect(again.statusCode).toBe(409);

    const timeline = (await read(
      '{ evidenceTimeline(indicator: 32, first: 100) { edges { node { kind title sourceId } } } }',
    )) as { evidenceTimeline: { edges: { node: { kind: string; title: string; sourceId: string } }[] } };
    const mine = timeline.evidenceTimeline.edges
      .map((edge) => edge.node)
      .filter((node) => node.sourceId === id);
    expect(mine.map((node) => node.kind)).toContain('improvement_effectiveness');
    expect(mine.find((node) => node.kind === 'improvement_effectiveness')!.title).toContain(
      'Efficacité de l’action vérifiée : efficace',
    );
  });

  it('reopens an action found not effective, or closes it with a follow-up linked both ways', async () => {
    const carry = async (id: string) => {
      expect((await post(`/api/improvement-actions/${id}/start`, {})).statusCode).toBe(200);
      expect((await post(`/api/improvement-actions/${id}/completion`, {})).statusCode).toBe(200);
    };
    const reopened = await plan();
    await carry(reopened);
    const missingNext = await post(`/api/improvement-actions/${reopened}/effectiveness-check`, {
      outcome: 'not_effective',
      comment: 'Toujours des retards',
    });
    expect(missingNext.statusCode).toBe(400);
    expect(missingNext.json().code).toBe('next_step_missing');
    const reopen = await post(`/api/improvement-actions/${reopened}/effectiveness-check`, {
      outcome: 'not_effective',
      comment: 'Toujours des retards',
      next: 'reopen',
    });
    expect(reopen.statusCode).toBe(200);
    expect(await action(reopened)).toMatchObject({ status: 'in_progress', effectiveness: 'not_effective' });

    const followed = await plan({ origins: [{ type: 'non_conformity', id: null, indicator: 19 }] });
    await carry(followed);
    const check = await post(`/api/improvement-actions/${followed}/effectiveness-check`, {
      outcome: 'not_effective',
      comment: 'La cause était ailleurs',
      next: 'follow_up',
    });
    expect(check.statusCode, check.body).toBe(200);
    const followUpId = check.json().followUpActionId as string;
    expect(await action(followed)).toMatchObject({ status: 'closed', followUpActionId: followUpId });
    expect(await action(followUpId)).toMatchObject({
      status: 'planned',
      followUpOf: followed,
      toSchedule: true,
      origins: [{ type: 'non_conformity', indicator: 19 }],
    });
    const nineteen = (await read(
      '{ evidenceTimeline(indicator: 19, first: 100) { edges { node { sourceId } } } }',
    )) as { evidenceTimeline: { edges: { node: { sourceId: string } }[] } };
    expect(nineteen.evidenceTimeline.edges.map((edge) => edge.node.sourceId)).toContain(followed);
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const auditor = await registerAccount(
      { db: t.database.db, store: t.store, clock },
      {
        organisationId,
        email: `auditor.${crypto.randomUUID()}@example.fr`,
        displayName: 'Auditrice',
        role: 'auditor',
        password: PASSWORD,
      },
    );
    await t.runner.waitForPosition(await t.lastPosition(), 30_000);
    const before = await t.lastPosition();
    const cases: [Record<string, unknown>, number, string][] = [
      [content({ title: '' }), 400, 'invalid_request'],
      [content({ type: 'magic' }), 400, 'invalid_request'],
      [content({ dueOn: '2027-02-30' }), 400, 'invalid_request'],
      [content({ origins: [] }), 400, 'origin_missing'],
      [content({ origins: [{ type: 'non_conformity' }] }), 400, 'non_conformity_indicator_missing'],
      [content({ dueOn: '2027-05-04' }), 400, 'due_date_past'],
      [content({ ownerId: crypto.randomUUID() }), 400, 'owner_not_member'],
      [content({ ownerId: auditor.userId }), 400, 'owner_not_member'],
      [content({ origins: [{ type: 'complaint', id: crypto.randomUUID() }] }), 404, 'origin_not_found'],
    ];
    for (const [body, status, code] of cases) {
      const response = await post('/api/improvement-actions', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      if (code !== 'invalid_request') expect(response.json().code).toBe(code);
    }
    const id = await plan();
    const after = await t.lastPosition();
    const steps: [string, object][] = [
      ['progress-notes', { note: '' }],
      ['cancellation', { reason: 'boredom' }],
      ['effectiveness-check', { outcome: 'maybe', comment: 'x' }],
      ['edit', content({ priority: 'urgent' })],
    ];
    for (const [path, body] of steps) {
      expect((await post(`/api/improvement-actions/${id}/${path}`, body)).statusCode, path).toBe(400);
    }
    expect(await t.lastPosition()).toBe(after);
    expect(after).toBeGreaterThan(before);
  });

  it('plans each request of a complaint, an incident and an answer once, however often the pickup runs', async () => {
    const complaint = (await post('/api/complaints', complaintBody)).json().id as string;
    const fromComplaint = await post(`/api/complaints/${complaint}/improvement-requests`, {
      title: 'Revoir le délai des convocations',
    });
    expect(fromComplaint.statusCode, fromComplaint.body).toBe(201);
    const incident = await post('/api/incidents', incidentBody);
    expect(incident.statusCode, incident.body).toBe(201);
    const fromIncident = await post(`/api/incidents/${incident.json().id}/improvement-requests`, {
      title: 'Réserver une salle de repli',
    });
    expect(fromIncident.statusCode, fromIncident.body).toBe(201);
    const campaign = await resultsCampaign(t, cookie, organisationId, { respondents: 1 });
    const { answerId } = await appendCampaignAnswer(t, campaign, {
      answeredOn: '2027-05-04',
      given: {
        overall: 2,
        recommend: 5,
        format: 'room',
        topics: ['a'],
        again: false,
        comment: 'Salle froide',
      },
    });
    await t.runner.waitForPosition(await t.lastPosition(), 30_000);
    const fromAnswer = await post(`/api/results/answers/${answerId}/follow-ups`, {
      kind: 'improvement_action',
      title: 'Chauffer la salle avant l’arrivée',
    });
    expect(fromAnswer.statusCode, fromAnswer.body).toBe(201);

    // The live pickup runs beside these ones: together they plan each request once. A request's event becomes
    // readable in the feed once every earlier transaction ended, so the pickup is run until it planned all three.
    const expected: [string, string, string, string][] = [
      [fromComplaint.json().id, 'complaint', complaint, 'Revoir le délai des convocations'],
      [fromIncident.json().id, 'incident', incident.json().id, 'Réserver une salle de repli'],
      [fromAnswer.json().id, 'feedback', answerId, 'Chauffer la salle avant l’arrivée'],
    ];
    const planned = async () => {
      await t.actionReactor.pickUp();
      const streams = await Promise.all(
        expected.map(([requestId]) =>
          t.store.readStream(`improvementaction-${actionIdOfRequest(organisationId, requestId)}`),
        ),
      );
      return streams.every((events) => events.length > 0);
    };
    await expect.poll(planned, { timeout: 30_000, interval: 50 }).toBe(true);
    await t.actionReactor.pickUp();
    for (const [requestId, type, originId, title] of expected) {
      const id = actionIdOfRequest(organisationId, requestId);
      const events = await t.store.readStream(`improvementaction-${id}`);
      expect(events.map((event) => event.type)).toEqual(['ImprovementActionPlanned']);
      expect(await action(id)).toMatchObject({
        title,
        status: 'planned',
        ownerId: userId,
        toSchedule: true,
        dueOn: null,
        origins: [{ type, id: originId }],
      });
      const linked = await read(
        'query ($type: ImprovementActionOriginType!, $id: ID!) { actionsByOrigin(type: $type, id: $id) { id } }',
        {
          type,
          id: originId,
        },
      );
      expect(linked.actionsByOrigin).toEqual([{ id }]);
    }
    const counted = (await read(
      '{ improvementOriginShare(from: "2027-05-01", to: "2027-05-31") { fromFeedback fromComplaints } }',
    )) as { improvementOriginShare: { fromFeedback: number; fromComplaints: number } };
    expect(counted.improvementOriginShare.fromFeedback).toBeGreaterThanOrEqual(1);
    expect(counted.improvementOriginShare.fromComplaints).toBeGreaterThanOrEqual(2);
  });

  it('erases a picked-up title with the complainant it may quote', async () => {
    const complaint = (await post('/api/complaints', complaintBody)).json().id as string;
    const requested = await post(`/api/complaints/${complaint}/improvement-requests`, {
      title: 'Rappeler Jeanne Martin avant chaque session',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const id = actionIdOfRequest(organisationId, requested.json().id);
    await expect
      .poll(
        async () => {
          await t.actionReactor.pickUp();
          return (await t.store.readStream(`improvementaction-${id}`)).length;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe(1);
    expect((await action(id))!.title).toBe('Rappeler Jeanne Martin avant chaque session');
    const erased = await post(`/api/privacy/subjects/complainant:${complaint}/erase`, {
      reason: 'subject_request',
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(await action(id)).toMatchObject({ title: '[effacé]', status: 'planned' });
    const [planned] = await t.store.readStream(`improvementaction-${id}`);
    expect((planned!.data as { title: string }).title).toBe('[effacé]');
  });

  it('keeps evidence files checked by content, and downloads them', async () => {
    const id = await plan();
    const upload = (bytes: Buffer, filename: string, headers: Record<string, string> = {}) => {
      const form = multipartBody([{ name: 'file', filename, bytes }]);
      return t.app.inject({
        method: 'POST',
        url: `/api/improvement-actions/${id}/evidence`,
        payload: form.payload,
        headers: { cookie, ...form.headers, ...headers },
      });
    };
    const before = await t.lastPosition();
    const script = await upload(Buffer.from('#!/bin/sh\necho hi\n'), 'preuve.pdf');
    expect(script.statusCode).toBe(400);
    expect(await t.lastPosition()).toBe(before);
    const pdf = await upload(tinyPdf(), 'compte-rendu.pdf');
    expect(pdf.statusCode, pdf.body).toBe(201);
    const { files } = (await action(id))!;
    expect(files).toEqual([
      {
        id: pdf.json().id,
        fileName: 'compte-rendu.pdf',
        downloadPath: `/api/improvement-actions/${id}/evidence/${pdf.json().id}`,
      },
    ]);
    const download = await t.app.inject({ method: 'GET', url: files[0]!.downloadPath, headers: { cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(tinyPdf())).toBe(true);
  });

  it('reminds the owner once when an action is due tomorrow and once when it is overdue', async () => {
    // Now Monday 10 May at the earliest; due Friday 14 May.
    clock.advance(5 * DAY);
    cookie = await t.login(email, PASSWORD);
    const id = await plan({ dueOn: '2027-05-14' });
    const sweepTwice = async () => {
      await t.runner.waitForPosition(await t.lastPosition(), 30_000);
      await t.actionReactor.sweep();
      const after = await t.lastPosition();
      await t.actionReactor.sweep();
      expect(await t.lastPosition()).toBe(after);
    };
    const mine = () => smtp.accepted.filter((mail) => mail.text.includes(`/improvement-actions/${id}`));
    await sweepTwice();
    expect(mine()).toHaveLength(0);
    clock.advance(3 * DAY);
    await sweepTwice();
    await mailsTo(email, 1);
    await expect.poll(() => mine().length, { timeout: 30_000 }).toBe(1);
    expect(mine()[0]!.subject).toContain('À terminer demain');
    clock.advance(2 * DAY);
    cookie = await t.login(email, PASSWORD);
    await sweepTwice();
    await expect.poll(() => mine().length, { timeout: 30_000 }).toBe(2);
    expect(mine()[1]!.subject).toContain('En retard');
    expect((await action(id))!.overdue).toBe(true);
    const overdue = (await read('{ improvementActions(overdue: true) { id } }')) as {
      improvementActions: { id: string }[];
    };
    expect(overdue.improvementActions.map((each) => each.id)).toContain(id);
    const calendar = await actionsCalendar(
      t.database.db,
      organisationId,
      { from: '2027-05-01', to: '2027-05-31' },
      '2027-05-16',
    );
    expect(calendar).toContainEqual({
      id: `actions:action_due:${id}`,
      kind: 'action_due',
      date: '2027-05-14',
      title: 'Échéance d’une action corrective',
      href: `/improvement-actions/${id}`,
      indicator: 32,
      overdue: true,
    });
    clock.advance(DAY);
    await sweepTwice();
    expect(mine()).toHaveLength(2);
  });

  it('exports the plan with its filters as CSV and XLSX', async () => {
    cookie = await t.login(email, PASSWORD);
    await t.runner.waitForPosition(await t.lastPosition(), 30_000);
    const exported = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/improvement-actions/export?${query}`, headers: { cookie } });
    const all = await exported('format=csv');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['content-type']).toContain('text/csv');
    const csv = all.body;
    expect(csv).toContain('Action;Type;Priorité;Origines;Responsable;Échéance;En retard;État');
    expect(csv).toContain('Revoir le délai des convocations');
    expect(csv).toContain('À planifier');
    expect(csv).toContain('Non-conformité d’audit (indicateur 19)');
    const overdue = await exported('format=csv&overdue=true');
    const lines = overdue.body.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(';Oui;'))).toBe(true);
    const fromComplaints = await exported('format=csv&originType=complaint');
    expect(fromComplaints.body).not.toContain('Chauffer la salle');
    const xlsx = await exported('format=xlsx&status=closed');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const bad = await exported('format=pdf');
    expect(bad.statusCode).toBe(400);
    const period = await exported('format=csv&dueFrom=2027-06-01&dueTo=2027-05-01');
    expect(period.json().code).toBe('invalid_period');

    // An auditor exports the plan without the titles that may quote a complaint (an incident's they read).
    const auditorEmail = `auditeur.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock },
      { organisationId, email: auditorEmail, displayName: 'Auditeur', role: 'auditor', password: PASSWORD },
    );
    const auditor = await t.login(auditorEmail, PASSWORD);
    const audited = await t.app.inject({
      method: 'GET',
      url: '/api/improvement-actions/export?format=csv',
      headers: { cookie: auditor },
    });
    expect(audited.statusCode).toBe(200);
    expect(audited.body).not.toContain('Revoir le délai des convocations');
    expect(audited.body).toContain('Réserver une salle de repli');
    expect(audited.body).toContain('Intitulé réservé');
    expect(audited.body).toContain('Envoyer les convocations quinze jours avant');
  });
});
