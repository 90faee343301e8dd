import { z } from 'zod';
import { ROLES } from '../kernel/auth';
import { PARIS } from '../kernel/paris-time';
import { isStorableText } from '../kernel/validation';
import type { CampaignMailParams, MailLocale, MailTemplate, MailTemplates } from './port';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderContext {
  /** The organisation's name (undefined when the read model does not know it yet). */
  organisationName: string | undefined;
}

/** A paragraph of a message: plain text, or a link shown as a button in HTML and as its address in text. */
type Block = string | { label: string; url: string };

interface Copy<Params> {
  subject(params: Params, organisation: string): string;
  body(params: Params, organisation: string): Block[];
}

type Catalogue = { [T in MailTemplate]: Record<MailLocale, Copy<MailTemplates[T]>> };

const storable = z.string().refine(isStorableText);
const webUrl = storable.pipe(z.string().url().max(2000)).refine((url) => /^https?:\/\//.test(url));
const instant = z.string().datetime({ offset: true });
const title = storable.pipe(z.string().trim().min(1).max(300));

const personName = storable.pipe(z.string().trim().min(1).max(200)).nullable();
const longText = storable.pipe(z.string().trim().min(1).max(10_000));

const campaignMail = z.object({
  firstName: storable.pipe(z.string().trim().min(1).max(100)).nullable(),
  about: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('session'), trainingTitle: title, sessionTitle: title }),
    z.object({ kind: z.literal('period'), label: title }),
  ]),
  closesOn: z.string().date(),
  anonymous: z.boolean(),
  formUrl: webUrl,
  optOutUrl: webUrl,
});

/** What each template needs, checked when a message is queued: a bad parameter never reaches the reactor. */
export const templateParams = {
  invitation: z.object({
    inviterName: storable.pipe(z.string().trim().min(1).max(200)),
    role: z.enum(ROLES),
    acceptUrl: webUrl,
    expiresAt: instant,
  }),
  password_reset: z.object({ resetUrl: webUrl, expiresAt: instant }),
  sign_in_failures: z.object({ failures: z.number().int().min(1).max(1_000_000), lastAttemptAt: instant }),
  campaign_invitation: campaignMail,
  campaign_reminder: campaignMail,
  complaint_acknowledgement: z.object({
    name: personName,
    receivedOn: z.string().date(),
    message: longText,
  }),
  complaint_answer: z.object({
    name: personName,
    receivedOn: z.string().date(),
    answer: longText,
    rejected: z.boolean(),
  }),
  complaint_deadline: z.object({
    step: z.enum(['acknowledgement', 'answer']),
    dueOn: z.string().date(),
    overdue: z.boolean(),
    receivedOn: z.string().date(),
    complaintUrl: webUrl,
  }),
  action_due: z.object({ dueOn: z.string().date(), overdue: z.boolean(), actionUrl: webUrl }),
  auditor_access: z.object({
    auditorName: storable.pipe(z.string().trim().min(1).max(200)),
    accessUrl: webUrl,
    validFrom: instant,
    validUntil: instant,
  }),
} satisfies { [T in MailTemplate]: z.ZodType<MailTemplates[T]> };

const dateTime = (locale: MailLocale, iso: string) =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: PARIS,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));

