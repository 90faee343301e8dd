import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('access: only a signed-in member reaches organisation data', () => {
  const fixture = twoTenants();

  it('names the viewer’s own organisation', async () => {
    const { a, read } = fixture;
    const result = await read(a.cookie, '{ me { organisation { name } } }');
    expect(result.data?.me).toEqual({ organisation: { name: 'A' } });
  });

  it('refuses anonymous requests to commands (401) and to organisation data in GraphQL', async () => {
    const { post, read } = fixture;
    const command = await post(undefined, '/api/training-actions', { title: 'x', category: 'training' });
    expect(command.statusCode).toBe(401);
    expect(command.json().code).toBe('unauthenticated');
    for (const query of [
      '{ trainingActions { edges { node { id } } } }',
      '{ evidenceTimeline(indicator: 30) { totalCount } }',
      '{ evidenceSummary { indicator } }',
      '{ dashboard { feedbackCount } }',
    ]) {
      const result = await read(undefined, query);
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await read(undefined, '{ me { id } }')).data?.me).toBeNull();
  });

  it('does not accept a forged cookie, nor one whose session was closed', async () => {
    const { b, read, t } = fixture;
    expect((await read('sid=forged-token-value', '{ me { id } }')).data?.me).toBeNull();
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: b.cookie },
    });
    expect(logout.statusCode).toBe(204);
    expect((await read(b.cookie, '{ me { id } }')).data?.me).toBeNull();
  });
});
