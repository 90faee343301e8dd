import { type ComplaintCommand, complaintDecider } from '../../services/complaints/decider';
import {
  type ComplainantGroup,
  type ComplaintChannel,
  type ComplaintOutcome,
  complaintStream,
} from '../../services/complaints/events';
import {
  type ComplaintImprovementRequested,
  complaintImprovementDecider,
  complaintImprovementStream,
} from '../../services/complaints/improvement';
import { incidentDecider } from '../../services/complaints/incident-decider';
import {
  type IncidentCategory,
  type IncidentImprovementRequested,
  type IncidentKind,
  type IncidentSeverity,
  incidentStream,
} from '../../services/complaints/incident-events';
import { newId } from '../../services/kernel/ids';
import { addWorkingDays } from '../../services/kernel/working-days';
import { type Demo, day, onDay } from './context';
import type { DemoSession, DemoTraining } from './training';

/** An improvement another slice asked for, for the improvement plan to pick up as the actions reactor does. */
export type DemoRequest =
  | { type: 'ComplaintImprovementRequested'; data: ComplaintImprovementRequested['data']; on: string }
  | { type: 'IncidentImprovementRequested'; data: IncidentImprovementRequested['data']; on: string };

interface DemoComplaint {
  daysAgo: number;
  channel: ComplaintChannel;
  group: ComplainantGroup;
  complainant: {
    name: string;
    email: string | null;
    phone: string | null;
    postalAddress: string | null;
  } | null;
  session: boolean;
  text: string;
  /** The steps done, each so many working days after the previous one. */
  acknowledge?: { after: number; message: string; sendByEmail: boolean };
  analyse?: { after: number; causes: string };
  mediation?: { after: number; mediator: string; reason: string; result: string };
  answer?: { after: number; answer: string; sendByEmail: boolean };
  close?: { after: number; outcome: ComplaintOutcome; note: string | null };
  improvement?: string;
}

const ACKNOWLEDGEMENT =
  'Nous avons bien reçu votre réclamation et vous en remercions. Elle est enregistrée et sera analysée ; nous vous répondrons dans un délai de 15 jours ouvrés.';

