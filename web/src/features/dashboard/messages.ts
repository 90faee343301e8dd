import type { Messages } from '../../locales/messages';

const fr = {
  dashboard: {
    nav: 'Tableau de bord',
    title: 'Tableau de bord',
    countsTitle: 'En chiffres',
    trainingActions: 'Actions de formation',
    sessions: 'Sessions',
    responses: 'Appréciations recueillies',
    averageRating: 'Satisfaction moyenne',
    latestEvidence: "Dernières preuves de l'indicateur 30",
    noEvidence: "Aucune preuve pour l'indicateur 30 pour le moment.",
    seeTimeline: 'Voir toute la chronologie des preuves',
    summaryTitle: 'Preuves par indicateur',
    indicator: 'Indicateur',
    indicatorNumber: 'Indicateur {{number}}',
    count: 'Preuves',
    lastAt: 'Dernière preuve',
    noSummary: 'Aucune preuve enregistrée pour le moment.',
    publicationNone:
      'Vous n’avez encore publié aucun résultat : l’indicateur 2 demande des résultats publics, datés et tenus à jour.',
    publicationStale:
      'Des résultats publiés datent de plus de 12 mois (dernière publication le {{date}}) : l’indicateur 2 demande des chiffres à jour.',
    publicationLink: 'Publier des résultats',
  },
};

export const dashboardMessages: Messages<typeof fr> = {
  fr,
  en: {
    dashboard: {
      nav: 'Dashboard',
      title: 'Dashboard',
      countsTitle: 'Key figures',
      trainingActions: 'Training actions',
      sessions: 'Sessions',
      responses: 'Feedback responses',
      averageRating: 'Average satisfaction',
      latestEvidence: 'Latest evidence for indicator 30',
      noEvidence: 'No evidence for indicator 30 yet.',
      seeTimeline: 'See the whole evidence timeline',
      summaryTitle: 'Evidence per indicator',
      indicator: 'Indicator',
      indicatorNumber: 'Indicator {{number}}',
      count: 'Evidence',
      lastAt: 'Latest evidence',
      noSummary: 'No evidence recorded yet.',
      publicationNone:
        'You have not published any results yet: indicator 2 asks for public, dated results kept up to date.',
      publicationStale:
        'Published results are more than 12 months old (last published on {{date}}): indicator 2 asks for up-to-date figures.',
      publicationLink: 'Publish results',
    },
  },
};
