import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { PASSWORD } from './support/app';
import { twoTenants } from './support/tenants';

const LIST = `query ($filter: IncidentFilter) { incidents(filter: $filter) { edges { node { id } } } }`;

describe('difficulties and disruptions register: search, export (CSV and XLSX), who reads the details, tenants', () => {
  const fixture = twoTenants();
  const ids: Record<string, string> = {};

  const record = async (cookie: string, body: object) => {
    const response = await fixture.t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      payload: body,
      headers: { cookie, 'x-min-position': String(await fixture.t.lastPosition()) },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const listed = async (cookie: string, filter: Record<string, unknown>) => {
    const result = await fixture.read(cookie, LIST, { filter });
    expect(result.errors).toBeUndefined();
    return (result.data!.incidents as { edges: { node: { id: string } }[] }).edges.map(
      (edge) => edge.node.id,
    );
  };
  const exportAs = async (cookie: string | undefined, query: string) =>
    fixture.t.app.inject({
      method: 'GET',
      url: `/api/incidents/export?${query}`,
      headers: { ...(cookie ? { cookie } : {}), 'x-min-position': String(await fixture.t.lastPosition()) },
    });
  const csvLines = (body: Buffer) => {
    const text = body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    return text.slice(1).trimEnd().split('\r\n');
  };
  const contributorOf = async (organisationId: string) => {
    const email = `contributor.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: fixture.t.database.db, store: fixture.t.store, clock: { now: () => new Date() } },
      { organisationId, email, displayName: 'Formateur', role: 'contributor', password: PASSWORD },
    );
    return fixture.t.login(email, PASSWORD);
  };

  const seed = async () => {
    if (ids.dropout) return;
    const { a, b } = fixture;
    ids.dropout = await record(a.cookie, {
      kind: 'difficulty',
      category: 'dropout_risk',
      severity: 'moderate',
      site: 'Lyon',
      occurredOn: '2026-11-20',
      description: 'Une apprenante parle d’abandonner : horaires incompatibles.',
    });
    ids.outage = await record(a.cookie, {
      kind: 'disruption',
      category: 'equipment_failure',
      severity: 'major',
      site: 'Marseille',
      occurredOn: '2026-11-22',
      description: 'Plateforme de classe virtuelle indisponible toute la matinée.',
    });
    ids.other = await record(b.cookie, {
      kind: 'difficulty',
      category: 'room',
      severity: 'minor',
      site: 'Lyon',
      occurredOn: '2026-11-21',
      description: 'Salle trop petite, horaires décalés.',
    });
  };

  it('searches the place and, for those who read the details, the description', async () => {
    await seed();
    const { a } = fixture;
    expect(await listed(a.cookie, { search: 'lyon' })).toEqual([ids.dropout]);
    expect(await listed(a.cookie, { search: 'HORAIRES' })).toEqual([ids.dropout]);
    expect(await listed(a.cookie, { search: 'lyon', kind: 'disruption' })).toEqual([]);
    // A contributor searches places, not what the records say of people.
    const contributor = await contributorOf(a.organisationId);
    expect(await listed(contributor, { search: 'horaires' })).toEqual([]);
    expect(await listed(contributor, { search: 'Marseille' })).toEqual([ids.outage]);
    const tooLong = await fixture.read(a.cookie, LIST, { filter: { search: 'x'.repeat(101) } });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports the register as French CSV with its filters, the details for those who read them', async () => {
    await seed();
    const { a } = fixture;
    const response = await exportAs(a.cookie, 'format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="difficultes-aleas-.*\.csv"$/,
    );
    const lines = csvLines(response.rawPayload);
    expect(lines[0]).toBe(
      'Type;Catégorie;Gravité;Survenu le;Action de formation;Session;Site;Description;Résolution;Mesures prises;État;Résolu le;Indicateurs',
    );
    expect(lines.slice(1)).toEqual([
      'Aléa;Panne de matériel ou de plateforme;Majeure;22/11/2026;;;Marseille;Plateforme de classe virtuelle indisponible toute la matinée.;;0;En cours;;31',
      'Difficulté;Risque de rupture de parcours;Modérée;20/11/2026;;;Lyon;Une apprenante parle d’abandonner : horaires incompatibles.;;0;En cours;;12, 31',
    ]);
    const filtered = csvLines((await exportAs(a.cookie, 'format=csv&severity=major')).rawPayload);
    expect(filtered).toHaveLength(2);
    expect(filtered[1]).toContain('Marseille');

    const contributor = await contributorOf(a.organisationId);
    const plain = (await exportAs(contributor, 'format=csv')).rawPayload.toString('utf8');
    expect(plain).toContain('Marseille');
    for (const detail of ['Description', 'abandonner', 'classe virtuelle'])
      expect(plain).not.toContain(detail);

    const bad = await exportAs(a.cookie, 'format=csv&category=weather');
    expect(bad.statusCode).toBe(400);
    const period = await exportAs(a.cookie, 'format=csv&from=2026-12-01&to=2026-11-01');
    expect(period.statusCode).toBe(400);
    expect(period.json().code).toBe('invalid_period');
  });

  it('exports the same rows as an XLSX workbook', async () => {
    await seed();
    const workbookResponse = await exportAs(fixture.a.cookie, 'format=xlsx&kind=difficulty');
    expect(workbookResponse.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(workbookResponse.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Difficultés et aléas')!;
    expect(sheet.rowCount).toBe(2);
    const cells = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(cells).toContain('Une apprenante parle d’abandonner : horaires incompatibles.');
  });

  it('exports only the organisation’s own records, and nothing to strangers', async () => {
    await seed();
    const mine = (await exportAs(fixture.b.cookie, 'format=csv')).rawPayload.toString('utf8');
    expect(mine).toContain('Salle trop petite');
    expect(mine).not.toContain('Marseille');
    expect(mine).not.toContain('abandonner');
    expect((await exportAs(undefined, 'format=csv')).statusCode).toBe(401);
  });
});