/** A Paris calendar date (YYYY-MM-DD) written out: « 19 mars 2027 », "19 March 2027". */
const calendarDate = (locale: MailLocale, date: string) =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${date}T12:00:00Z`),
  );

const greeting: Record<MailLocale, (firstName: string | null) => string> = {
  fr: (firstName) => (firstName ? `Bonjour ${firstName},` : 'Bonjour,'),
  en: (firstName) => (firstName ? `Hello ${firstName},` : 'Hello,'),
};

const aboutText: Record<MailLocale, (about: CampaignMailParams['about']) => string> = {
  fr: (about) =>
    about.kind === 'session'
      ? `la formation « ${about.trainingTitle} » (session « ${about.sessionTitle} »)`
      : `notre collaboration sur la période « ${about.label} »`,
  en: (about) =>
    about.kind === 'session'
      ? `the training "${about.trainingTitle}" (session "${about.sessionTitle}")`
      : `our work together over "${about.label}"`,
};

/** The paragraphs every campaign message ends with: the closing day, anonymity, and how to stop the messages. */
const campaignFooter: Record<MailLocale, (params: CampaignMailParams) => Block[]> = {
  fr: (params) => [
    `Vous pouvez répondre jusqu’au ${calendarDate('fr', params.closesOn)} inclus. Cela prend quelques minutes.`,
    ...(params.anonymous
      ? ['Vos réponses sont anonymes : elles ne portent ni votre nom ni votre adresse.']
      : []),
    { label: 'Ne plus recevoir de messages pour cette enquête', url: params.optOutUrl },
  ],
  en: (params) => [
    `You can answer until ${calendarDate('en', params.closesOn)} included. It takes a few minutes.`,
    ...(params.anonymous
      ? ['Your answers are anonymous: they carry neither your name nor your address.']
      : []),
    { label: 'Stop receiving messages about this survey', url: params.optOutUrl },
  ],
};

const roleLabels: Record<MailLocale, Record<MailTemplates['invitation']['role'], string>> = {
  fr: {
    admin: 'administrateur ou administratrice',
    quality_manager: 'responsable qualité',
    contributor: 'contributeur ou contributrice',
    auditor: 'auditeur ou auditrice (lecture seule)',
  },
  en: {
    admin: 'administrator',
    quality_manager: 'quality manager',
    contributor: 'contributor',
    auditor: 'auditor (read only)',
  },
};

const fallbackOrganisation: Record<MailLocale, string> = { fr: 'votre organisme', en: 'your organisation' };

const catalogue: Catalogue = {
  campaign_invitation: {
    fr: {
      subject: (_, organisation) => `Votre avis compte — ${organisation}`,
      body: (params, organisation) => [
        greeting.fr(params.firstName),
        `${organisation} vous demande votre avis sur ${aboutText.fr(params.about)}.`,
        { label: 'Donner mon avis', url: params.formUrl },
        ...campaignFooter.fr(params),
      ],
    },
    en: {
      subject: (_, organisation) => `Your opinion matters — ${organisation}`,
      body: (params, organisation) => [
        greeting.en(params.firstName),
        `${organisation} asks for your opinion on ${aboutText.en(params.about)}.`,
        { label: 'Give my opinion', url: params.formUrl },
        ...campaignFooter.en(params),
      ],
    },
  },
  campaign_reminder: {
    fr: {
      subject: (_, organisation) => `Rappel : votre avis compte — ${organisation}`,
      body: (params, organisation) => [
        greeting.fr(params.firstName),
        `${organisation} vous a demandé votre avis sur ${aboutText.fr(params.about)} et n’a pas encore reçu votre réponse.`,
        { label: 'Donner mon avis', url: params.formUrl },
        ...campaignFooter.fr(params),
      ],
    },
    en: {
      subject: (_, organisation) => `Reminder: your opinion matters — ${organisation}`,
      body: (params, organisation) => [
        greeting.en(params.firstName),
        `${organisation} asked for your opinion on ${aboutText.en(params.about)} and has not received your answer yet.`,
        { label: 'Give my opinion', url: params.formUrl },
        ...campaignFooter.en(params),
      ],
    },
  },
  invitation: {
    fr: {
      subject: (_, organisation) => `Invitation à rejoindre ${organisation}`,
      body: (params, organisation) => [
        'Bonjour,',
        `${params.inviterName} vous invite à rejoindre ${organisation} sur Qualiopi evidence, en tant que ${roleLabels.fr[params.role]}.`,
        { label: 'Accepter l’invitation', url: params.acceptUrl },
        `Ce lien ne sert qu’une fois et expire le ${dateTime('fr', params.expiresAt)} (heure de Paris).`,
        'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
      ],
    },
    en: {
      subject: (_, organisation) => `Invitation to join ${organisation}`,
      body: (params, organisation) => [
        'Hello,',
        `${params.inviterName} invites you to join ${organisation} on Qualiopi evidence as ${roleLabels.en[params.role]}.`,
        { label: 'Accept the invitation', url: params.acceptUrl },
        `This link works once and expires on ${dateTime('en', params.expiresAt)} (Paris time).`,
        'If you did not expect this invitation, ignore this message.',
      ],
    },
  },
  password_reset: {
    fr: {
      subject: (_, organisation) => `Réinitialisation de votre mot de passe — ${organisation}`,
      body: (params, organisation) => [
        'Bonjour,',
        `Quelqu’un a demandé à réinitialiser le mot de passe de cette adresse pour ${organisation}.`,
        { label: 'Choisir un nouveau mot de passe', url: params.resetUrl },
        `Ce lien ne sert qu’une fois et expire le ${dateTime('fr', params.expiresAt)} (heure de Paris).`,
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.',
      ],
    },
    en: {
      subject: (_, organisation) => `Reset your password — ${organisation}`,
      body: (params, organisation) => [
        'Hello,',
        `Someone asked to reset the password of this address for ${organisation}.`,
        { label: 'Choose a new password', url: params.resetUrl },
        `This link works once and expires on ${dateTime('en', params.expiresAt)} (Paris time).`,
        'If you did not ask for it, ignore this message: your password stays the same.',
      ],
    },
  },
  complaint_acknowledgement: {
    fr: {
      subject: (_, organisation) => `Accusé de réception de votre réclamation — ${organisation}`,
      body: (params, organisation) => [
        params.name ? `Bonjour ${params.name},` : 'Bonjour,',
        `${organisation} a bien reçu votre réclamation du ${calendarDate('fr', params.receivedOn)}.`,
        params.message,
      ],
    },
    en: {
      subject: (_, organisation) => `We received your complaint — ${organisation}`,
      body: (params, organisation) => [
        params.name ? `Hello ${params.name},` : 'Hello,',
        `${organisation} received your complaint of ${calendarDate('en', params.receivedOn)}.`,
        params.message,
      ],
    },
  },
  complaint_answer: {
    fr: {
      subject: (_, organisation) => `Réponse à votre réclamation — ${organisation}`,
      body: (params, organisation) => [
        params.name ? `Bonjour ${params.name},` : 'Bonjour,',
        params.rejected
          ? `${organisation} a examiné votre réclamation du ${calendarDate('fr', params.receivedOn)} et l’a jugée non fondée, pour les motifs suivants.`
          : `Voici la réponse de ${organisation} à votre réclamation du ${calendarDate('fr', params.receivedOn)}.`,
        params.answer,
      ],
    },
    en: {
      subject: (_, organisation) => `Answer to your complaint — ${organisation}`,
      body: (params, organisation) => [
        params.name ? `Hello ${params.name},` : 'Hello,',
        params.rejected
          ? `${organisation} examined your complaint of ${calendarDate('en', params.receivedOn)} and found it unfounded, for the following reasons.`
          : `Here is ${organisation}’s answer to your complaint of ${calendarDate('en', params.receivedOn)}.`,
        params.answer,
      ],
    },
  },
  complaint_deadline: {
    fr: {
      subject: (params, organisation) =>
        `${params.overdue ? 'En retard' : 'À faire demain'} : ${params.step === 'acknowledgement' ? 'accusé de réception' : 'réponse'} d’une réclamation — ${organisation}`,
      body: (params, organisation) => [
        'Bonjour,',
        `${params.step === 'acknowledgement' ? 'L’accusé de réception' : 'La réponse'} de la réclamation reçue le ${calendarDate('fr', params.receivedOn)} par ${organisation} ${params.overdue ? 'était attendu' : 'est attendu'}${params.step === 'answer' ? 'e' : ''} au plus tard le ${calendarDate('fr', params.dueOn)}.`,
        { label: 'Ouvrir la réclamation', url: params.complaintUrl },
      ],
    },
    en: {
      subject: (params, organisation) =>
        `${params.overdue ? 'Overdue' : 'Due tomorrow'}: a complaint's ${params.step === 'acknowledgement' ? 'acknowledgement' : 'answer'} — ${organisation}`,
      body: (params, organisation) => [
        'Hello,',
        `The ${params.step === 'acknowledgement' ? 'acknowledgement' : 'answer'} of the complaint ${organisation} received on ${calendarDate('en', params.receivedOn)} ${params.overdue ? 'was' : 'is'} due by ${calendarDate('en', params.dueOn)}.`,
        { label: 'Open the complaint', url: params.complaintUrl },
      ],
    },
  },
  action_due: {
    fr: {
      subject: (params, organisation) =>
        `${params.overdue ? 'En retard' : 'À terminer demain'} : une action d’amélioration dont vous êtes responsable — ${organisation}`,
      body: (params, organisation) => [
        'Bonjour,',
        `Une action d’amélioration de ${organisation} dont vous êtes responsable ${params.overdue ? 'devait être terminée' : 'doit être terminée'} au plus tard le ${calendarDate('fr', params.dueOn)}.`,
        'Notez son avancement, marquez-la réalisée ou reportez son échéance.',
        { label: 'Ouvrir l’action', url: params.actionUrl },
      ],
    },
    en: {
      subject: (params, organisation) =>
        `${params.overdue ? 'Overdue' : 'Due tomorrow'}: an improvement action you own — ${organisation}`,
      body: (params, organisation) => [
        'Hello,',
        `An improvement action of ${organisation} that you own ${params.overdue ? 'was' : 'is'} due by ${calendarDate('en', params.dueOn)}.`,
        'Note its progress, mark it done or move its due date.',
        { label: 'Open the action', url: params.actionUrl },
      ],
    },
  },
  auditor_access: {
    fr: {
      subject: (_, organisation) => `Accès auditeur aux preuves Qualiopi — ${organisation}`,
      body: (params, organisation) => [
        `Bonjour ${params.auditorName},`,
        `${organisation} vous donne un accès en lecture seule à son tableau de bord, à ses preuves et à ses dossiers d’audit sur Qualiopi evidence.`,
        { label: 'Ouvrir l’accès auditeur', url: params.accessUrl },
        `Ce lien est personnel. Il est valable du ${dateTime('fr', params.validFrom)} au ${dateTime('fr', params.validUntil)} (heure de Paris) ; chaque consultation est enregistrée.`,
        'Si vous ne vous attendiez pas à ce message, ignorez-le.',
      ],
    },
    en: {
      subject: (_, organisation) => `Auditor access to the Qualiopi evidence — ${organisation}`,
      body: (params, organisation) => [
        `Hello ${params.auditorName},`,
        `${organisation} gives you read-only access to its dashboard, its evidence and its audit binders on Qualiopi evidence.`,
        { label: 'Open the auditor access', url: params.accessUrl },
        `This link is personal. It is valid from ${dateTime('en', params.validFrom)} to ${dateTime('en', params.validUntil)} (Paris time); every visit is recorded.`,
        'If you did not expect this message, ignore it.',
      ],
    },
  },
  sign_in_failures: {
    fr: {
      subject: (_, organisation) => `Connexions refusées sur votre compte — ${organisation}`,
      body: (params, organisation) => [
        'Bonjour,',
        `${params.failures} tentatives de connexion à votre compte ${organisation} ont échoué, la dernière le ${dateTime('fr', params.lastAttemptAt)} (heure de Paris).`,
        'Si c’était vous, rien à faire. Sinon, changez votre mot de passe et prévenez l’administrateur de votre organisme.',
      ],
    },
    en: {
      subject: (_, organisation) => `Failed sign-ins on your account — ${organisation}`,
      body: (params, organisation) => [
        'Hello,',
        `${params.failures} attempts to sign in to your ${organisation} account failed, the last one on ${dateTime('en', params.lastAttemptAt)} (Paris time).`,
        'If it was you, there is nothing to do. Otherwise, change your password and tell your organisation’s administrator.',
      ],
    },
  },
};