const COMPLAINTS: DemoComplaint[] = [
  {
    daysAgo: 290,
    channel: 'email',
    group: 'learner',
    complainant: {
      name: 'Lucas Bernard',
      email: 'lucas.bernard@mail.example',
      phone: null,
      postalAddress: null,
    },
    session: true,
    text: 'J’ai reçu ma convocation la veille de la formation, sans le plan d’accès. J’ai dû poser une demi-journée de congé en urgence.',
    acknowledge: { after: 1, message: ACKNOWLEDGEMENT, sendByEmail: true },
    analyse: {
      after: 2,
      causes:
        'Convocation envoyée tardivement suite au remplacement de l’assistante de formation ; pas de relais prévu.',
    },
    answer: {
      after: 3,
      answer:
        'Nous vous présentons nos excuses. Les convocations partent désormais 10 jours avant chaque session, avec le plan d’accès.',
      sendByEmail: true,
    },
    close: { after: 5, outcome: 'resolved', note: null },
  },
  {
    daysAgo: 210,
    channel: 'letter',
    group: 'company',
    complainant: {
      name: 'Karim Haddad',
      email: null,
      phone: null,
      postalAddress: 'Boulangeries du Rhône, 4 quai Perrache, 69002 Lyon',
    },
    session: false,
    text: 'La facture de la formation « Techniques de vente » mentionne trois stagiaires alors que deux seulement ont suivi la session.',
    acknowledge: { after: 2, message: ACKNOWLEDGEMENT, sendByEmail: false },
    analyse: { after: 2, causes: 'Inscription annulée non reportée dans le tableau de facturation.' },
    answer: {
      after: 4,
      answer:
        'Un avoir correspondant à un stagiaire vous a été adressé ; le rapprochement présences-facturation est désormais vérifié avant chaque envoi.',
      sendByEmail: false,
    },
    close: { after: 10, outcome: 'resolved', note: 'Avoir n° AV-2025-014 émis.' },
  },
  {
    daysAgo: 130,
    channel: 'web_form',
    group: 'learner',
    complainant: {
      name: 'Amandine Roche',
      email: 'amandine.roche@mail.example',
      phone: null,
      postalAddress: null,
    },
    session: true,
    text: 'Le vidéoprojecteur ne fonctionnait pas le premier matin : nous avons perdu deux heures et les exercices ont été faits sans support.',
    acknowledge: { after: 1, message: ACKNOWLEDGEMENT, sendByEmail: true },
    analyse: {
      after: 1,
      causes: 'Matériel de la salle non vérifié la veille ; aucun matériel de secours sur le site.',
    },
    answer: {
      after: 2,
      answer:
        'Un module de rattrapage de deux heures en classe virtuelle vous est proposé. Une vérification du matériel la veille de chaque session est mise en place.',
      sendByEmail: true,
    },
    close: { after: 6, outcome: 'resolved', note: 'Rattrapage suivi le mois suivant.' },
    improvement:
      'Vérifier le matériel des salles la veille de chaque session et prévoir un vidéoprojecteur de secours',
  },
  {
    daysAgo: 80,
    channel: 'phone',
    group: 'funder',
    complainant: {
      name: 'Sophie Garnier',
      email: 's.garnier@francetravail.example',
      phone: '04 72 00 00 00',
      postalAddress: null,
    },
    session: false,
    text: 'Appel de la conseillère : trois attestations d’assiduité de février n’ont pas été transmises, ce qui bloque l’indemnisation des stagiaires.',
    acknowledge: { after: 1, message: ACKNOWLEDGEMENT, sendByEmail: true },
    analyse: { after: 1, causes: 'Attestations signées mais restées dans le dossier papier du formateur.' },
    mediation: {
      after: 1,
      mediator: 'Référente OPCO du stagiaire',
      reason: 'Accord sur un calendrier de régularisation',
      result: 'Attestations transmises, indemnisation débloquée.',
    },
    answer: {
      after: 2,
      answer:
        'Les attestations ont été transmises ; elles sont désormais déposées le jour même sur l’espace financeur.',
      sendByEmail: true,
    },
    close: { after: 3, outcome: 'resolved', note: null },
  },
  {
    daysAgo: 35,
    channel: 'email',
    group: 'learner',
    complainant: { name: 'Mehdi Lopez', email: 'mehdi.lopez@mail.example', phone: null, postalAddress: null },
    session: true,
    text: 'Le certificat de réalisation indique une durée de 14 heures au lieu des 21 heures suivies ; mon employeur refuse de le valider.',
    acknowledge: { after: 1, message: ACKNOWLEDGEMENT, sendByEmail: true },
    analyse: {
      after: 3,
      causes:
        'Modèle de certificat d’une ancienne version de l’action ; vérification en cours auprès du formateur.',
    },
  },
  {
    daysAgo: 1,
    channel: 'web_form',
    group: 'learner',
    complainant: null,
    session: true,
    text: 'La salle était beaucoup trop froide pendant les deux jours, malgré nos remarques.',
  },
];

/** A step `after` working days after `from`, never after today. */
const stepDay = (demo: Demo, from: string, after: number) => {
  // Paris days sort as strings: the earlier of the two.
  return [addWorkingDays(from, after), day(demo.now)].sort()[0]!;
};

