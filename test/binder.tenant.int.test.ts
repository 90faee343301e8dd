import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('binder exports: bad requests write nothing, and one organisation never reaches another’s binder', () => {
  // No live binder runner: a binder just asked for stays unwritten, as the not-ready case needs.
  const fixture = twoTenants({ runBinderRunner: false });

  /** Read once the read models have seen `position` (what the request answered). */
  const get = (cookie: string, url: string, position: number) =>
    fixture.t.app.inject({ method: 'GET', url, headers: { cookie, 'x-min-position': String(position) } });

  it('refuses a reversed period and an unknown indicator with their codes, appending nothing', async () => {
    const { a } = fixture;
    const before = await fixture.t.lastPosition();
    const reversed = await fixture.post(a.cookie, '/api/binder-exports', {
      from: '2026-06-01',
      to: '2026-01-01',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('period_reversed');
    const foreign = await fixture.post(a.cookie, '/api/binder-exports', { indicators: [33, 31] });
    expect(foreign.statusCode).toBe(400);
    expect(['indicator_not_applicable', 'validation_failed']).toContain(foreign.json().code);
    expect(await fixture.t.lastPosition()).toBe(before);
  });

  it('another organisation’s binder reads as missing; its own not yet written reads as not ready', async () => {
    const { a, b } = fixture;
    const requested = await fixture.post(a.cookie, '/api/binder-exports', {});
    expect(requested.statusCode, requested.body).toBe(201);
    const url = `/api/binder-exports/${requested.json().id}/download`;
    const position = requested.json().position as number;
    const theirs = await get(b.cookie, url, position);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('binder_not_found');
    const own = await get(a.cookie, url, position);
    expect(own.statusCode).toBe(404);
    expect(own.json().code).toBe('binder_not_ready');
  });
});
