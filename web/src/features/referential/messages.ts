import type { Messages } from '../../locales/messages';

const fr = {
  referential: {
    nav: 'Référentiel',
    title: 'Référentiel national qualité',
    version: 'Version',
    versionOption: 'RNQ {{version}}',
    toConfirm: 'À confirmer',
    criterion: 'Critère {{number}}',
    indicator: 'Indicateur {{number}}',
    majorOnly: 'Non-conformité majeure uniquement',
    appliesTo: "S'applique à :",
    forOrganisation: 'Pour votre organisme',
    applicableCount: '{{count, number}} indicateurs sur {{total, number}} s’appliquent à votre organisme.',
    undeclared: 'Déclarez les activités de votre organisme pour voir les indicateurs qui le concernent.',
    declare: 'Déclarer les activités',
    applies: "S'applique à votre organisme",
    appliesBecause: 'Parce que :',
    notApplicable: 'Ne s’applique pas à votre organisme',
    notApplicableBecause: 'Réservé à :',
    deferred:
      'Nouvel entrant : le processus est vérifié à l’audit initial, ses résultats à l’audit de surveillance.',
  },
  appliesTo: {
    common: 'Indicateur commun à tous les organismes',
    training: 'Action de formation',
    skills_assessment: 'Bilan de compétences',
    vae: 'VAE',
    apprenticeship: 'Apprentissage',
    certifying: 'Certification professionnelle (RNCP/RS)',
    subcontracting: 'Sous-traitance ou portage salarial',
    work_based_training: 'Formation en situation de travail',
    alternance: 'Alternance',
  },
};

export const referentialMessages: Messages<typeof fr> = {
  fr,
  en: {
    referential: {
      nav: 'Referential',
      title: 'National quality referential',
      version: 'Version',
      versionOption: 'RNQ {{version}}',
      toConfirm: 'To be confirmed',
      criterion: 'Criterion {{number}}',
      indicator: 'Indicator {{number}}',
      majorOnly: 'Major non-conformity only',
      appliesTo: 'Applies to:',
      forOrganisation: 'For your organisation',
      applicableCount: '{{count, number}} of {{total, number}} indicators apply to your organisation.',
      undeclared: "Declare your organisation's activities to see the indicators that concern it.",
      declare: 'Declare the activities',
      applies: 'Applies to your organisation',
      appliesBecause: 'Because of:',
      notApplicable: 'Does not apply to your organisation',
      notApplicableBecause: 'Only for:',
      deferred:
        'New entrant: the process is checked at the initial audit, its results at the surveillance audit.',
    },
    appliesTo: {
      common: 'Common to every organisation',
      training: 'Training action',
      skills_assessment: 'Skills assessment',
      vae: 'VAE',
      apprenticeship: 'Apprenticeship',
      certifying: 'Professional certification (RNCP/RS)',
      subcontracting: 'Subcontracting or umbrella employment',
      work_based_training: 'Work-based training',
      alternance: 'Work-study (alternance)',
    },
  },
};
