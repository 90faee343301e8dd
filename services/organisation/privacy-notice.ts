import type { PrivacyNotice } from './events';

/**
 * The notice public forms show until the organisation writes its own: who processes the answers, why, how long
 * they are kept and whom to contact, in French.
 */
export const defaultPrivacyNotice = (
  organisationName: string,
  contactEmail: string | null,
): PrivacyNotice => ({
  controller: `${organisationName}, organisme de formation, responsable du traitement.`,
  purpose:
    'Recueillir votre appréciation sur la formation suivie pour évaluer et améliorer nos prestations (démarche qualité Qualiopi). Ce traitement repose sur notre intérêt légitime à améliorer nos formations ; répondre est facultatif.',
  retention:
    'Vos réponses sont conservées trois ans après leur envoi, la durée d’un cycle de certification qualité, puis supprimées ou rendues anonymes.',
  contact: contactEmail
    ? `Pour accéder à vos réponses, les faire rectifier ou effacer, écrivez à ${contactEmail}. Vous pouvez aussi adresser une réclamation à la CNIL (cnil.fr).`
    : `Pour accéder à vos réponses, les faire rectifier ou effacer, contactez ${organisationName}. Vous pouvez aussi adresser une réclamation à la CNIL (cnil.fr).`,
});
