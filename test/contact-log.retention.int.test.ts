import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactLogProjection } from '../projections/contact-log/projection';
import { rebuildProjection } from '../projections/runner/rebuild';
import { partnerContactStream } from '../services/contact-log/events';
import { execute } from '../services/db/database';
import { fixedClock } from '../services/kernel/clock';
import { ERASED } from '../services/privacy/declarations';
import { privacySubjectStream } from '../services/privacy/events';
import { startTestApp, type TestApp } from './support/app';

const DAY = 86_400_000;
/** When the sweep runs: 11:00 in Paris, winter time. The organisation keeps contact logs 12 months (default). */
const NOW = new Date('2028-03-15T10:00:00Z');

interface Seeded {
  name: string;
  contactOn: string;
  /** A correction moves the contact to this date. */
  correctedTo?: string;
  removed?: boolean;
  expected: 'erased' | 'later' | 'kept';
  id: string;
}

const cases: Omit<Seeded, 'id'>[] = [
  { name: 'a day past its 12 months', contactOn: '2027-03-14', expected: 'erased' },
  { name: 'its 12 months ended at midnight', contactOn: '2027-03-15', expected: 'erased' },
  {
    name: 'removed, past its period (removal keeps it held)',
    contactOn: '2027-01-10',
    removed: true,
    expected: 'erased',
  },
  { name: 'its period ends tonight', contactOn: '2027-03-16', expected: 'later' },
  { name: 'corrected to a later date', contactOn: '2027-01-10', correctedTo: '2027-06-01', expected: 'kept' },
  { name: 'recent', contactOn: '2028-02-01', expected: 'kept' },
];

describe('contact log retention: contacts are erased 12 months after their date (contact_logs)', () => {
  const clock = fixedClock(NOW);
  let t: TestApp;
  let cookie: string;
  const seeded: Seeded[] = [];

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const said = async (id: string) =>
    ((await t.store.readStream(partnerContactStream(id)))[0]!.data as { said: string }).said;
  const readModel = async (id: string) =>
    (
      await execute<{ said: string }>(t.database.db, 'SELECT said FROM partner_contacts WHERE id = $1', [id])
    )[0]?.said;
  const settled = async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RETENTION_SWEEP_MINUTES: '0' } });
    ({ cookie } = await t.organisation('Organisme Contacts'));
    for (const c of cases) {
      const body = {
        group: 'funder',
        partnerName: 'OPCO EP',
        kind: 'phone_call',
        contactOn: c.contactOn,
        people: [{ name: 'Nadia Benali', role: null }],
        said: `${c.name} (${crypto.randomUUID()})`,
      };
      const logged = await post('/api/partner-contacts', body);
      expect(logged.statusCode, logged.body).toBe(201);
      const { id } = logged.json();
      if (c.correctedTo) {
        const corrected = await post(
          `/api/partner-contacts/${id}/corrections`,
          { ...body, contactOn: c.correctedTo },
          { 'if-match': '0' },
        );
        expect(corrected.statusCode, corrected.body).toBe(200);
      }
      if (c.removed)
        expect(
          (await post(`/api/partner-contacts/${id}/remove`, { reason: 'logged_in_error' })).statusCode,
        ).toBe(200);
      seeded.push({ ...c, id });
    }
    await settled();
  });
  afterAll(() => t?.stop());

  it('erases the contacts past their period, from the Paris day of the contact, and keeps the others', async () => {
    const { erased } = await t.retentionReactor.sweep();
    expect(erased.toSorted()).toEqual(
      seeded
        .filter((s) => s.expected === 'erased')
        .map((s) => `contact:${s.id}`)
        .toSorted(),
    );
    await settled();
    for (const s of seeded) {
      const gone = s.expected === 'erased';
      expect((await said(s.id)) === ERASED, s.name).toBe(gone);
      expect((await readModel(s.id)) === ERASED, s.name).toBe(gone);
      const records = await t.store.readStream(privacySubjectStream(`contact:${s.id}`));
      expect(
        records.map((record) => record.data),
        s.name,
      ).toEqual(
        gone ? [{ subjectId: `contact:${s.id}`, reason: 'retention_expired', erasedBy: 'system' }] : [],
      );
    }
  });

  it('erases the next one when its period ends, and never the kept ones', async () => {
    clock.advance(DAY);
    const { erased } = await t.retentionReactor.sweep();
    expect(erased).toEqual(seeded.filter((s) => s.expected === 'later').map((s) => `contact:${s.id}`));
    for (const s of seeded.filter((c) => c.expected === 'kept'))
      expect(await said(s.id), s.name).not.toBe(ERASED);
  });

  it('rebuilds the contact log from the log into the same rows', async () => {
    await settled();
    const snapshot = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const table of contactLogProjection.tables) {
        rows[table] = await execute(t.database.db, `SELECT * FROM ${table} t ORDER BY t::text`);
      }
      return rows;
    };
    const before = await snapshot();
    expect(before.partner_contacts).toHaveLength(cases.length);
    await rebuildProjection(t.database, t.store, contactLogProjection);
    expect(await snapshot()).toEqual(before);
  });
});
