import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchCalendar } from '../projections/watch/queries';
import { registerAccount } from '../services/access/accounts';
import { actionIdOfRequest } from '../services/actions/requests';
import { fixedClock } from '../services/kernel/clock';
import { watchImprovementStream } from '../services/watch/improvement';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

const DAY = 24 * 60 * 60 * 1000;

const NOTE = `query ($id: ID!) { watchNote(id: $id) {
  id theme indicators title sourceName sourceUrl informationOn summary status impact analysis decision changes
  analysedOn recordedOn communications exploitDueOn notExploited communicationMissing revision archived
  steps { step impact channel on text audience { groups members { userId displayName } } byName }
  improvementRequests { requestId title requestedByName }
} }`;
const REGISTER = `query ($theme: WatchTheme, $status: WatchStatus, $notExploited: Boolean, $search: String) {
  watchNotes(theme: $theme, status: $status, notExploited: $notExploited, search: $search) { id notExploited }
}`;

const legalNote = (overrides: Record<string, unknown> = {}) => ({
  theme: 'legal_regulatory',
  title: 'Décret modifiant le référentiel qualité',
  sourceName: 'Légifrance',
  sourceUrl: 'https://www.legifrance.gouv.fr/',
  informationOn: '2027-01-10',
  summary: 'Plusieurs indicateurs sont reformulés ; nos contrats citent l’ancienne rédaction.',
  ...overrides,
});

