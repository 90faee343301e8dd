import type { Messages } from '../../locales/messages';
import type { RetentionCategory } from './retention';

const fr = {
  retention: {
    nav: 'Conservation des données',
    title: 'Conservation des données',
    intro:
      'Combien de temps votre organisme conserve les données personnelles, par catégorie. Une fois la durée écoulée, elles sont effacées automatiquement : les faits restent (une note, l’envoi d’un message), les données de la personne sont remplacées par « [effacé] ».',
    adminsOnly: 'Cette page est réservée aux administrateurs de l’organisme.',
    months: 'Durée de conservation (en mois)',
    bounds: 'De {{min, number}} à {{max, number}} mois. Par défaut : {{default, number}} mois.',
    defaultBadge: 'Par défaut',
    dueNow_one: '{{count, number}} effacement au prochain passage',
    dueNow_other: '{{count, number}} effacements au prochain passage',
    dueSoon_one: '{{count, number}} effacement dans les 30 prochains jours',
    dueSoon_other: '{{count, number}} effacements dans les 30 prochains jours',
    nothingDue: 'Rien à effacer dans les 30 prochains jours.',
    outOfBounds: 'Indiquez un nombre entier de mois, de {{min, number}} à {{max, number}}.',
    save: 'Enregistrer les durées',
    saved: 'Durées de conservation enregistrées.',
    unchanged: 'Aucune durée n’a changé.',
  },
  retentionCategories: {
    feedback_comments: 'Commentaires des appréciations',
    complaints: 'Réclamations',
    contact_logs: 'Traces des courriels, invitations et échanges',
    departed_accounts: 'Comptes des personnes parties',
    campaign_respondents: 'Personnes sollicitées par les campagnes',
    incidents: 'Difficultés et aléas',
  } satisfies Record<RetentionCategory, string>,
  retentionCategoryHints: {
    feedback_comments:
      'Le texte libre des réponses, compté depuis la réponse ; la note reste. Par défaut, le temps entre deux audits Qualiopi.',
    complaints:
      'Les données des réclamants et ce qui a été écrit sur leur réclamation, comptées depuis sa clôture ou son rejet (délai de prescription de 5 ans) ; une réclamation rouverte n’est jamais effacée.',
    contact_logs:
      'Le destinataire des messages envoyés et l’adresse des invitations, comptés depuis l’envoi ; les personnes rencontrées et leurs propos dans les échanges avec les financeurs et les entreprises, comptés depuis la date de l’échange.',
    departed_accounts:
      'Le nom et l’adresse des membres désactivés, comptés depuis la désactivation (une réactivation arrête le compte).',
    campaign_respondents:
      'Le nom et l’adresse des personnes sollicitées par une campagne, comptés depuis sa clôture (ou leur retrait). Par défaut, le temps entre deux audits Qualiopi. Les commentaires d’une personne nommée sont effacés avec elle : gardez-les au moins aussi longtemps que les commentaires.',
    incidents:
      'Ce que les fiches de difficulté ou d’aléa disent des personnes concernées (apprenant en difficulté, adaptation liée au handicap), compté depuis la résolution. Par défaut, un cycle de certification (36 mois).',
  } satisfies Record<RetentionCategory, string>,
  errors: {
    retention_period_out_of_bounds: 'Une durée de conservation va de 1 à 120 mois, en nombre entier.',
    no_retention_period: 'Indiquez au moins une durée.',
    unknown_retention_category: 'Catégorie de données inconnue.',
  },
};

export const retentionMessages: Messages<typeof fr> = {
  fr,
  en: {
    retention: {
      nav: 'Data retention',
      title: 'Data retention',
      intro:
        'How long your organisation keeps personal data, by category. Once the period is over they are erased automatically: the facts stay (a rating, a message having been sent), the person’s data read “[effacé]”.',
      adminsOnly: 'This page is for the organisation’s administrators only.',
      months: 'Retention period (months)',
      bounds: 'From {{min, number}} to {{max, number}} months. Default: {{default, number}} months.',
      defaultBadge: 'Default',
      dueNow_one: '{{count, number}} erasure at the next sweep',
      dueNow_other: '{{count, number}} erasures at the next sweep',
      dueSoon_one: '{{count, number}} erasure within the next 30 days',
      dueSoon_other: '{{count, number}} erasures within the next 30 days',
      nothingDue: 'Nothing to erase within the next 30 days.',
      outOfBounds: 'Enter a whole number of months, from {{min, number}} to {{max, number}}.',
      save: 'Save the periods',
      saved: 'Retention periods saved.',
      unchanged: 'No period changed.',
    },
    retentionCategories: {
      feedback_comments: 'Comments of answers',
      complaints: 'Complaints',
      contact_logs: 'Mail, invitation and contact traces',
      departed_accounts: 'Accounts of people who left',
      campaign_respondents: 'People asked by campaigns',
      incidents: 'Difficulties and disruptions',
    },
    retentionCategoryHints: {
      feedback_comments:
        'The free text of answers, counted from the answer; the rating stays. By default, the time between two Qualiopi audits.',
      complaints:
        'Complainants’ data and what was written about their complaint, counted from its closing or rejection (the 5-year limitation period); a reopened complaint is never erased.',
      contact_logs:
        'The recipients of sent messages and the addresses of invitations, counted from the sending; the people met and what they said in contacts with funders and companies, counted from the contact’s date.',
      departed_accounts:
        'The name and address of deactivated members, counted from the deactivation (a reactivation stops the clock).',
      campaign_respondents:
        'The name and address of the people a campaign asked, counted from its closing (or their removal). By default, the time between two Qualiopi audits. A named person’s comments are erased with them: keep them at least as long as comments.',
      incidents:
        'What difficulty and disruption records say of the people concerned (a learner in difficulty, a disability accommodation), counted from the resolution. By default, one certification cycle (36 months).',
    },
    errors: {
      retention_period_out_of_bounds: 'A retention period is a whole number of months from 1 to 120.',
      no_retention_period: 'Give at least one period.',
      unknown_retention_category: 'Unknown category of data.',
    },
  },
};
