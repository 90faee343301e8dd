import type { Messages } from '../../locales/messages';

const fr = {
  sharedLinks: {
    title: 'Liens partagés (QR code)',
    intro:
      'Pour faire répondre une salle : affichez ou imprimez le QR code, chacun répond depuis son téléphone. Une personne = une réponse par envoi.',
    open: 'Ouvert',
    closed: 'Fermé',
    answers_one: '{{count, number}} réponse',
    answers_other: '{{count, number}} réponses',
    qrLabel: 'QR code du lien « {{label}} »',
    print: 'Imprimer le QR code',
    close: 'Fermer le lien « {{label}} »',
    label: 'Nom du lien (la salle, le groupe)',
    labelHint: 'Par exemple : Salle 2, groupe du matin.',
    defaultLabel: 'Salle',
    submit: 'Ouvrir un lien partagé',
    opened: 'Lien « {{label}} » ouvert.',
    closedStatus: 'Lien « {{label}} » fermé.',
  },
};

/** The campaign page's shared links (QR codes). */
export const sharedLinkMessages: Messages<typeof fr> = {
  fr,
  en: {
    sharedLinks: {
      title: 'Shared links (QR code)',
      intro:
        'To have a room answer: show or print the QR code, everyone answers from their phone. One person = one answer per submission.',
      open: 'Open',
      closed: 'Closed',
      answers_one: '{{count, number}} answer',
      answers_other: '{{count, number}} answers',
      qrLabel: 'QR code of the link “{{label}}”',
      print: 'Print the QR code',
      close: 'Close the link “{{label}}”',
      label: 'Name of the link (the room, the group)',
      labelHint: 'For example: Room 2, morning group.',
      defaultLabel: 'Room',
      submit: 'Open a shared link',
      opened: 'Link “{{label}}” opened.',
      closedStatus: 'Link “{{label}}” closed.',
    },
  },
};