describe('watch register: a note recorded, analysed, passed on, leading to an action; the delay and its flag', () => {
  // Wednesday 13 January 2027, 09:00 in Paris.
  const clock = fixedClock(new Date('2027-01-13T08:00:00Z'));
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
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the answer's shape as it comes
  const note = async (id: string) => (await read(NOTE, { id })).watchNote as any;
  const register = async (variables: Record<string, unknown> = {}) =>
    ((await read(REGISTER, variables)).watchNotes as { id: string; notExploited: boolean }[]).map(
      (row) => row.id,
    );
  const record = async (overrides: Record<string, unknown> = {}) => {
    const response = await post('/api/watch-notes', legalNote(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie, organisationId, userId, email } = await t.organisation('Veille'));
  });
  afterAll(() => t?.stop());

  it('records a legal note, analyses it (change needed), passes it on to the team, asks for an action once', async () => {
    const id = await record();
    expect(await note(id)).toMatchObject({
      theme: 'legal_regulatory',
      indicators: [23],
      status: 'to_analyse',
      recordedOn: '2027-01-13',
      exploitDueOn: '2027-03-14',
      notExploited: false,
      communicationMissing: false,
    });

    const analysed = await post(`/api/watch-notes/${id}/analyses`, {
      impact: 'change_needed',
      analysis: 'Les contrats et le livret d’accueil citent l’ancienne rédaction.',
      decision: 'Mettre à jour les contrats avant la prochaine session',
      changes: 'Contrat type v4 publié',
    });
    expect(analysed.statusCode, analysed.body).toBe(200);
    expect(await note(id)).toMatchObject({
      status: 'analysed',
      analysedOn: '2027-01-13',
      communicationMissing: true,
    });

    const told = await post(`/api/watch-notes/${id}/communications`, {
      memberIds: [userId],
      groups: ['formateurs'],
      channel: 'meeting',
      message: 'Présenté en réunion d’équipe',
    });
    expect(told.statusCode, told.body).toBe(200);

    const ask = () =>
      post(
        `/api/watch-notes/${id}/improvement-requests`,
        { title: 'Mettre à jour les contrats' },
        {
          'idempotency-key': `improve-${id}`,
        },
      );
    const first = await ask();
    expect(first.statusCode, first.body).toBe(201);
    const again = await ask();
    expect(again.json().id).toBe(first.json().id);
    const requests = await t.store.readStream(watchImprovementStream(id));
    expect(requests).toHaveLength(1);
    expect(requests[0]?.data).toEqual({
      noteId: id,
      requestId: first.json().id,
      title: 'Mettre à jour les contrats',
      requestedBy: userId,
    });
    // The actions slice plans it: a corrective action whose origin is the note.
    const actionStream = `improvementaction-${actionIdOfRequest(organisationId, first.json().id)}`;
    const planned = async () => {
      await t.actionReactor.pickUp();
      return (await t.store.readStream(actionStream)).map((event) => event.data);
    };
    await expect.poll(async () => (await planned()).length, { timeout: 30_000, interval: 50 }).toBe(1);
    expect((await planned())[0]).toMatchObject({
      title: 'Mettre à jour les contrats',
      origins: [{ type: 'watch_note', id }],
    });

    const after = await note(id);
    expect(after).toMatchObject({ communications: 1, communicationMissing: false, impact: 'change_needed' });
    expect(after.steps.map((step: { step: string }) => step.step)).toEqual([
      'recorded',
      'analysed',
      'communicated',
    ]);
    expect(after.steps[2]).toMatchObject({
      channel: 'meeting',
      on: '2027-01-13',
      audience: { groups: ['formateurs'], members: [{ userId, displayName: 'Admin Veille' }] },
    });
    expect(after.improvementRequests).toMatchObject([{ title: 'Mettre à jour les contrats' }]);

    const evidence = await read(
      '{ evidenceTimeline(indicator: 23) { edges { node { kind sourceId title } } } }',
    );
    const steps = (
      evidence.evidenceTimeline as { edges: { node: { kind: string; sourceId: string; title: string } }[] }
    ).edges
      .filter((edge) => edge.node.sourceId === id)
      .map((edge) => [edge.node.kind, edge.node.title]);
    // What the evidence page shows an auditor for indicator 23, in French.
    expect(Object.fromEntries(steps)).toEqual({
      watch_note: 'Information de veille légale et réglementaire : Légifrance — 10/01/2027',
      watch_analysis:
        'Analyse d’une information de veille légale et réglementaire (changement nécessaire) — 13/01/2027',
      watch_communication:
        'Diffusion interne d’une information de veille légale et réglementaire (réunion) — 13/01/2027',
    });
  });

  it('a disability note evidences 23 and 26; a skills note 24 only', async () => {
    const disability = await record({ theme: 'disability', title: 'Guide Agefiph 2027' });
    const skills = await record({ theme: 'skills_jobs', title: 'Fiche métier mise à jour' });
    expect((await note(disability)).indicators).toEqual([23, 26]);
    expect((await note(skills)).indicators).toEqual([24]);
    const on26 = await read('{ evidenceTimeline(indicator: 26) { edges { node { sourceId } } } }');
    const sources = (on26.evidenceTimeline as { edges: { node: { sourceId: string } }[] }).edges.map(
      (edge) => edge.node.sourceId,
    );
    expect(sources).toContain(disability);
    expect(sources).not.toContain(skills);
  });

  it('exports the register as CSV and XLSX with its filters, only the organisation’s own notes', async () => {
    const id = await record({ title: 'Note à exporter ; avec point-virgule' });
    await t.runner.waitForPosition(await t.lastPosition(), 30_000);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/watch-notes/export?format=csv&status=to_analyse',
      headers: { cookie },
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Note à exporter');
    expect(csv.body).toContain('Veille légale et réglementaire');
    const other = await t.organisation('Autre veille');
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/watch-notes/export?format=csv',
      headers: { cookie: other.cookie },
    });
    expect(theirs.body).not.toContain('Note à exporter');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/watch-notes/export?format=xlsx',
      headers: { cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/watch-notes/export?format=pdf',
      headers: { cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(id).toBeTruthy();
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const id = await record();
    const before = await t.lastPosition();
    const cases: [string, object][] = [
      ['/api/watch-notes', legalNote({ theme: 'gossip' })],
      ['/api/watch-notes', legalNote({ title: '   ' })],
      ['/api/watch-notes', legalNote({ sourceUrl: 'javascript:alert(1)' })],
      ['/api/watch-notes', legalNote({ informationOn: '2027-02-30' })],
      ['/api/watch-notes', legalNote({ informationOn: '2027-01-14' })],
      [`/api/watch-notes/${id}/analyses`, { impact: 'huge', analysis: 'x', decision: 'y' }],
      [`/api/watch-notes/${id}/communications`, { groups: ['formateurs'], channel: 'meeting' }],
      [`/api/watch-notes/${id}/communications`, { memberIds: [crypto.randomUUID()], channel: 'email' }],
      ['/api/watch-settings', { exploitWithinDays: 0 }],
      ['/api/watch-settings', { exploitWithinDays: 366 }],
    ];
    for (const [url, payload] of cases) {
      const response = await post(url, payload);
      expect([400, 409], `${url} ${JSON.stringify(payload)}: ${response.body}`).toContain(
        response.statusCode,
      );
      expect(response.json().code, url).toEqual(expect.any(String));
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('edits with If-Match; a stale one answers 409 with the current revision and writes nothing', async () => {
    const id = await record();
    const edited = await post(`/api/watch-notes/${id}/edits`, legalNote({ title: 'Décret n° 2027-12' }), {
      'if-match': '0',
    });
    expect(edited.json()).toMatchObject({ revision: 1, changed: true });
    const before = await t.lastPosition();
    const stale = await post(`/api/watch-notes/${id}/edits`, legalNote({ title: 'Autre' }), {
      'if-match': '0',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    const without = await post(`/api/watch-notes/${id}/edits`, legalNote({ title: 'Autre' }));
    expect(without.statusCode).toBe(400);
    expect(without.json().code).toBe('if_match_required');
    expect(await t.lastPosition()).toBe(before);
  });

  it('sets the delay with its revision; a stale change answers 409', async () => {
    const initial = (await read('{ watchSettings { exploitWithinDays revision } }')).watchSettings;
    expect(initial).toEqual({ exploitWithinDays: 60, revision: -1 });
    const set = await post('/api/watch-settings', { exploitWithinDays: 30 }, { 'if-match': '-1' });
    expect(set.statusCode, set.body).toBe(200);
    expect((await read('{ watchSettings { exploitWithinDays revision } }')).watchSettings).toEqual({
      exploitWithinDays: 30,
      revision: 0,
    });
    const stale = await post('/api/watch-settings', { exploitWithinDays: 45 }, { 'if-match': '-1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ currentRevision: 0 });
    // Back to the default for the next test.
    expect(
      (await post('/api/watch-settings', { exploitWithinDays: 60 }, { 'if-match': '0' })).statusCode,
    ).toBe(200);
  });

  it('flags a note not analysed within the delay, in the register and on the calendar', async () => {
    const id = await record({ title: 'Arrêté à exploiter' });
    const calendarOn = async (from: string, to: string, today: string) => {
      await t.runner.waitForPosition(await t.lastPosition(), 30_000);
      return watchCalendar(t.database.db, organisationId, { from, to }, today);
    };
    expect(await calendarOn('2027-03-14', '2027-03-14', '2027-01-13')).toContainEqual(
      expect.objectContaining({
        id: `watch:watch_note_to_exploit:${id}`,
        kind: 'watch_note_to_exploit',
        date: '2027-03-14',
        href: `/watch/${id}`,
        indicator: 23,
        overdue: false,
      }),
    );
    clock.advance(60 * DAY);
    // Sessions expire meanwhile: sign in again on the new day.
    cookie = await t.login(email, PASSWORD);
    // 14 March 2027: the last day.
    expect((await note(id)).notExploited).toBe(false);
    clock.advance(DAY);
    cookie = await t.login(email, PASSWORD);
    expect((await note(id)).notExploited).toBe(true);
    expect(await register({ notExploited: true })).toContain(id);
    expect(await register({ notExploited: false })).not.toContain(id);
    const counters = (await read('{ watchCounters { theme notExploited } }')).watchCounters as {
      theme: string;
      notExploited: number;
    }[];
    expect(counters.find((row) => row.theme === 'legal_regulatory')?.notExploited).toBeGreaterThanOrEqual(1);
    expect(await register({ search: 'à exploiter' })).toContain(id);
  });

  it('lets a contributor record but not analyse, and an auditor only read', async () => {
    const member = async (role: 'contributor' | 'auditor') => {
      const email = `${role}.${crypto.randomUUID()}@example.fr`;
      await registerAccount(
        { db: t.database.db, store: t.store, clock },
        { organisationId, email, displayName: role, role, password: PASSWORD },
      );
      return t.login(email, PASSWORD);
    };
    const contributor = await member('contributor');
    const auditor = await member('auditor');
    const recorded = await post('/api/watch-notes', legalNote(), {}, contributor);
    expect(recorded.statusCode).toBe(201);
    const id = recorded.json().id;
    const analyse = { impact: 'none', analysis: 'Rien à changer', decision: 'Classer' };
    expect((await post(`/api/watch-notes/${id}/analyses`, analyse, {}, contributor)).statusCode).toBe(403);
    expect((await post('/api/watch-notes', legalNote(), {}, auditor)).statusCode).toBe(403);
    expect((await read(NOTE, { id }, auditor)).watchNote).toMatchObject({ id });
  });
});
