import type { Messages } from '../../locales/messages';

/** What the campaign survey form says (loaded by the public form page only, with the feedback form's messages). */
const fr = {
  survey: {
    title: 'Votre avis',
    intro: '{{organisation}} vous remercie de prendre quelques minutes pour répondre.',
    about: 'Objet',
    closesOn: 'Réponses jusqu’au',
    anonymous:
      'Ce questionnaire est anonyme : votre réponse est enregistrée sans votre nom, votre adresse ni l’heure exacte.',
    named: 'Votre réponse est enregistrée avec votre nom, pour le suivi de votre formation.',
    progress: '{{answered, number}} question(s) répondue(s) sur {{total, number}}',
    required: 'obligatoire',
    optional: 'facultatif',
    yes: 'Oui',
    no: 'Non',
    npsLow: '0 — Pas du tout probable',
    npsHigh: '10 — Très probable',
    chooseSeveral: 'Plusieurs réponses possibles.',
    textHint: 'N’indiquez pas d’informations personnelles sur d’autres personnes.',
    submit: 'Envoyer mes réponses',
    thanks: 'Merci ! Vos réponses ont bien été enregistrées.',
    thanksDetail: 'Vous pouvez fermer cette page.',
    draftRestored: 'Vos réponses en cours ont été retrouvées sur cet appareil.',
    missing: 'Répondez à cette question.',
    fixBelow: 'Certaines réponses sont à compléter ou corriger : voir les questions signalées.',
    alreadyAnsweredTitle: 'Déjà répondu',
    closedTitle: 'Questionnaire clos',
    notFoundTitle: 'Lien introuvable',
    unavailableTitle: 'Questionnaire indisponible',
  },
  errors: {
    answer_link_not_found: 'Ce lien de questionnaire n’existe pas. Vérifiez l’adresse reçue.',
    already_answered: 'Vous avez déjà répondu à ce questionnaire : merci !',
    already_answered_organisation: 'Vous avez déjà répondu à ce questionnaire de {{organisation}} : merci !',
    campaign_closed_organisation:
      'Ce questionnaire est clos : il ne reçoit plus de réponses. Pour toute question, contactez {{organisation}}.',
    campaign_cancelled_organisation:
      'Ce questionnaire a été annulé. Pour toute question, contactez {{organisation}}.',
    shared_link_closed_organisation:
      'Ce lien ne reçoit plus de réponses. Pour toute question, contactez {{organisation}}.',
    shared_link_full_organisation:
      'Ce lien a reçu toutes les réponses qu’il peut accepter. Contactez {{organisation}}.',
    unknown_question: 'Ce questionnaire a changé : rechargez la page.',
    invalid_answer: 'Cette réponse n’est pas valable : vérifiez-la.',
    answer_required: 'Répondez à cette question.',
    empty_answer: 'Répondez au moins à une question.',
  },
};

export const answerMessages: Messages<typeof fr> = {
  fr,
  en: {
    survey: {
      title: 'Your opinion',
      intro: '{{organisation}} thanks you for taking a few minutes to answer.',
      about: 'About',
      closesOn: 'Answers until',
      anonymous:
        'This survey is anonymous: your answer is recorded without your name, your address or the exact time.',
      named: 'Your answer is recorded with your name, to follow up your training.',
      progress: '{{answered, number}} of {{total, number}} questions answered',
      required: 'required',
      optional: 'optional',
      yes: 'Yes',
      no: 'No',
      npsLow: '0 — Not at all likely',
      npsHigh: '10 — Extremely likely',
      chooseSeveral: 'Several answers possible.',
      textHint: 'Please do not include personal information about other people.',
      submit: 'Send my answers',
      thanks: 'Thank you! Your answers have been recorded.',
      thanksDetail: 'You can close this page.',
      draftRestored: 'Your answers in progress were found on this device.',
      missing: 'Please answer this question.',
      fixBelow: 'Some answers need completing or correcting: see the questions marked.',
      alreadyAnsweredTitle: 'Already answered',
      closedTitle: 'Survey closed',
      notFoundTitle: 'Link not found',
      unavailableTitle: 'Survey unavailable',
    },
    errors: {
      answer_link_not_found: 'This survey link does not exist. Check the address you received.',
      already_answered: 'You have already answered this survey: thank you!',
      already_answered_organisation:
        'You have already answered this survey from {{organisation}}: thank you!',
      campaign_closed_organisation:
        'This survey is closed: it takes no more answers. For any question, contact {{organisation}}.',
      campaign_cancelled_organisation:
        'This survey was cancelled. For any question, contact {{organisation}}.',
      shared_link_closed_organisation:
        'This link takes no more answers. For any question, contact {{organisation}}.',
      shared_link_full_organisation:
        'This link has received all the answers it accepts. Contact {{organisation}}.',
      unknown_question: 'This survey has changed: reload the page.',
      invalid_answer: 'This answer is not valid: please check it.',
      answer_required: 'Please answer this question.',
      empty_answer: 'Please answer at least one question.',
    },
  },
};
