import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { actionIdOfRequest } from '../services/actions/requests';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';

/** Today, for these tests: 1 March 2027 at noon in Paris. */
const NOW = new Date('2027-03-01T11:00:00Z');

const CYCLE = `{
  certificationCycle { issuedOn surveillanceWindow { from to } renewalDeadline renewalBookBy }
  openNonConformities { id indicator grade deadline deadlineState }
  nonConformityWarnings { code count }
}`;
const AUDIT = `query ($id: ID!) { audit(id: $id) {
  id kind status heldFrom revision nonConformities { id indicator grade notifiedOn deadline open finding }
} }`;
const CALENDAR = `query ($from: Date!, $to: Date!) { calendar(from: $from, to: $to) { id kind date endDate title overdue indicator } }`;

describe('audits: the cycle, an audit held, its non-conformities, the calendar and its feed', () => {
  let t: TestApp;
  let cookie: string;
  let organisationId: string;

  const post = (url: string, payload: object, headers: Record<string, string> = {}, as = cookie) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as, ...headers } });
  const read = async (query: string, variables: Record<string, unknown> = {}, as = cookie) => {
    const result = await graphql(t.app, as, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: each test reads the shape its query asked for
    return result.data! as Record<string, any>;
  };
  const plan = async (body: Record<string, unknown> = {}) => {
    const response = await post('/api/audits', {
      kind: 'surveillance',
      certifierName: 'Certificateur Exemple',
      plannedFrom: '2027-02-10',
      plannedTo: '2027-02-11',
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; outsideSurveillanceWindow: boolean };
  };
  const heldAudit = async () => {
    const { id } = await plan();
    const held = await post(`/api/audits/${id}/held`, { heldFrom: '2027-02-10', heldTo: '2027-02-11' });
    expect(held.statusCode, held.body).toBe(200);
    return id;
  };
  const recordNc = (auditId: string, body: Record<string, unknown>) =>
    post(`/api/audits/${auditId}/non-conformities`, {
      finding: 'Constat du rapport',
      notifiedOn: '2027-02-15',
      ...body,
    });
  const feedText = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    return response;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => NOW } });
    ({ cookie, organisationId } = await t.organisation('Audits'));
    const certificate = await post(
      '/api/organisation/certification',
      {
        certifierName: 'Certificateur Exemple',
        certificateNumber: 'Q-2025-001',
        issuedOn: '2025-10-01',
        expiresOn: '2028-09-30',
      },
      { 'if-match': '-1' },
    );
    expect(certificate.statusCode, certificate.body).toBe(200);
  });
  afterAll(() => t?.stop());

  it('computes the cycle from the certificate: surveillance months 14–22, renewal before 36 months', async () => {
    expect((await read(CYCLE)).certificationCycle).toEqual({
      issuedOn: '2025-10-01',
      surveillanceWindow: { from: '2026-12-01', to: '2027-08-01' },
      renewalDeadline: '2028-09-30',
      renewalBookBy: '2028-02-01',
    });
  });

  it('warns of a surveillance audit planned outside its window, without refusing it', async () => {
    expect((await plan()).outsideSurveillanceWindow).toBe(false);
    expect(
      (await plan({ plannedFrom: '2027-09-01', plannedTo: '2027-09-01' })).outsideSurveillanceWindow,
    ).toBe(true);
  });

  it('records one major and two minors from a held audit, with deadlines 3 and 6 months after notification', async () => {
    const auditId = await heldAudit();
    for (const body of [
      { indicator: 31, grade: 'major' },
      { indicator: 12, grade: 'minor' },
      { indicator: 30, grade: 'minor' },
    ]) {
      const response = await recordNc(auditId, body);
      expect(response.statusCode, response.body).toBe(201);
    }
    const audit = (await read(AUDIT, { id: auditId })).audit;
    expect(audit.status).toBe('held');
    expect(
      audit.nonConformities.map((nc: { indicator: number; grade: string; deadline: string }) => [
        nc.indicator,
        nc.grade,
        nc.deadline,
      ]),
    ).toEqual([
      [31, 'major', '2027-05-15'],
      [12, 'minor', '2027-08-15'],
      [30, 'minor', '2027-08-15'],
    ]);
    const calendar = (await read(CALENDAR, { from: '2027-03-01', to: '2027-12-31' })).calendar as {
      kind: string;
      date: string;
      indicator: number | null;
    }[];
    const deadlines = calendar
      .filter((item) => item.kind === 'nc_deadline')
      .map((item) => [item.date, item.indicator]);
    expect(deadlines).toEqual(
      expect.arrayContaining([
        ['2027-05-15', 31],
        ['2027-08-15', 12],
        ['2027-08-15', 30],
      ]),
    );
    expect(calendar.map((item) => item.date)).toEqual([...calendar.map((item) => item.date)].sort());
  });

  it('refuses a minor on a major-only indicator, bad input, and an NC from an audit not held: nothing written', async () => {
    const auditId = await heldAudit();
    const { id: plannedId } = await plan();
    const before = await t.lastPosition();
    const minorOnMajorOnly = await recordNc(auditId, { indicator: 31, grade: 'minor' });
    expect(minorOnMajorOnly.statusCode).toBe(400);
    expect(minorOnMajorOnly.json().code).toBe('minor_on_major_only_indicator');
    const unknownIndicator = await recordNc(auditId, { indicator: 40, grade: 'major' });
    expect(unknownIndicator.json().code).toBe('unknown_indicator');
    const badBody = await recordNc(auditId, { indicator: 'douze', grade: 'minor' });
    expect(badBody.statusCode).toBe(400);
    const badDates = await post('/api/audits', {
      kind: 'initial',
      certifierName: 'X',
      plannedFrom: '2027-02-30',
      plannedTo: '2027-03-01',
    });
    expect(badDates.statusCode).toBe(400);
    const backwards = await post('/api/audits', {
      kind: 'initial',
      certifierName: 'X',
      plannedFrom: '2027-03-02',
      plannedTo: '2027-03-01',
    });
    expect(backwards.json().code).toBe('audit_dates_invalid');
    const notHeld = await recordNc(plannedId, { indicator: 12, grade: 'minor' });
    expect(notHeld.statusCode).toBe(409);
    expect(notHeld.json().code).toBe('audit_not_held');
    expect(await t.lastPosition()).toBe(before);
  });

  it('receives the report file through the files port, checked by content; a wrong one writes nothing', async () => {
    const auditId = await heldAudit();
    const sendReport = (bytes: Buffer, filename: string) => {
      const form = multipartBody([
        { name: 'receivedOn', value: '2027-02-20' },
        { name: 'report', filename, bytes },
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/api/audits/${auditId}/report`,
        payload: form.payload,
        headers: { cookie, ...form.headers },
      });
    };
    const before = await t.lastPosition();
    const fake = await sendReport(Buffer.from('<html><script>alert(1)</script></html>'), 'rapport.pdf');
    expect(fake.statusCode).toBe(400);
    expect(await t.lastPosition()).toBe(before);
    const received = await sendReport(tinyPdf(), 'rapport-surveillance.pdf');
    expect(received.statusCode, received.body).toBe(200);
    const audit = (
      await read(
        `query ($id: ID!) { audit(id: $id) { status reportReceivedOn reportFileName reportMediaType } }`,
        { id: auditId },
      )
    ).audit;
    expect(audit).toEqual({
      status: 'report_received',
      reportReceivedOn: '2027-02-20',
      reportFileName: 'rapport-surveillance.pdf',
      reportMediaType: 'application/pdf',
    });
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/audits/${auditId}/report-file`,
      headers: { cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(tinyPdf())).toBe(true);
    // The auditor reads the report as the page offers it: every member may download it.
    const auditorEmail = `auditeur.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => NOW } },
      { organisationId, email: auditorEmail, displayName: 'Auditeur', role: 'auditor', password: PASSWORD },
    );
    const auditor = await t.login(auditorEmail, PASSWORD);
    const auditorDownload = await t.app.inject({
      method: 'GET',
      url: `/api/audits/${auditId}/report-file`,
      headers: { cookie: auditor },
    });
    expect(auditorDownload.statusCode).toBe(200);
    expect(auditorDownload.rawPayload.equals(tinyPdf())).toBe(true);
  });

  it('refuses a report file sent with a stale If-Match (the page showed an older audit): 409, nothing written', async () => {
    const auditId = await heldAudit();
    const form = multipartBody([
      { name: 'receivedOn', value: '2027-02-20' },
      { name: 'report', filename: 'rapport.pdf', bytes: tinyPdf() },
    ]);
    const before = await t.lastPosition();
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/audits/${auditId}/report`,
      payload: form.payload,
      headers: { cookie, 'if-match': '0', ...form.headers },
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    expect(await t.lastPosition()).toBe(before);
    const audit = (
      await read(`query ($id: ID!) { audit(id: $id) { status reportFileName } }`, { id: auditId })
    ).audit;
    expect(audit).toEqual({ status: 'held', reportFileName: null });
  });

  it('refuses a stale If-Match with the current revision', async () => {
    const { id } = await plan();
    const moved = await post(
      `/api/audits/${id}/reschedule`,
      { plannedFrom: '2027-03-10', plannedTo: '2027-03-10' },
      { 'if-match': '0' },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const before = await t.lastPosition();
    const stale = await post(
      `/api/audits/${id}/reschedule`,
      { plannedFrom: '2027-03-12', plannedTo: '2027-03-12' },
      { 'if-match': '0' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    expect(await t.lastPosition()).toBe(before);
  });

  it('closes a major only when its corrective action is judged effective; requests a corrective action', async () => {
    const auditId = await heldAudit();
    const { id } = (await recordNc(auditId, { indicator: 22, grade: 'major' })).json();
    const requested = await post(`/api/non-conformities/${id}/action-requests`, {
      title: 'Former le référent handicap',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const requests = (await t.store.readStream(`nonconformityaction-${id}`)).map((event) => event.data);
    expect(Object.keys(requests[0] as object).sort()).toEqual([
      'indicator',
      'nonConformityId',
      'requestId',
      'requestedBy',
      'title',
    ]);
    expect(requests[0]).toMatchObject({
      nonConformityId: id,
      indicator: 22,
      title: 'Former le référent handicap',
    });
    // The actions slice plans it: a corrective action from the non-conformity, evidencing 32 and 22.
    const { requestId } = requests[0] as { requestId: string };
    const actionStream = `improvementaction-${actionIdOfRequest(organisationId, requestId)}`;
    const planned = async () => {
      await t.actionReactor.pickUp();
      return (await t.store.readStream(actionStream)).map((event) => event.data);
    };
    await expect.poll(async () => (await planned()).length, { timeout: 30_000, interval: 50 }).toBe(1);
    expect((await planned())[0]).toMatchObject({
      title: 'Former le référent handicap',
      type: 'corrective',
      origins: [{ type: 'non_conformity', id, indicator: 22 }],
    });
    const notEffective = await post(`/api/non-conformities/${id}/close`, {
      closedOn: '2027-02-28',
      evidence: 'Attestation',
      effective: false,
    });
    expect(notEffective.json().code).toBe('effectiveness_not_confirmed');
    const closed = await post(`/api/non-conformities/${id}/close`, {
      closedOn: '2027-02-28',
      evidence: 'Attestation',
      effective: true,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const nc = (
      await read(`query ($id: ID!) { nonConformity(id: $id) { open closedOn effective actionRequests } }`, {
        id,
      })
    ).nonConformity;
    expect(nc).toEqual({ open: false, closedOn: '2027-02-28', effective: true, actionRequests: 1 });
    const timeline = async (indicator: number) =>
      (
        (
          await read(
            `{ evidenceTimeline(indicator: ${indicator}, first: 100) { edges { node { kind title sourceId } } } }`,
          )
        ).evidenceTimeline.edges as { node: { kind: string; title: string; sourceId: string } }[]
      )
        .map((edge) => edge.node)
        .filter((node) => node.sourceId === id)
        .map((node) => node.kind)
        .sort();
    expect(await timeline(22)).toEqual(['audit_non_conformity', 'non_conformity_closed']);
    expect(await timeline(32)).toEqual(['improvement_source', 'non_conformity_closed']);
  });

  it('serves the calendar as an iCalendar feed a parser reads; regenerating or revoking ends the old address', async () => {
    const created = await post('/api/calendar-feed', {});
    expect(created.statusCode, created.body).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/\/ics\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await feedText(url);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body).toContain('\r\n');
    for (const line of feed.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Qualiopi — Audits');
    const events = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    const window = events.find((event) => event.uid.startsWith('audits:surveillance_window:'));
    expect(window?.startDate.toString()).toBe('2026-12-01');
    expect(window?.startDate.isDate).toBe(true);
    expect(window?.endDate.toString()).toBe('2027-08-02');
    const major = events.find((event) => event.summary.includes('indicateur 31'));
    expect(major?.startDate.toString()).toBe('2027-05-15');
    expect(major?.endDate.toString()).toBe('2027-05-16');
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);

    const regenerated = (await post('/api/calendar-feed', {})).json().url;
    expect((await feedText(url)).statusCode).toBe(404);
    expect((await feedText(regenerated)).statusCode).toBe(200);
    const revoked = await post('/api/calendar-feed/revoke', {});
    expect(revoked.json()).toEqual({ revoked: true });
    expect((await feedText(regenerated)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/ics/not-a-token.ics' })).statusCode).toBe(404);
  });

  it('refuses a calendar range that runs backwards or is too long', async () => {
    for (const variables of [
      { from: '2027-03-01', to: '2027-02-01' },
      { from: '2027-01-01', to: '2030-01-01' },
    ]) {
      const result = await graphql(t.app, cookie, CALENDAR, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('ends the feed of a member who is deactivated', async () => {
    const email = `contributor.${crypto.randomUUID()}@example.fr`;
    const { userId } = await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => NOW } },
      { organisationId, email, displayName: 'Contributrice', role: 'contributor', password: PASSWORD },
    );
    const member = await t.login(email, PASSWORD);
    const { url } = (await post('/api/calendar-feed', {}, {}, member)).json();
    // The feed asks the team's read model whether the member is active: let it take the new member in first.
    await read('{ audits { id } }');
    expect((await feedText(url)).statusCode).toBe(200);
    const deactivated = await post(`/api/team/members/${userId}/deactivate`, {});
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    await read('{ audits { id } }');
    expect((await feedText(url)).statusCode).toBe(404);
  });
});