const seedComplaint = async (demo: Demo, complaint: DemoComplaint, session: DemoSession | null) => {
  const complaintId = newId();
  const stream = complaintStream(complaintId);
  const receivedOn = day(demo.daysAgo(complaint.daysAgo));
  await demo.run(onDay(demo, receivedOn, 9), complaintDecider, stream, {
    type: 'ReceiveComplaint',
    complaintId,
    today: receivedOn,
    intake: {
      channel: complaint.channel,
      group: complaint.group,
      anonymous: complaint.complainant === null,
      name: complaint.complainant?.name ?? null,
      email: complaint.complainant?.email ?? null,
      phone: complaint.complainant?.phone ?? null,
      postalAddress: complaint.complainant?.postalAddress ?? null,
      about: session
        ? {
            trainingActionId: session.trainingActionId,
            trainingTitle: session.trainingTitle,
            sessionId: session.sessionId,
            sessionTitle: session.sessionTitle,
            site: session.site,
          }
        : { trainingActionId: null, trainingTitle: null, sessionId: null, sessionTitle: null, site: null },
      receivedOn,
      text: complaint.text,
      attachments: [],
      ownerId: demo.userId,
    },
  });
  let last = receivedOn;
  const step = async (after: number, command: (on: string) => ComplaintCommand) => {
    last = stepDay(demo, last, after);
    await demo.run(onDay(demo, last, 11), complaintDecider, stream, command(last));
  };
  const { acknowledge, analyse, mediation, answer, close } = complaint;
  if (acknowledge) {
    const { message, sendByEmail } = acknowledge;
    await step(acknowledge.after, (on) => ({
      type: 'AcknowledgeComplaint',
      on,
      today: on,
      message,
      sendByEmail,
    }));
  }
  if (analyse) {
    await step(analyse.after, (on) => ({ type: 'AnalyseComplaint', on, today: on, causes: analyse.causes }));
  }
  if (mediation) {
    const { mediator, reason, result } = mediation;
    await step(mediation.after, (on) => ({ type: 'StartMediation', on, today: on, mediator, reason }));
    await step(2, (on) => ({ type: 'EndMediation', on, today: on, result }));
  }
  if (answer) {
    const { sendByEmail } = answer;
    await step(answer.after, (on) => ({
      type: 'AnswerComplaint',
      on,
      today: on,
      answer: answer.answer,
      sendByEmail,
    }));
  }
  if (close) {
    const { outcome, note } = close;
    await step(close.after, (on) => ({ type: 'CloseComplaint', on, today: on, outcome, note }));
  }
  if (!complaint.improvement) return { complaintId, request: null };
  const data: ComplaintImprovementRequested['data'] = {
    complaintId,
    requestId: newId(),
    title: complaint.improvement,
    requestedBy: demo.userId,
  };
  return { complaintId, request: { type: 'ComplaintImprovementRequested', data, on: last } as const };
};

interface DemoIncident {
  daysAgo: number;
  kind: IncidentKind;
  category: IncidentCategory;
  severity: IncidentSeverity;
  description: string;
  measures: string[];
  resolution?: string;
  improvement?: string;
}

const INCIDENTS: DemoIncident[] = [
  {
    daysAgo: 250,
    kind: 'disruption',
    category: 'external_event',
    severity: 'moderate',
    description:
      'Grève des transports en commun : la moitié du groupe ne peut pas rejoindre la salle de Villeurbanne.',
    measures: ['Bascule de la journée en classe virtuelle, liens envoyés à 7 h 30 à tous les stagiaires.'],
    resolution: 'Journée tenue à distance, objectifs atteints ; émargement numérique conservé.',
    improvement: 'Formaliser un plan de continuité : bascule en classe virtuelle prête pour chaque session',
  },
  {
    daysAgo: 180,
    kind: 'difficulty',
    category: 'dropout_risk',
    severity: 'major',
    description:
      'Une stagiaire en bilan de compétences a manqué deux rendez-vous et envisage d’abandonner (difficultés de garde d’enfant).',
    measures: [
      'Entretien individuel avec la consultante pour comprendre la situation.',
      'Rendez-vous suivants déplacés en fin de matinée et deux séances à distance.',
    ],
    resolution: 'Bilan mené à son terme ; la stagiaire a remis sa synthèse.',
  },
  {
    daysAgo: 140,
    kind: 'difficulty',
    category: 'disability_accommodation',
    severity: 'moderate',
    description:
      'Un stagiaire malvoyant inscrit à la formation Excel a besoin de supports adaptés et d’un poste équipé.',
    measures: [
      'Échange avec le référent handicap et Cap emploi 69 pour définir les adaptations.',
      'Supports en gros caractères, logiciel de grossissement installé, place près de l’écran.',
    ],
    resolution: 'Formation suivie dans son intégralité ; le stagiaire juge les adaptations satisfaisantes.',
  },
  {
    daysAgo: 90,
    kind: 'difficulty',
    category: 'trainer_absence',
    severity: 'moderate',
    description: 'Formateur en anglais absent (arrêt maladie) la veille du deuxième jour de session.',
    measures: ['Remplacement par une formatrice du réseau, passation du déroulé par téléphone.'],
    resolution: 'Session assurée sans report ; évaluations à chaud dans la moyenne.',
  },
  {
    daysAgo: 20,
    kind: 'difficulty',
    category: 'learner_difficulty',
    severity: 'minor',
    description:
      'Un stagiaire du module « Management d’équipe » peine à suivre les mises en situation (débutant en management).',
    measures: ['Fiches pratiques complémentaires et point individuel en fin de journée.'],
  },
  {
    daysAgo: 8,
    kind: 'disruption',
    category: 'equipment_failure',
    severity: 'minor',
    description: 'Panne de la plateforme de classe virtuelle pendant 40 minutes.',
    measures: ['Reprise sur le lien de secours ; temps perdu rattrapé en fin de journée.'],
  },
];

