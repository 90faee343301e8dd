import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const REGISTER = `query ($search: String, $sessionId: ID, $channel: ComplaintChannel) {
  complaints(search: $search, sessionId: $sessionId, channel: $channel) {
    edges { node { id reference ownerName complainantName } }
  }
}`;

describe('complaints register: search, breakdowns, export (CSV and XLSX), tenant isolation', () => {
  const fixture = twoTenants();

  /** Records a complaint as this member, after every earlier write is readable; answers its id. */
  const record = async (cookie: string, body: object) => {
    const response = await fixture.t.app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: body,
      headers: { cookie, 'x-min-position': String(await fixture.t.lastPosition()) },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const register = async (cookie: string, variables: Record<string, unknown>) => {
    const result = await fixture.read(cookie, REGISTER, variables);
    expect(result.errors).toBeUndefined();
    return (
      result.data!.complaints as {
        edges: { node: { id: string; reference: string; ownerName: string | null } }[];
      }
    ).edges.map((edge) => edge.node);
  };
  const exportAs = async (cookie: string | undefined, query: string) =>
    fixture.t.app.inject({
      method: 'GET',
      url: `/api/complaints/export?${query}`,
      headers: { ...(cookie ? { cookie } : {}), 'x-min-position': String(await fixture.t.lastPosition()) },
    });
  const csvLines = (body: Buffer) => {
    const text = body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    return text.slice(1).trimEnd().split('\r\n');
  };

  const ids: Record<string, string> = {};
  const seed = async () => {
    if (ids.phone) return;
    const { a, b } = fixture;
    ids.phone = await record(a.cookie, {
      channel: 'phone',
      group: 'learner',
      anonymous: false,
      name: 'Jeanne Martin',
      phone: '06 12 34 56 78',
      sessionId: a.data.sessionId,
      text: 'La salle était sans chauffage ; nous avions froid.',
    });
    ids.letter = await record(a.cookie, {
      channel: 'letter',
      group: 'funder',
      anonymous: false,
      name: 'OPCO Sud',
      postalAddress: '2 place du Marché, 13001 Marseille',
      site: 'Lyon Part-Dieu',
      text: '=HYPERLINK("http://example.com") les attestations manquent',
    });
    ids.anonymous = await record(a.cookie, {
      channel: 'in_person',
      group: 'other',
      anonymous: true,
      text: 'Le parking est toujours plein, 100% du temps.',
    });
    const handlers = await fixture.read(a.cookie, '{ complaintHandlers { id displayName } }');
    const [handler] = handlers.data!.complaintHandlers as { id: string; displayName: string }[];
    ids.owned = await record(a.cookie, {
      channel: 'email',
      group: 'company',
      anonymous: false,
      name: 'Entreprise X',
      email: 'contact@example.fr',
      text: 'Facture en double.',
      ownerId: handler!.id,
    });
    ids.foreign = await record(b.cookie, {
      channel: 'phone',
      group: 'learner',
      anonymous: false,
      name: 'Secret de B',
      phone: '01 02 03 04 05',
      text: 'Une réclamation de B sans chauffage non plus.',
    });
  };

  it('searches the reference, training, session and site for everyone, and the name and text only for those who handle complaints', async () => {
    await seed();
    const { a } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const found = async (cookie: string, search: string) =>
      (await register(cookie, { search })).map((node) => node.id).sort();

    expect(await found(a.cookie, 'CHAUFFAGE')).toEqual([ids.phone]);
    expect(await found(auditor, 'chauffage')).toEqual([]);
    expect(await found(a.cookie, 'jeanne')).toEqual([ids.phone]);
    expect(await found(auditor, 'jeanne')).toEqual([]);
    expect(await found(auditor, 'part-dieu')).toEqual([ids.letter]);
    expect(await found(auditor, 'action a')).toEqual([ids.phone]);
    // `%` and `_` are letters, not patterns.
    expect(await found(a.cookie, '100%')).toEqual([ids.anonymous]);
    expect(await found(a.cookie, '_')).toEqual([]);
    const [reference] = (await register(a.cookie, {})).filter((node) => node.id === ids.letter);
    expect(await found(auditor, reference!.reference)).toEqual([ids.letter]);
    expect(await found(a.cookie, '   ')).toHaveLength(4);

    const bySession = await register(a.cookie, { sessionId: a.data.sessionId });
    expect(bySession.map((node) => node.id)).toEqual([ids.phone]);
    const tooLong = await fixture.read(a.cookie, REGISTER, { search: 'x'.repeat(101) });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('never finds another organisation’s complaint, whatever the search', async () => {
    await seed();
    const found = await register(fixture.a.cookie, { search: 'chauffage' });
    expect(found.map((node) => node.id)).not.toContain(ids.foreign);
    expect((await register(fixture.a.cookie, { search: 'Secret de B' })).length).toBe(0);
  });

  it('counts only the complaints the register’s filter keeps, and the personal words only for handlers', async () => {
    await seed();
    const { a } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const counters = async (cookie: string, variables: Record<string, unknown>) => {
      const result = await fixture.read(
        cookie,
        `query ($channel: ComplaintChannel, $search: String, $from: Date, $to: Date) {
          complaintCounters(channel: $channel, search: $search, from: $from, to: $to) { total open }
        }`,
        variables,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.complaintCounters;
    };

    expect(await counters(a.cookie, {})).toEqual({ total: 4, open: 4 });
    expect(await counters(a.cookie, { channel: 'letter' })).toEqual({ total: 1, open: 1 });
    expect(await counters(a.cookie, { search: 'chauffage' })).toEqual({ total: 1, open: 1 });
    expect(await counters(auditor, { search: 'chauffage' })).toEqual({ total: 0, open: 0 });
    const backwards = await fixture.read(
      a.cookie,
      '{ complaintCounters(from: "2026-05-02", to: "2026-05-01") { total } }',
    );
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('names the owner and who took each step, and lists who may own a complaint', async () => {
    await seed();
    const { a } = fixture;
    const handlers = await fixture.read(a.cookie, '{ complaintHandlers { id displayName } }');
    const list = handlers.data!.complaintHandlers as { id: string; displayName: string }[];
    expect(list.map((handler) => handler.displayName)).toEqual(['Admin A']);
    const detail = await fixture.read(
      a.cookie,
      'query ($id: ID!) { complaint(id: $id) { ownerName steps { kind actorName } } }',
      { id: ids.owned },
    );
    expect(detail.data!.complaint).toEqual({
      ownerName: 'Admin A',
      steps: [{ kind: 'ComplaintReceived', actorName: 'Admin A' }],
    });
  });

  it('counts the complaints of a period by group and channel', async () => {
    await seed();
    const result = await fixture.read(
      fixture.a.cookie,
      `query ($from: Date!, $to: Date!) { complaintStatistics(from: $from, to: $to) {
        complaints byGroup { group count } byChannel { channel count } byOutcome { outcome count }
      } }`,
      { from: '2000-01-01', to: '2100-01-01' },
    );
    const statistics = result.data!.complaintStatistics as {
      complaints: number;
      byGroup: { group: string; count: number }[];
      byChannel: { channel: string; count: number }[];
      byOutcome: unknown[];
    };
    const total = (counts: { count: number }[]) => counts.reduce((sum, row) => sum + row.count, 0);
    expect(total(statistics.byGroup)).toBe(statistics.complaints);
    expect(total(statistics.byChannel)).toBe(statistics.complaints);
    expect(statistics.byChannel).toContainEqual({ channel: 'letter', count: 1 });
    expect(statistics.byOutcome).toEqual([]);
  });

  it('exports the register as French CSV: BOM, `;`, quoted fields, formulas defused, the complainant for a quality manager', async () => {
    await seed();
    const response = await exportAs(fixture.a.cookie, 'format=csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="reclamations-.*\.csv"$/);
    const lines = csvLines(response.rawPayload);
    expect(lines[0]!.split(';').slice(0, 10)).toEqual([
      'Référence',
      'Reçue le',
      'Canal',
      'Public',
      'Anonyme',
      'Réclamant',
      'E-mail',
      'Téléphone',
      'Adresse postale',
      'Réclamation',
    ]);
    const phone = lines.find((line) => line.includes('Jeanne Martin'));
    expect(phone).toContain('Téléphone;Apprenant;Non;Jeanne Martin;;06 12 34 56 78;;');
    expect(phone).toContain('"La salle était sans chauffage ; nous avions froid."');
    expect(phone).toContain('Action A');
    expect(lines.some((line) => line.includes(`;"'=HYPERLINK(""http`))).toBe(true);
    expect(lines.join('\n')).not.toContain('Secret de B');
  });

  it('applies the register’s filters to the export', async () => {
    await seed();
    const byChannel = csvLines((await exportAs(fixture.a.cookie, 'format=csv&channel=letter')).rawPayload);
    expect(byChannel).toHaveLength(2);
    expect(byChannel[1]).toContain('OPCO Sud');
    const bySearch = csvLines((await exportAs(fixture.a.cookie, 'format=csv&search=parking')).rawPayload);
    expect(bySearch).toHaveLength(2);
    expect(bySearch[1]).toContain('En personne;Autre;Oui');
    const none = csvLines((await exportAs(fixture.a.cookie, 'format=csv&from=2099-01-01')).rawPayload);
    expect(none).toHaveLength(1);
    const bad = await exportAs(fixture.a.cookie, 'format=csv&channel=pigeon');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBeDefined();
  });

  it('exports the same rows as an XLSX workbook', async () => {
    await seed();
    const csv = csvLines((await exportAs(fixture.a.cookie, 'format=csv&channel=phone')).rawPayload);
    const response = await exportAs(fixture.a.cookie, 'format=xlsx&channel=phone');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Réclamations')!;
    expect(sheet.rowCount).toBe(csv.length);
    const cells = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(cells).toContain('Jeanne Martin');
    expect(cells).toContain('La salle était sans chauffage ; nous avions froid.');
  });

  it('gives an auditor the register without the complainant’s data or words, and strangers nothing', async () => {
    await seed();
    const auditor = await fixture.auditorOf(fixture.a.organisationId);
    const response = await exportAs(auditor, 'format=csv');
    expect(response.statusCode).toBe(200);
    const text = response.rawPayload.toString('utf8');
    for (const personal of [
      'Réclamant',
      'Jeanne Martin',
      '06 12 34 56 78',
      'chauffage',
      'Marseille',
      'parking',
    ]) {
      expect(text).not.toContain(personal);
    }
    expect(text).toContain('Lyon Part-Dieu');
    expect(csvLines(response.rawPayload)).toHaveLength(5);
    // A search for words only a handler may read finds nothing for the auditor (no leak through filtering).
    expect(csvLines((await exportAs(auditor, 'format=csv&search=chauffage')).rawPayload)).toHaveLength(1);
    expect((await exportAs(undefined, 'format=csv')).statusCode).toBe(401);
  });

  it('exports only the organisation’s own complaints', async () => {
    await seed();
    const theirs = (await exportAs(fixture.b.cookie, 'format=csv')).rawPayload.toString('utf8');
    expect(theirs).toContain('Secret de B');
    expect(theirs).not.toContain('Jeanne Martin');
    expect(theirs).not.toContain('OPCO Sud');
    expect(csvLines(Buffer.from(theirs))).toHaveLength(2);
  });
});
