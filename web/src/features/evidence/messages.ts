import type { Messages } from '../../locales/messages';

const fr = {
  evidence: {
    nav: 'Preuves',
    title: 'Preuves',
    filtersTitle: 'Critères de recherche',
    indicator: 'Indicateur',
    indicatorOption: 'Indicateur {{number}} — {{title}}',
    indicatorHint: 'Indicateurs du référentiel en vigueur (RNQ {{version}}).',
    unknownIndicator:
      "L'indicateur {{number}} ne fait pas partie du référentiel en vigueur (RNQ {{version}}).",
    period: 'Période (facultative)',
    from: 'Du',
    to: 'Au',
    periodInverted: 'La date « Au » doit être identique ou postérieure à la date « Du ».',
    order: 'Ordre',
    newestFirst: "Les plus récentes d'abord",
    oldestFirst: "Les plus anciennes d'abord",
    apply: 'Afficher',
    total_one: "{{count, number}} preuve pour l'indicateur {{indicator}}",
    total_other: "{{count, number}} preuves pour l'indicateur {{indicator}}",
    empty: 'Aucune preuve pour ces critères.',
    loadMore: 'Charger plus',
    shown: '{{shown, number}} sur {{total, number}} affichées',
    timelineNewestFirst: "Chronologie des preuves, les plus récentes d'abord",
    timelineOldestFirst: "Chronologie des preuves, les plus anciennes d'abord",
  },
  evidenceKinds: {
    solicitation: 'Sollicitation',
    reminder: 'Relance',
    feedback_received: 'Appréciation reçue',
  },
};

export const evidenceMessages: Messages<typeof fr> = {
  fr,
  en: {
    evidence: {
      nav: 'Evidence',
      title: 'Evidence',
      filtersTitle: 'Search criteria',
      indicator: 'Indicator',
      indicatorOption: 'Indicator {{number}} — {{title}}',
      indicatorHint: 'Indicators of the referential in force (RNQ {{version}}).',
      unknownIndicator: 'Indicator {{number}} is not part of the referential in force (RNQ {{version}}).',
      period: 'Period (optional)',
      from: 'From',
      to: 'To',
      periodInverted: 'The “To” date must be the same as or after the “From” date.',
      order: 'Order',
      newestFirst: 'Newest first',
      oldestFirst: 'Oldest first',
      apply: 'Show',
      total_one: '{{count, number}} piece of evidence for indicator {{indicator}}',
      total_other: '{{count, number}} pieces of evidence for indicator {{indicator}}',
      empty: 'No evidence for these criteria.',
      loadMore: 'Load more',
      shown: '{{shown, number}} of {{total, number}} shown',
      timelineNewestFirst: 'Evidence timeline, newest first',
      timelineOldestFirst: 'Evidence timeline, oldest first',
    },
    evidenceKinds: {
      solicitation: 'Solicitation',
      reminder: 'Reminder',
      feedback_received: 'Feedback received',
    },
  },
};
