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
  campaign_invitation: {
    firstName: 'Élodie <i>',
    about: { kind: 'session', trainingTitle: 'Excel & Co', sessionTitle: 'Mars' },
    closesOn: '2027-03-19',
    anonymous: true,
    formUrl: 'https://app.example.fr/a/p.abc.def',
    optOutUrl: 'https://app.example.fr/a/p.abc.def/opt-out',
  },
  campaign_reminder: {
    firstName: null,
    about: { kind: 'period', label: 'Année 2027' },
    closesOn: '2028-02-05',
    anonymous: false,
    formUrl: 'https://app.example.fr/a/p.abc.def',
    optOutUrl: 'https://app.example.fr/a/p.abc.def/opt-out',
  },
  complaint_acknowledgement: {
    name: 'Jeanne <b>',
    receivedOn: '2027-03-19',
    message: 'Nous revenons vers vous sous quinze jours ouvrés.',
  },
  complaint_answer: {
    name: null,
    receivedOn: '2027-03-19',
    answer: 'La salle sera changée.',
    rejected: false,
  },
  auditor_access: {
    auditorName: 'Claire <b>',
    accessUrl: 'https://app.example.fr/auditor/abc',
    validFrom: '2027-03-01T23:00:00Z',
    validUntil: '2027-03-15T23:00:00Z',
  },
  complaint_deadline: {
    step: 'answer',
    dueOn: '2027-04-09',
    overdue: true,
    receivedOn: '2027-03-19',
    complaintUrl: 'https://app.example.fr/complaints/abc',
  },
  action_due: {
    dueOn: '2027-04-09',
    overdue: false,
    actionUrl: 'https://app.example.fr/improvement-actions/abc',
  },
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

  it('asks a campaign’s respondent by name, with the form’s link, the closing day and an opt-out link', () => {
    const mail = renderMail('campaign_invitation', 'fr', params.campaign_invitation, { organisationName });
    expect(mail.subject).toBe('Votre avis compte — Dupont & Fils <Formation>');
    expect(mail.text).toContain('Bonjour Élodie <i>,');
    expect(mail.text).toContain('la formation « Excel & Co » (session « Mars »)');
    expect(mail.text).toContain('Donner mon avis :\nhttps://app.example.fr/a/p.abc.def\n');
    expect(mail.text).toContain('jusqu’au 19 mars 2027 inclus');
    expect(mail.text).toContain('Vos réponses sont anonymes');
    expect(mail.text).toContain('https://app.example.fr/a/p.abc.def/opt-out');
    expect(mail.html).toContain('href="https://app.example.fr/a/p.abc.def/opt-out"');
    expect(mail.html).not.toContain('<i>');
  });

  it('reminds without a name, about a period, says nothing of anonymity when answers are not, and keeps the opt-out link', () => {
    const fr = renderMail('campaign_reminder', 'fr', params.campaign_reminder, { organisationName });
    expect(fr.subject).toBe('Rappel : votre avis compte — Dupont & Fils <Formation>');
    expect(fr.text).toMatch(/^Bonjour,/);
    expect(fr.text).toContain('la période « Année 2027 »');
    expect(fr.text).toContain('5 février 2028');
    expect(fr.text).not.toContain('anonymes');
    expect(fr.text).toContain('/opt-out');
    const en = renderMail('campaign_reminder', 'en', params.campaign_reminder, { organisationName });
    expect(en.text).toContain('until 5 February 2028 included');
    expect(en.text).toContain('Stop receiving messages about this survey');
  });

  it('refuses a campaign message without a web address for its opt-out link', () => {
    const bad = { ...params.campaign_invitation, optOutUrl: 'mailto:x@example.fr' };
    expect(templateParams.campaign_invitation.safeParse(bad).success).toBe(false);
  });
});
