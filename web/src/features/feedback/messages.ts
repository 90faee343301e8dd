import type { Audience, FeedbackLinkStatus } from '../../data/graphql';
import type { Messages } from '../../locales/messages';
import { publicFormMessages } from './publicFormMessages';

const fr = {
  audiences: {
    learner: 'Apprenants',
    funder: 'Financeurs',
    trainer: 'Équipe pédagogique',
    company: 'Entreprises',
  } satisfies Record<Audience, string>,
  linkStatus: {
    open: 'Ouvert',
    expired: 'Expiré',
    closed: 'Clos',
  } satisfies Record<FeedbackLinkStatus, string>,
  links: {
    title: 'Liens de recueil',
    none: "Aucun lien de recueil n'a été ouvert.",
    summary: '{{audience}} — ouvert le {{createdAt}}, expire le {{expiresAt}}',
    responseCount_one: '{{count, number}} réponse',
    responseCount_other: '{{count, number}} réponses',
    close: 'Clore',
    closeLabel: 'Clore le lien ouvert le {{createdAt}}',
    closeConfirm:
      "Clore ce lien ? Il n'acceptera plus de réponses ; les appréciations reçues sont conservées.",
    audience: 'Public interrogé',
    open: 'Ouvrir un lien de recueil des appréciations',
    newLinkLabel: 'Lien de recueil à transmettre',
    newLinkNote:
      "Copiez ce lien maintenant : il ne sera plus affiché. Le serveur n'en conserve qu'une empreinte et ne peut pas le retrouver.",
    copy: 'Copier',
    copied: 'Lien copié dans le presse-papiers.',
    copyFailed: 'Copie automatique impossible : le lien est sélectionné, copiez-le avec Ctrl+C (ou ⌘+C).',
  },
  responses: {
    title: 'Appréciations',
    none: 'Aucune appréciation reçue.',
    noComment: 'Sans commentaire',
    submittedAt: 'Reçue le {{date}}',
    rating: 'Note : {{value}}',
  },
  ...publicFormMessages.fr,
};

export const feedbackMessages: Messages<typeof fr> = {
  fr,
  en: {
    audiences: {
      learner: 'Learners',
      funder: 'Funders',
      trainer: 'Teaching team',
      company: 'Companies',
    },
    linkStatus: {
      open: 'Open',
      expired: 'Expired',
      closed: 'Closed',
    },
    links: {
      title: 'Feedback links',
      none: 'No feedback link has been opened.',
      summary: '{{audience}} — opened on {{createdAt}}, expires on {{expiresAt}}',
      responseCount_one: '{{count, number}} response',
      responseCount_other: '{{count, number}} responses',
      close: 'Close',
      closeLabel: 'Close the link opened on {{createdAt}}',
      closeConfirm: 'Close this link? It will accept no more answers; the answers received are kept.',
      audience: 'Who is asked',
      open: 'Open a feedback collection link',
      newLinkLabel: 'Feedback link to share',
      newLinkNote:
        'Copy this link now: it will not be shown again. The server only keeps a hash of it and cannot recover it.',
      copy: 'Copy',
      copied: 'Link copied to the clipboard.',
      copyFailed: 'Automatic copy failed: the link is selected, copy it with Ctrl+C (or ⌘+C).',
    },
    responses: {
      title: 'Responses',
      none: 'No response received.',
      noComment: 'No comment',
      submittedAt: 'Received on {{date}}',
      rating: 'Rating: {{value}}',
    },
    ...publicFormMessages.en,
  },
};
