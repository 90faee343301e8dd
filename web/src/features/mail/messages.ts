import type { Messages } from '../../locales/messages';
import type { MailStatus, MailTemplate } from './mailMessages';

const fr = {
  mail: {
    nav: 'Courriels envoyés',
    title: 'Courriels envoyés',
    intro:
      'Les messages que l’application envoie au nom de votre organisme : invitations, réinitialisations de mot de passe, alertes de connexion.',
    adminsOnly: 'Cette page est réservée aux administrateurs de l’organisme.',
    empty: 'Aucun message pour l’instant.',
    developmentNotice:
      'Aucun serveur de messagerie n’est configuré : les messages sont conservés ici au lieu d’être envoyés. Ouvrez un message pour lire son texte et suivre ses liens (développement uniquement).',
    recipient: 'À : {{recipient}}',
    queuedAt: 'Demandé le {{date}}',
    attempts_one: '{{count, number}} tentative',
    attempts_other: '{{count, number}} tentatives',
    nextAttempt: 'Nouvelle tentative le {{date}}',
    lastError: 'Dernière erreur : {{error}}',
    response: 'Réponse du serveur : {{response}}',
    keptInOutbox: 'Conservé dans la boîte de développement',
    showMessage: 'Texte du message',
    subject: 'Objet : {{subject}}',
  },
  mailStatuses: {
    due: 'À envoyer',
    sent: 'Envoyé',
    refused: 'Refusé',
    failed: 'Abandonné',
  } satisfies Record<MailStatus, string>,
  mailTemplates: {
    invitation: 'Invitation',
    password_reset: 'Réinitialisation du mot de passe',
    sign_in_failures: 'Alerte de connexions refusées',
    campaign_invitation: 'Enquête : invitation',
    campaign_reminder: 'Enquête : relance',
    complaint_acknowledgement: 'Réclamation : accusé de réception',
    complaint_answer: 'Réclamation : réponse',
    complaint_deadline: 'Réclamation : échéance',
    action_due: 'Action d’amélioration : échéance',
    auditor_access: 'Accès auditeur',
  } satisfies Record<MailTemplate, string>,
};

export const mailMessages: Messages<typeof fr> = {
  fr,
  en: {
    mail: {
      nav: 'Sent mail',
      title: 'Sent mail',
      intro:
        'The messages the application sends on behalf of your organisation: invitations, password resets, sign-in alerts.',
      adminsOnly: 'This page is for the organisation’s administrators only.',
      empty: 'No message yet.',
      developmentNotice:
        'No mail server is configured: messages are kept here instead of being sent. Open a message to read its text and follow its links (development only).',
      recipient: 'To: {{recipient}}',
      queuedAt: 'Requested on {{date}}',
      attempts_one: '{{count, number}} attempt',
      attempts_other: '{{count, number}} attempts',
      nextAttempt: 'Next attempt on {{date}}',
      lastError: 'Last error: {{error}}',
      response: 'Server reply: {{response}}',
      keptInOutbox: 'Kept in the development outbox',
      showMessage: 'Message text',
      subject: 'Subject: {{subject}}',
    },
    mailStatuses: {
      due: 'Due',
      sent: 'Sent',
      refused: 'Refused',
      failed: 'Given up',
    },
    mailTemplates: {
      invitation: 'Invitation',
      password_reset: 'Password reset',
      sign_in_failures: 'Failed sign-ins alert',
      campaign_invitation: 'Survey: invitation',
      campaign_reminder: 'Survey: reminder',
      complaint_acknowledgement: 'Complaint: acknowledgement',
      complaint_answer: 'Complaint: answer',
      complaint_deadline: 'Complaint: deadline',
      action_due: 'Improvement action: due date',
      auditor_access: 'Auditor access',
    },
  },
};
