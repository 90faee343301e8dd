import type { Messages } from '../../locales/messages';
import type { ReadinessStatus } from './readiness';

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
  readiness: {
    title: 'Préparation de l’audit',
    period: 'Sur la période du {{from}} au {{to}}, depuis le dernier audit réalisé (ou sur un an).',
    nextAudit_one: '{{kind}} le {{date}} : dans {{count, number}} jour.',
    nextAudit_other: '{{kind}} le {{date}} : dans {{count, number}} jours.',
    auditNow: '{{kind}} : commencé le {{date}}.',
    noAudit: 'Aucun audit n’est prévu.',
    planAudit: 'Planifier un audit',
    indicator: 'Indicateur {{number}}',
    toFix: 'Indicateurs à traiter avant l’audit',
    readyTitle: 'Indicateurs prêts',
    withoutEvidenceTitle: 'Indicateurs manquants, faute de preuve',
    noIndicator: 'Aucun indicateur applicable : déclarez vos activités dans la fiche de l’organisme.',
  },
  readinessStatuses: {
    ready: 'Prêt',
    at_risk: 'À risque',
    missing: 'Manquant',
  } satisfies Record<ReadinessStatus, string>,
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
    readiness: {
      title: 'Audit readiness',
      period: 'Over the period from {{from}} to {{to}}, since the last audit held (or over a year).',
      nextAudit_one: '{{kind}} on {{date}}: in {{count, number}} day.',
      nextAudit_other: '{{kind}} on {{date}}: in {{count, number}} days.',
      auditNow: '{{kind}}: started on {{date}}.',
      noAudit: 'No audit is planned.',
      planAudit: 'Plan an audit',
      indicator: 'Indicator {{number}}',
      toFix: 'Indicators to deal with before the audit',
      readyTitle: 'Ready indicators',
      withoutEvidenceTitle: 'Indicators missing for lack of evidence',
      noIndicator: 'No indicator applies: declare your activities in the organisation’s profile.',
    },
    readinessStatuses: {
      ready: 'Ready',
      at_risk: 'At risk',
      missing: 'Missing',
    },
  },
};
