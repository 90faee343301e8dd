import { ERASED, type SubjectKind } from './declarations';
import type { ErasureReason, ExportFormat } from './events';
import type { ExportedEvent, SubjectExport } from './export';

/** Text for HTML: every value of an export passes here (names and addresses are typed by people). */
export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'long',
  timeStyle: 'short',
});
/** An instant as a French reader expects it, in Paris time. */
export const parisTime = (iso: string | Date): string => parisDateTime.format(new Date(iso));

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  user: 'Utilisateur',
  respondent: 'Répondant',
  learner: 'Apprenant',
  complainant: 'Auteur de réclamation',
  contact: 'Contact',
};

/** French names of the event types an export shows (others show their technical name). */
const EVENT_LABELS: Record<string, string> = {
  UserRegistered: 'Compte créé',
  TeamMemberEnrolled: 'Membre de l’équipe',
  InvitationSent: 'Invitation envoyée',
  MailQueued: 'Message à envoyer',
  MailSent: 'Message envoyé',
  MailDeferred: 'Envoi différé',
  MailRefused: 'Message refusé',
  MailFailed: 'Envoi abandonné',
  FeedbackSubmitted: 'Réponse à un questionnaire',
  PersonalDataErased: 'Données effacées',
  PersonalDataExported: 'Données exportées',
};

const FIELD_LABELS: Record<string, string> = {
  email: 'Adresse e-mail',
  displayName: 'Nom',
  to: 'Destinataire',
  response: 'Réponse du serveur de messagerie',
  error: 'Erreur',
  comment: 'Commentaire',
  reason: 'Motif',
  format: 'Format',
  display_name: 'Nom',
  recipient: 'Destinataire',
};

const REASON_LABELS: Record<ErasureReason, string> = {
  subject_request: 'demande de la personne',
  retention_expired: 'durée de conservation échue',
  unlawful_processing: 'traitement illicite',
};
const FORMAT_LABELS: Record<ExportFormat, string> = { json: 'JSON', html: 'page HTML' };

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (value instanceof Date) return parisTime(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)))
      return parisTime(value);
    return value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

const valueCell = (field: string, value: unknown) => {
  if (value === ERASED) return '<td><strong class="erased">Effacé</strong></td>';
  if (field === 'reason')
    return `<td>${escapeHtml(REASON_LABELS[value as ErasureReason] ?? text(value))}</td>`;
  if (field === 'format')
    return `<td>${escapeHtml(FORMAT_LABELS[value as ExportFormat] ?? text(value))}</td>`;
  return `<td>${escapeHtml(text(value))}</td>`;
};

const fieldRows = (values: Record<string, unknown>) =>
  Object.entries(values)
    .map(
      ([field, value]) =>
        `<tr><th scope="row">${escapeHtml(FIELD_LABELS[field] ?? field)}</th>${valueCell(field, value)}</tr>`,
    )
    .join('');

const eventSection = (event: ExportedEvent) => {
  const personal = Object.keys(event.personalData).length > 0;
  const details = Object.keys(event.details).length > 0;
  return `<li class="event">
  <h4>${escapeHtml(EVENT_LABELS[event.type] ?? event.type)} <span class="muted">· ${escapeHtml(parisTime(event.occurredAt))}</span></h4>
  <p class="muted">${escapeHtml(event.type)} · flux ${escapeHtml(event.streamId)} · position ${event.position}</p>
  ${personal ? `<table><caption>Données personnelles</caption><tbody>${fieldRows(event.personalData)}</tbody></table>` : ''}
  ${details ? `<table><caption>Autres informations</caption><tbody>${fieldRows(event.details)}</tbody></table>` : ''}
</li>`;
};

const outsideLogSection = (records: Record<string, Record<string, unknown>[]>) => {
  const tables = Object.entries(records);
  if (tables.length === 0) return '<p>Aucune autre donnée conservée hors du journal.</p>';
  return tables
    .map(
      ([table, rows]) =>
        `<h4>${escapeHtml(table)}</h4>${rows
          .map((row) => `<table><tbody>${fieldRows(row)}</tbody></table>`)
          .join('')}`,
    )
    .join('');
};

/**
 * The export as a page to read and print: self-contained (inline styles, no script, no remote resource), every
 * value escaped, French first, dates in Paris time. Served with a CSP that forbids scripts.
 */
export const renderSubjectExportHtml = (data: SubjectExport): string => {
  const organisation = data.organisation.name ?? data.organisation.id;
  const subjects = data.subjects
    .map(
      (subject) => `<section>
  <h2>${escapeHtml(SUBJECT_KIND_LABELS[subject.kind])} <span class="muted">${escapeHtml(subject.subjectId)}</span></h2>
  ${subject.erased ? '<p><strong class="erased">Les données personnelles de cette personne ont été effacées.</strong></p>' : ''}
  <h3>Événements du journal (${subject.events.length})</h3>
  ${subject.events.length === 0 ? '<p>Aucun événement.</p>' : `<ol>${subject.events.map(eventSection).join('')}</ol>`}
  <h3>Données conservées hors du journal</h3>
  ${outsideLogSection(subject.outsideLog)}
</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Données personnelles — ${escapeHtml(organisation)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-top:2px solid #1a1a1a;padding-top:1rem;margin-top:2rem}
h3{font-size:1.1rem}h4{font-size:1rem;margin:.5rem 0 0}
.muted{color:#555;font-weight:normal;font-size:.9em}
.erased{color:#8a1c1c}
ol{padding-left:1.25rem}li.event{margin-bottom:1rem;break-inside:avoid}
table{border-collapse:collapse;width:100%;margin:.25rem 0 .5rem}
caption{text-align:left;font-weight:600;font-size:.9em}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{width:30%;background:#f2f2f2;font-weight:600}
@media print{body{max-width:none;padding:0}h2{break-before:page}a{color:inherit}}
</style>
</head>
<body>
<header>
<h1>Données personnelles détenues</h1>
<p>Organisme : <strong>${escapeHtml(organisation)}</strong></p>
<p>Export du ${escapeHtml(parisTime(data.exportedAt))} (heure de Paris). Personnes concernées : ${data.subjects.length}.</p>
<p lang="en" class="muted">Personal data held by ${escapeHtml(organisation)}, exported on ${escapeHtml(data.exportedAt)} (UTC). The same content is available as JSON.</p>
</header>
<main>
${subjects}
</main>
</body>
</html>
`;
};
