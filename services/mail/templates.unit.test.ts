import { describe, expect, it } from 'vitest';
import type { MailLocale, MailTemplate, MailTemplates } from './port';
import { escapeHtml, renderMail, templateParams } from './templates';

const params: { [T in MailTemplate]: MailTemplates[T] } = {
  invitation: {
    inviterName: 'Zoé "<b>Admin</b>"',
    role: 'auditor',
    acceptUrl: 'https://app.example.fr/invitation?token=abc&next=<x>',
    expiresAt: '2026-07-01T16:00:00Z',
  },
  password_reset: {
    resetUrl: 'https://app.example.fr/reset?token=abc&a=1',
    expiresAt: '2026-01-15T09:05:00Z',
  },
  sign_in_failures: { failures: 5, lastAttemptAt: '2026-03-29T00:30:00Z' },
};

const templates = Object.keys(templateParams) as MailTemplate[];
const locales: MailLocale[] = ['fr', 'en'];
const organisationName = 'Dupont & Fils <Formation>';

describe('mail templates', () => {
  it.each(templates.flatMap((template) => locales.map((locale) => [template, locale] as const)))(
    '%s in %s: a subject, a text part and an HTML part, all carrying the organisation name',
    (template, locale) => {
      const mail = renderMail(template, locale, params[template], { organisationName });
      expect(mail.subject).toContain(organisationName);
      expect(mail.text).toContain(organisationName);
      expect(mail.html).toContain(escapeHtml(organisationName));
      expect(mail.html).toContain(`<html lang="${locale}">`);
      // Nothing interpolated appears unescaped in HTML.
      expect(mail.html).not.toContain('<Formation>');
      expect(mail.html).not.toContain('<b>');
      expect(templateParams[template].safeParse(params[template]).success).toBe(true);
    },
  );

  it('speaks French and English with the same facts, dates in Paris time', () => {
    const fr = renderMail('password_reset', 'fr', params.password_reset, { organisationName });
    const en = renderMail('password_reset', 'en', params.password_reset, { organisationName });
    expect(fr.subject).toBe('Réinitialisation de votre mot de passe — Dupont & Fils <Formation>');
    expect(en.subject).toBe('Reset your password — Dupont & Fils <Formation>');
    // 09:05 UTC in January is 10:05 in Paris.
    expect(fr.text).toContain('15 janvier 2026 à 10:05');
    expect(en.text).toContain('15 January 2026 at 10:05');
    // 00:30 UTC on the night of the change to summer time is 01:30 in Paris.
    expect(
      renderMail('sign_in_failures', 'fr', params.sign_in_failures, { organisationName }).text,
    ).toContain('29 mars 2026 à 01:30');
  });

  it('shows a link as its full address in text and as an escaped button in HTML', () => {
    const mail = renderMail('invitation', 'fr', params.invitation, { organisationName });
    expect(mail.text).toContain('https://app.example.fr/invitation?token=abc&next=<x>');
    expect(mail.text).toContain('Zoé "<b>Admin</b>" vous invite');
    expect(mail.text).toContain('auditeur ou auditrice (lecture seule)');
    expect(mail.html).toContain('href="https://app.example.fr/invitation?token=abc&amp;next=&lt;x&gt;"');
    expect(mail.html).toContain('Zoé &quot;&lt;b&gt;Admin&lt;/b&gt;&quot; vous invite');
  });

  it('keeps the subject on one line whatever the organisation is called', () => {
    const mail = renderMail('password_reset', 'en', params.password_reset, {
      organisationName: 'A\r\nBcc: x@y',
    });
    expect(mail.subject).toBe('Reset your password — A Bcc: x@y');
  });

  it('names the organisation generically when the read model does not know it yet', () => {
    expect(
      renderMail('password_reset', 'fr', params.password_reset, { organisationName: undefined }).subject,
    ).toBe('Réinitialisation de votre mot de passe — votre organisme');
  });

  it('refuses parameters a template cannot use (a link that is not a web address)', () => {
    const bad = { ...params.password_reset, resetUrl: 'javascript:alert(1)' };
    expect(templateParams.password_reset.safeParse(bad).success).toBe(false);
  });
});
