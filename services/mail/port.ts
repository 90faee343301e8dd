/**
 * Outgoing mail as a port. A slice asks for a message; the mail slice records it as due, a reactor sends it and
 * records the sending (or the refusal), so a crash neither loses nor doubles a message.
 *
 * Secrets (invitation and reset links) are passed in `params` and never enter the event log: the mail slice keeps
 * them outside it, only until the message is sent.
 */

export type MailLocale = 'fr' | 'en';

/** Every message the product sends, with what its template needs. */
export interface MailTemplates {
  /** A member invites a colleague: the link sets their password (single use, expiring). */
  invitation: {
    inviterName: string;
    role: 'admin' | 'quality_manager' | 'contributor' | 'auditor';
    acceptUrl: string;
    expiresAt: string;
  };
  /** Someone asked to reset the password of this address: the link sets a new one (single use, expiring). */
  password_reset: { resetUrl: string; expiresAt: string };
  /** Repeated failed sign-ins on this account: what happened and what to do if it was not them. */
  sign_in_failures: { failures: number; lastAttemptAt: string };
  /** A feedback campaign asks this respondent for their view: the link opens their personal form. */
  campaign_invitation: CampaignMailParams;
  /** The same, again, to a respondent who has neither answered nor opted out. */
  campaign_reminder: CampaignMailParams;
  /** A complaint's acknowledgement of receipt, in the words staff wrote, to the complainant. */
  complaint_acknowledgement: { name: string | null; receivedOn: string; message: string };
  /** A complaint's answer (or, `rejected`, the reasons it was found unfounded), to the complainant. */
  complaint_answer: { name: string | null; receivedOn: string; answer: string; rejected: boolean };
  /** To a complaint's owner: its acknowledgement or answer is due tomorrow, or overdue. */
  complaint_deadline: {
    step: 'acknowledgement' | 'answer';
    dueOn: string;
    overdue: boolean;
    receivedOn: string;
    complaintUrl: string;
  };
  /** To an improvement action's owner: it is due tomorrow, or overdue (no title: it may quote a complaint). */
  action_due: { dueOn: string; overdue: boolean; actionUrl: string };
  /** An admin gave an outside auditor a read-only link to the organisation's evidence, for a window of time. */
  auditor_access: { auditorName: string; accessUrl: string; validFrom: string; validUntil: string };
}

/** What a campaign's messages say: what is asked about, until when, and the respondent's two links. */
export interface CampaignMailParams {
  firstName: string | null;
  about: { kind: 'session'; trainingTitle: string; sessionTitle: string } | { kind: 'period'; label: string };
  /** The last Paris day answers are taken (YYYY-MM-DD). */
  closesOn: string;
  anonymous: boolean;
  formUrl: string;
  /** Stops this campaign's messages to the respondent. */
  optOutUrl: string;
}

export type MailTemplate = keyof MailTemplates;

export interface MailRequest<T extends MailTemplate = MailTemplate> {
  organisationId: string;
  to: string;
  locale: MailLocale;
  template: T;
  params: MailTemplates[T];
  /** Who or what caused it (recorded with the message). */
  actor: { type: 'user' | 'public' | 'system'; id?: string };
  /** Same key, same message: a retried request queues nothing new. */
  idempotencyKey?: string;
}

export interface MailPort {
  /** Records the message as due and answers at once; the reactor sends it. */
  queue<T extends MailTemplate>(request: MailRequest<T>): Promise<{ messageId: string; position: number }>;
}
