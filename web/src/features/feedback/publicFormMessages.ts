import { publicFrameMessages } from '../../components/publicFrameMessages';
import type { Messages } from '../../locales/messages';

/**
 * What the public form says: apart from the feedback feature's other messages (`messages.ts`, which includes
 * these), so that the form's own page (`publicForm.tsx`) ships only them.
 */
const fr = {
  feedback: {
    title: 'Votre appréciation',
    intro: '{{organisation}} vous remercie de prendre une minute pour donner votre avis sur cette formation.',
    training: 'Formation',
    session: 'Session',
    dates: 'Dates',
    site: 'Lieu',
    ratingLegend: 'Votre satisfaction globale',
    rating1: '1 — Pas du tout satisfait',
    rating2: '2 — Peu satisfait',
    rating3: '3 — Moyennement satisfait',
    rating4: '4 — Satisfait',
    rating5: '5 — Très satisfait',
    comment: 'Commentaire (facultatif)',
    commentHint:
      "Ce qui vous a plu, ce qui pourrait être amélioré… N'indiquez pas d'informations personnelles.",
    counter: '{{count, number}} / {{max, number}} caractères',
    remaining_one: 'Il reste {{count, number}} caractère.',
    remaining_other: 'Il reste {{count, number}} caractères.',
    over_one: 'Vous avez dépassé la limite de {{count, number}} caractère.',
    over_other: 'Vous avez dépassé la limite de {{count, number}} caractères.',
    submit: 'Envoyer mon appréciation',
    thanks: 'Merci ! Votre appréciation a bien été enregistrée.',
    thanksDetail: 'Vous pouvez fermer cette page.',
    kept: "Votre réponse est conservée sur cette page : rien de ce que vous avez saisi n'est perdu.",
    autoRetry: 'Nouvel essai automatique {{seconds, delay}}.',
    retrying: 'Nouvel essai en cours…',
    retryNow: 'Réessayer maintenant',
    unavailableTitle: 'Recueil indisponible',
    closedTitle: 'Recueil clos',
    expiredTitle: 'Lien expiré',
    fullTitle: 'Recueil complet',
    notFoundTitle: 'Lien introuvable',
    cancelledTitle: 'Session annulée',
  },
  publicFrame: publicFrameMessages.fr.publicFrame,
  validation: {
    ratingRequired: 'Choisissez une note de 1 à 5.',
    commentTooLong: 'Le commentaire ne doit pas dépasser {{max, number}} caractères.',
  },
  errors: {
    feedback_link_not_found: "Ce lien de recueil n'existe pas. Vérifiez l'adresse reçue.",
    feedback_link_expired:
      'Ce lien de recueil a expiré. Contactez votre organisme de formation pour en obtenir un nouveau.',
    feedback_link_expired_organisation:
      'Ce lien de recueil a expiré. Contactez {{organisation}} pour en obtenir un nouveau.',
    feedback_link_closed:
      'Le recueil des appréciations est clos pour cette session. Pour toute question, contactez votre organisme de formation.',
    feedback_link_closed_organisation:
      'Le recueil des appréciations est clos pour cette session. Pour toute question, contactez {{organisation}}.',
    feedback_link_full:
      "Ce lien de recueil a reçu toutes les réponses qu'il peut accepter. Contactez votre organisme de formation.",
    feedback_link_full_organisation:
      "Ce lien de recueil a reçu toutes les réponses qu'il peut accepter. Contactez {{organisation}}.",
    feedback_link_already_opened: 'Ce lien a déjà été ouvert ; il ne peut pas être affiché une seconde fois.',
    session_cancelled_organisation:
      "Cette session a été annulée : elle ne recueille plus d'appréciations. Pour toute question, contactez {{organisation}}.",
  },
};

export const publicFormMessages: Messages<typeof fr> = {
  fr,
  en: {
    feedback: {
      title: 'Your feedback',
      intro: '{{organisation}} thanks you for taking a minute to share your opinion on this training.',
      training: 'Training',
      session: 'Session',
      dates: 'Dates',
      site: 'Location',
      ratingLegend: 'Your overall satisfaction',
      rating1: '1 — Not satisfied at all',
      rating2: '2 — Slightly satisfied',
      rating3: '3 — Moderately satisfied',
      rating4: '4 — Satisfied',
      rating5: '5 — Very satisfied',
      comment: 'Comment (optional)',
      commentHint: 'What you liked, what could be improved… Please do not include personal information.',
      counter: '{{count, number}} / {{max, number}} characters',
      remaining_one: '{{count, number}} character left.',
      remaining_other: '{{count, number}} characters left.',
      over_one: 'You are {{count, number}} character over the limit.',
      over_other: 'You are {{count, number}} characters over the limit.',
      submit: 'Send my feedback',
      thanks: 'Thank you! Your feedback has been recorded.',
      thanksDetail: 'You can close this page.',
      kept: 'Your answer is kept on this page: nothing you typed is lost.',
      autoRetry: 'Trying again automatically {{seconds, delay}}.',
      retrying: 'Trying again…',
      retryNow: 'Try again now',
      unavailableTitle: 'Feedback unavailable',
      closedTitle: 'Feedback closed',
      expiredTitle: 'Link expired',
      fullTitle: 'Feedback complete',
      notFoundTitle: 'Link not found',
      cancelledTitle: 'Session cancelled',
    },
    publicFrame: publicFrameMessages.en.publicFrame,
    validation: {
      ratingRequired: 'Choose a rating from 1 to 5.',
      commentTooLong: 'The comment must not exceed {{max, number}} characters.',
    },
    errors: {
      feedback_link_not_found: 'This feedback link does not exist. Check the address you received.',
      feedback_link_expired: 'This feedback link has expired. Contact your training provider for a new one.',
      feedback_link_expired_organisation:
        'This feedback link has expired. Contact {{organisation}} for a new one.',
      feedback_link_closed:
        'Feedback collection is closed for this session. For any question, contact your training provider.',
      feedback_link_closed_organisation:
        'Feedback collection is closed for this session. For any question, contact {{organisation}}.',
      feedback_link_full:
        'This feedback link has received all the answers it accepts. Contact your training provider.',
      feedback_link_full_organisation:
        'This feedback link has received all the answers it accepts. Contact {{organisation}}.',
      feedback_link_already_opened: 'This link was already opened; it cannot be shown a second time.',
      session_cancelled_organisation:
        'This session was cancelled: it no longer collects feedback. For any question, contact {{organisation}}.',
    },
  },
};
