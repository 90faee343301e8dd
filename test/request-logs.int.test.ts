import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../services/config';
import { loggerOptions } from '../services/http/logging';
import { startTestApp, type TestApp } from './support/app';
import { openFeedbackLink } from './support/training-fixture';

describe('request logs never hold a secret of a public link or of the setup page', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ logger: { ...loggerOptions(loadConfig({ LOG_LEVEL: 'info' })), stream } });
  });
  afterAll(() => t?.stop());

  it('redacts link tokens in /f/, in the public API and the setup token in the query', async () => {
    const { cookie } = await t.organisation('Formations Discrètes');
    const link = await openFeedbackLink(t, cookie);
    const [, secret] = link.token.split('.');
    await t.app.inject({ method: 'GET', url: `/f/${link.token}` });
    await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
    await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${link.token}`,
      payload: { submissionId: crypto.randomUUID(), rating: 5 },
    });
    await t.app.inject({ method: 'GET', url: '/setup?token=setup-secret-value&lang=fr' });

    const log = lines.join('');
    expect(log).toContain('/api/public/feedback/[redacted]');
    expect(log).toContain('/f/[redacted]');
    expect(log).toContain('token=[redacted]&lang=fr');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(link.token.split('.')[0]);
    expect(log).not.toContain('setup-secret-value');
  });
});
