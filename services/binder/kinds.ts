/**
 * Evidence kinds (declared beside each slice's events) as the binder's readers see them. A kind missing here reads
 * as its code, and a test fails.
 */
export const EVIDENCE_KIND_LABELS: Readonly<Record<string, string>> = {
  solicitation: 'Sollicitation',
  reminder: 'Relance',
  feedback_received: 'Appréciation recueillie',
  partner_contact: 'Échange avec un partenaire',
  results_published: 'Publication des résultats',
  improvement_source: 'Source d’amélioration',
  improvement_action: 'Action d’amélioration',
  improvement_effectiveness: 'Efficacité vérifiée',
  audit_non_conformity: 'Non-conformité d’audit',
  non_conformity_closed: 'Non-conformité levée',
  complaint_received: 'Réclamation reçue',
  complaint_acknowledged: 'Accusé de réception',
  complaint_analysed: 'Analyse de réclamation',
  complaint_answered: 'Réponse à une réclamation',
  complaint_rejected: 'Réclamation non fondée',
  complaint_mediation: 'Médiation',
  complaint_closed: 'Réclamation close',
  incident_recorded: 'Aléa ou difficulté signalé',
  incident_measure: 'Mesure prise',
  incident_resolved: 'Aléa ou difficulté résolu',
  watch_note: 'Note de veille',
  watch_analysis: 'Analyse de veille',
  watch_communication: 'Diffusion de la veille',
  disability_partner: 'Partenaire du réseau handicap',
  disability_partner_updated: 'Partenaire du réseau handicap mis à jour',
  disability_partner_removed: 'Partenaire retiré du réseau handicap',
  disability_referent: 'Référent handicap',
  disability_meeting: 'Rencontre du réseau handicap',
  evidence_document: 'Document de preuve',
  mock_audit: 'Audit à blanc',
};

/** A kind in French (its code if it has no label yet). */
export const kindLabel = (kind: string): string => EVIDENCE_KIND_LABELS[kind] ?? kind;

const SOURCE_LABELS: Readonly<Record<string, string>> = {
  answer: 'Réponse',
  campaign: 'Campagne',
  complaint: 'Réclamation',
  disability_partner: 'Partenaire handicap',
  disability_referent: 'Référent handicap',
  document: 'Document',
  improvement_action: 'Action d’amélioration',
  incident: 'Aléa',
  mock_audit: 'Audit à blanc',
  non_conformity: 'Non-conformité',
  partner_contact: 'Échange partenaire',
  results_snapshot: 'Résultats publiés',
  session: 'Session',
  watch_note: 'Note de veille',
};

/** An item's source type in French (its code if it has no label). */
export const sourceLabel = (type: string): string => SOURCE_LABELS[type] ?? type;