const seedIncident = async (demo: Demo, incident: DemoIncident, session: DemoSession | null) => {
  const incidentId = newId();
  const stream = incidentStream(incidentId);
  const occurredOn = day(demo.daysAgo(incident.daysAgo));
  await demo.run(onDay(demo, occurredOn, 16), incidentDecider, stream, {
    type: 'RecordIncident',
    incidentId,
    today: occurredOn,
    report: {
      kind: incident.kind,
      category: incident.category,
      severity: incident.severity,
      session: session
        ? {
            trainingActionId: session.trainingActionId,
            trainingTitle: session.trainingTitle,
            sessionId: session.sessionId,
            sessionTitle: session.sessionTitle,
          }
        : null,
      site: session?.site ?? null,
      occurredOn,
      description: incident.description,
    },
  });
  let last = occurredOn;
  for (const measure of incident.measures) {
    last = stepDay(demo, last, 1);
    await demo.run(onDay(demo, last, 12), incidentDecider, stream, {
      type: 'TakeIncidentMeasure',
      measure,
      on: last,
      today: last,
    });
  }
  if (incident.resolution) {
    last = stepDay(demo, last, 3);
    await demo.run(onDay(demo, last, 12), incidentDecider, stream, {
      type: 'ResolveIncident',
      resolution: incident.resolution,
      on: last,
      today: last,
    });
  }
  if (!incident.improvement) return { incidentId, request: null };
  const data: IncidentImprovementRequested['data'] = {
    incidentId,
    followUpId: newId(),
    title: incident.improvement,
    requestedBy: demo.userId,
  };
  return { incidentId, request: { type: 'IncidentImprovementRequested', data, on: last } as const };
};

/** The session nearest to `daysAgo` days ago (it ended on or before then). */
const sessionAround = (demo: Demo, training: DemoTraining, daysAgo: number) => {
  const limit = day(demo.daysAgo(daysAgo));
  return training.sessions.filter((session) => session.startsOn <= limit).at(-1) ?? null;
};

/** Complaints through their life and difficulties and disruptions (31), with what they asked to improve. */
export const seedComplaints = async (demo: Demo, training: DemoTraining) => {
  const requests: DemoRequest[] = [];
  for (const complaint of COMPLAINTS) {
    const session = complaint.session ? sessionAround(demo, training, complaint.daysAgo) : null;
    const { request } = await seedComplaint(demo, complaint, session);
    if (request) requests.push(request);
  }
  for (const incident of INCIDENTS) {
    const session = sessionAround(demo, training, incident.daysAgo);
    const { request } = await seedIncident(demo, incident, session);
    if (request) requests.push(request);
  }
  return { complaints: COMPLAINTS.length, incidents: INCIDENTS.length, requests };
};

/** Records a request once its action is planned (so the live reactor, if any, finds it planned already). */
export const recordRequest = async (demo: Demo, request: DemoRequest) => {
  const when = onDay(demo, request.on, 17);
  if (request.type === 'ComplaintImprovementRequested') {
    await demo.run(when, complaintImprovementDecider, complaintImprovementStream(request.data.complaintId), {
      type: 'RequestImprovement',
      ...request.data,
    });
  } else {
    await demo.run(when, incidentDecider, incidentStream(request.data.incidentId), {
      type: 'RequestIncidentImprovement',
      followUpId: request.data.followUpId,
      title: request.data.title,
      requestedBy: request.data.requestedBy,
    });
  }
};
