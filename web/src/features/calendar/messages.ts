import type { Messages } from '../../locales/messages';

const fr = {
  calendar: {
    nav: 'Échéancier',
    title: 'Échéancier',
    intro:
      'Ce qui est dû : fenêtres d’audit, échéances des non-conformités, envois de campagnes et autres échéances.',
    range: 'Du {{from}} au {{to}}',
    earlier: 'Six mois plus tôt',
    later: 'Six mois plus tard',
    empty: 'Rien à cette période.',
    overdue: 'En retard',
    until: 'jusqu’au {{date}}',
    indicator: 'indicateur {{number}}',
    feedTitle: 'S’abonner depuis un agenda',
    feedIntro:
      'Une adresse secrète et personnelle (format iCalendar) que votre agenda (Outlook, Google Agenda, Apple Calendrier…) peut suivre. Elle montre les trois derniers mois et les treize prochains. Ne la partagez pas.',
    feedActive: 'Une adresse est active depuis le {{date}}.',
    feedNone: 'Aucune adresse active.',
    feedCreate: 'Créer mon adresse d’abonnement',
    feedRegenerate: 'Générer une nouvelle adresse (l’ancienne cesse de fonctionner)',
    feedRevoke: 'Désactiver mon adresse',
    feedShown: 'Votre adresse, affichée une seule fois :',
    feedRevoked: 'Adresse désactivée.',
    nextTitle: 'Prochaines échéances',
    nextEmpty: 'Aucune échéance dans les 60 prochains jours.',
    nextAll: 'Tout l’échéancier',
  },
};

export const calendarMessages: Messages<typeof fr> = {
  fr,
  en: {
    calendar: {
      nav: 'Calendar',
      title: 'Calendar',
      intro: 'What is due: audit windows, non-conformity deadlines, campaigns to send and other due dates.',
      range: 'From {{from}} to {{to}}',
      earlier: 'Six months earlier',
      later: 'Six months later',
      empty: 'Nothing in this period.',
      overdue: 'Overdue',
      until: 'until {{date}}',
      indicator: 'indicator {{number}}',
      feedTitle: 'Subscribe from a calendar application',
      feedIntro:
        'A secret, personal address (iCalendar format) your calendar (Outlook, Google Calendar, Apple Calendar…) can follow. It shows the last three months and the next thirteen. Do not share it.',
      feedActive: 'An address is active since {{date}}.',
      feedNone: 'No active address.',
      feedCreate: 'Create my subscription address',
      feedRegenerate: 'Generate a new address (the old one stops working)',
      feedRevoke: 'Turn off my address',
      feedShown: 'Your address, shown only once:',
      feedRevoked: 'Address turned off.',
      nextTitle: 'Next due',
      nextEmpty: 'Nothing due in the next 60 days.',
      nextAll: 'The whole calendar',
    },
  },
};
