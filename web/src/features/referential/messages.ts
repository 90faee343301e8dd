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
  },
  appliesTo: {
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
    },
    appliesTo: {
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