const signature: Record<MailLocale, (organisation: string) => string> = {
  fr: (organisation) => `— ${organisation}, via Qualiopi evidence (message automatique, ne pas répondre)`,
  en: (organisation) => `— ${organisation}, via Qualiopi evidence (automatic message, do not reply)`,
};

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (value: string): string =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const htmlBlock = (block: Block) =>
  typeof block === 'string'
    ? `<p style="margin:0 0 16px">${escapeHtml(block)}</p>`
    : `<p style="margin:24px 0"><a href="${escapeHtml(block.url)}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(block.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555555">${escapeHtml(block.url)}</p>`;

const textBlock = (block: Block) => (typeof block === 'string' ? block : `${block.label} :\n${block.url}`);

/** The message in one language, as plain text and as HTML (every interpolated value escaped), from one copy. */
export const renderMail = <T extends MailTemplate>(
  template: T,
  locale: MailLocale,
  params: MailTemplates[T],
  context: RenderContext,
): RenderedMail => {
  const copy = catalogue[template][locale] as Copy<MailTemplates[T]>;
  // Subjects are one line: a name with a line break must not add a header.
  const organisation = (context.organisationName ?? fallbackOrganisation[locale]).replace(/\s+/g, ' ').trim();
  const blocks = [...copy.body(params, organisation), signature[locale](organisation)];
  const subject = copy.subject(params, organisation).replace(/\s+/g, ' ').trim();
  const text = `${blocks.map(textBlock).join('\n\n')}\n`;
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;max-width:600px;margin:0 auto;padding:24px">` +
    `${blocks.map(htmlBlock).join('')}</body></html>`;
  return { subject, text, html };
};
