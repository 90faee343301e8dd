import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { headerMessageIdOf, retryDelayMs } from './reactor';
import { classifySmtpError, smtpConfigured } from './transport';

describe('mail delivery rules', () => {
  it('takes only a 5xx answer to the message as a permanent refusal', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 No such user' })).toEqual(
      {
        ok: false,
        permanent: true,
        error: 'EENVELOPE: 550 No such user',
        responseCode: 550,
      },
    );
    expect(
      classifySmtpError({ code: 'EMESSAGE', responseCode: 451, response: '451 Try later' }).permanent,
    ).toBe(false);
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).permanent).toBe(false);
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' }).permanent).toBe(
      false,
    );
  });

  it('keeps a message whose sign-in to the server failed: the configuration is wrong, not the message', () => {
    expect(
      classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 Bad credentials' }).permanent,
    ).toBe(false);
  });

  it('gives every attempt of a message the same Message-ID, on the sender’s domain', () => {
    expect(headerMessageIdOf('0193', 'Horizon <ne-pas-repondre@horizon.example.fr>')).toBe(
      '<0193@horizon.example.fr>',
    );
    expect(headerMessageIdOf('0193', 'contact@horizon.example.fr')).toBe('<0193@horizon.example.fr>');
  });

  it('doubles the pause at each attempt, within ±20 %, up to the maximum', () => {
    const config = loadConfig({ MAIL_RETRY_BASE_MS: '1000', MAIL_RETRY_MAX_MS: '5000' });
    for (const [attempt, ceiling] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 5000],
      [9, 5000],
    ] as const) {
      const delay = retryDelayMs(config, attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling * 0.8);
      expect(delay).toBeLessThanOrEqual(ceiling * 1.2);
    }
  });

  it('sends through SMTP only when a server is set, and refuses a sender that is not an address', () => {
    expect(smtpConfigured(loadConfig({}))).toBe(false);
    expect(smtpConfigured(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.fr:465' }))).toBe(true);
    expect(smtpConfigured(loadConfig({ SMTP_HOST: 'mail.example.fr' }))).toBe(true);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.fr' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: 'Horizon' })).toThrow(/MAIL_FROM/);
    expect(loadConfig({ MAIL_FROM: 'Horizon <contact@horizon.example.fr>' }).MAIL_FROM).toBe(
      'Horizon <contact@horizon.example.fr>',
    );
  });
});
