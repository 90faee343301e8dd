import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const SETTINGS =
  '{ retentionSettings { revision minMonths maxMonths categories { category months defaultMonths isDefault dueNow dueSoon } } }';

type Settings = {
  revision: number;
  categories: { category: string; months: number; isDefault: boolean; dueNow: number; dueSoon: number }[];
};

describe('retention: an organisation reads and changes only its own settings, and only its admins do', () => {
  const fixture = twoTenants();

  const settingsOf = async (cookie: string) => {
    const result = await fixture.read(cookie, SETTINGS);
    expect(result.errors).toBeUndefined();
    return result.data!.retentionSettings as Settings;
  };
  const setPeriods = (cookie: string | undefined, periods: object, revision?: number) =>
    fixture.t.app.inject({
      method: 'POST',
      url: '/api/retention/periods',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(revision === undefined ? {} : { 'if-match': String(revision) }),
      },
      payload: { periods },
    });

  it('shows the defaults until a period is set, with what is held (a fresh answer is not due)', async () => {
    const settings = await settingsOf(fixture.b.cookie);
    expect(settings.revision).toBe(-1);
    expect(settings.categories).toEqual([
      {
        category: 'feedback_comments',
        months: 24,
        defaultMonths: 24,
        isDefault: true,
        dueNow: 0,
        dueSoon: 0,
      },
      { category: 'complaints', months: 60, defaultMonths: 60, isDefault: true, dueNow: 0, dueSoon: 0 },
      { category: 'contact_logs', months: 12, defaultMonths: 12, isDefault: true, dueNow: 0, dueSoon: 0 },
      {
        category: 'departed_accounts',
        months: 12,
        defaultMonths: 12,
        isDefault: true,
        dueNow: 0,
        dueSoon: 0,
      },
      {
        category: 'campaign_respondents',
        months: 24,
        defaultMonths: 24,
        isDefault: true,
        dueNow: 0,
        dueSoon: 0,
      },
      { category: 'incidents', months: 36, defaultMonths: 36, isDefault: true, dueNow: 0, dueSoon: 0 },
    ]);
  });

  it('changes A’s periods only: B still reads its defaults', async () => {
    const { a, b } = fixture;
    const set = await setPeriods(a.cookie, { feedback_comments: 6, departed_accounts: 2 }, -1);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ revision: 1, changed: true });
    const mine = await settingsOf(a.cookie);
    expect(mine.revision).toBe(1);
    expect(mine.categories.find((c) => c.category === 'feedback_comments')).toMatchObject({
      months: 6,
      isDefault: false,
    });
    const theirs = await settingsOf(b.cookie);
    expect(theirs.revision).toBe(-1);
    expect(theirs.categories.every((c) => c.isDefault)).toBe(true);
  });

  it('refuses a stale revision with the current one, and a missing If-Match', async () => {
    const { a } = fixture;
    const stale = await setPeriods(a.cookie, { contact_logs: 3 }, -1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    const missing = await setPeriods(a.cookie, { contact_logs: 3 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('if_match_required');
  });

  it.each([
    [{ contact_logs: 0 }, 'retention_period_out_of_bounds'],
    [{ contact_logs: 121 }, 'retention_period_out_of_bounds'],
    [{ contact_logs: 2.5 }, 'retention_period_out_of_bounds'],
    [{}, 'no_retention_period'],
    [{ browsing_history: 12 }, 'validation_failed'],
    [{ contact_logs: '12' }, 'validation_failed'],
  ])('answers 400 with a code for %j', async (periods, code) => {
    const response = await setPeriods(fixture.a.cookie, periods, 1);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
  });

  it('lets no one but an admin read or change the settings (auditors: 403, anonymous: 401)', async () => {
    const { a, auditorOf, read } = fixture;
    const auditor = await auditorOf(a.organisationId);
    const refused = await setPeriods(auditor, { contact_logs: 3 }, 1);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    expect((await read(auditor, SETTINGS)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await setPeriods(undefined, { contact_logs: 3 }, 1)).statusCode).toBe(401);
    expect((await read(undefined, SETTINGS)).errors).toBeDefined();
    expect((await settingsOf(a.cookie)).revision).toBe(1);
  });
});
