import type { Messages } from '../../locales/messages';

/** What the opt-out page says (`/a/:token/opt-out`, the link at the foot of every campaign message). */
const fr = {
  optOut: {
    title: 'Ne plus recevoir de messages',
    intro:
      'Vous avez reçu un message vous demandant votre avis. Confirmez pour ne plus recevoir de message ni de relance pour cette enquête.',
    stillAnswer: 'Vous pourrez toujours répondre avec le lien reçu si vous changez d’avis.',
    confirm: 'Confirmer : ne plus recevoir de messages',
    sending: 'Enregistrement…',
    done: 'C’est noté : vous ne recevrez plus de messages pour cette enquête.',
    doneOrganisation: 'C’est noté : {{organisation}} ne vous enverra plus de messages pour cette enquête.',
    doneDetail: 'Vous pouvez fermer cette page.',
    notFoundTitle: 'Lien introuvable',
    notFound: 'Ce lien n’existe pas. Vérifiez l’adresse reçue dans le message.',
  },
};

export const campaignMailMessages: Messages<typeof fr> = {
  fr,
  en: {
    optOut: {
      title: 'Stop receiving messages',
      intro:
        'You received a message asking for your opinion. Confirm to receive no more messages or reminders about this survey.',
      stillAnswer: 'You can still answer with the link you received if you change your mind.',
      confirm: 'Confirm: stop receiving messages',
      sending: 'Saving…',
      done: 'Done: you will receive no more messages about this survey.',
      doneOrganisation: 'Done: {{organisation}} will send you no more messages about this survey.',
      doneDetail: 'You can close this page.',
      notFoundTitle: 'Link not found',
      notFound: 'This link does not exist. Check the address in the message you received.',
    },
  },
};
