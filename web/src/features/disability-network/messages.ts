import type { Messages } from '../../locales/messages';

const fr = {
  disabilityNetwork: {
    nav: 'Réseau handicap',
    title: 'Réseau handicap',
    intro:
      'Les partenaires que l’équipe peut mobiliser pour accueillir une personne en situation de handicap, le référent handicap et ses formations, les rencontres tenues (indicateur 26).',
    partnersTitle: 'Partenaires',
    noPartners: 'Aucun partenaire enregistré.',
    referentTitle: 'Référent handicap',
    noReferent: 'Aucun référent désigné.',
    trainingsTitle: 'Formations du référent',
    meetingsTitle: 'Rencontres',
    noMeetings: 'Aucune rencontre enregistrée.',
  },
  disabilityPartnerKinds: {
    cap_emploi: 'Cap emploi',
    mdph: 'MDPH',
    agefiph: 'Agefiph',
    fiphfp: 'FIPHFP',
    other: 'Autre partenaire',
  },
};

export const disabilityNetworkMessages: Messages<typeof fr> = {
  fr,
  en: {
    disabilityNetwork: {
      nav: 'Disability network',
      title: 'Disability network',
      intro:
        'The partners the team can call on to welcome a person with a disability, the disability referent and their trainings, the meetings held (indicator 26).',
      partnersTitle: 'Partners',
      noPartners: 'No partner recorded.',
      referentTitle: 'Disability referent',
      noReferent: 'No referent named.',
      trainingsTitle: 'The referent’s trainings',
      meetingsTitle: 'Meetings',
      noMeetings: 'No meeting recorded.',
    },
    disabilityPartnerKinds: {
      cap_emploi: 'Cap emploi',
      mdph: 'MDPH',
      agefiph: 'Agefiph',
      fiphfp: 'FIPHFP',
      other: 'Other partner',
    },
  },
};
