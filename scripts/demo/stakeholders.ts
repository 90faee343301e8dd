import { type CampaignAnswerSubmitted, campaignAnswerStream } from '../../services/campaign/answer-events';
import { campaignAnswerDecider, checkAnswers } from '../../services/campaign/answers';
import { campaignDecider } from '../../services/campaign/decider';
import { type CampaignTarget, campaignStream } from '../../services/campaign/events';
import { contactLogDecider } from '../../services/contact-log/decider';
import { type ContactContent, partnerContactStream } from '../../services/contact-log/events';
import type { Audience } from '../../services/feedback/events';
import { hashToken, newId } from '../../services/kernel/ids';
import { startOfNextParisDay, startOfParisDay } from '../../services/kernel/paris-time';
import { addCalendarDays } from '../../services/kernel/working-days';
import { publicationDecider } from '../../services/publication/decider';
import { publicationStream } from '../../services/publication/events';
import { catalogueTemplate, type TemplateKey } from '../../services/questionnaire/catalogue';
import { questionnaireDecider } from '../../services/questionnaire/decider';
import type { Question } from '../../services/questionnaire/events';
import { questionnaireStream } from '../../services/questionnaire/events';
import { type Demo, day } from './context';
import type { DemoSession, DemoTraining } from './training';

interface Respondent {
  firstName: string;
  lastName: string;
  email: string;
}

const FUNDERS: Respondent[] = [
  { firstName: 'Nadia', lastName: 'Benali', email: 'n.benali@opco-atlas.example' },
  { firstName: 'Thomas', lastName: 'Roux', email: 'thomas.roux@akto.example' },
  { firstName: 'Sophie', lastName: 'Garnier', email: 's.garnier@francetravail.example' },
  { firstName: 'Marc', lastName: 'Lefèvre', email: 'marc.lefevre@region-aura.example' },
];
const COMPANIES: Respondent[] = [
  { firstName: 'Julie', lastName: 'Fontaine', email: 'rh@transports-fontaine.example' },
  { firstName: 'Karim', lastName: 'Haddad', email: 'k.haddad@boulangeries-du-rhone.example' },
  { firstName: 'Élise', lastName: 'Perrin', email: 'formation@clinique-saint-jean.example' },
  { firstName: 'Antoine', lastName: 'Morel', email: 'a.morel@btp-alpes.example' },
  { firstName: 'Camille', lastName: 'Dupuis', email: 'c.dupuis@logistique-est.example' },
];
const TRAINERS: Respondent[] = [
  { firstName: 'Hélène', lastName: 'Barbier', email: 'helene.barbier@formations-horizon.example' },
  { firstName: 'Paul', lastName: 'Girard', email: 'paul.girard@formations-horizon.example' },
  { firstName: 'Inès', lastName: 'Marchand', email: 'ines.marchand@formations-horizon.example' },
];
const IMPROVE_TEXTS = [
  'Des bilans de fin de formation plus synthétiques.',
  'Envoyer les convocations une semaine plus tôt.',
  'Plus de cas pratiques tirés de notre secteur.',
  'Rien à signaler, continuez ainsi.',
];

/** A plausible answer to each question: high ratings, a few middling ones, a comment now and then. */
const answerTo = (demo: Demo, question: Question): unknown => {
  const { random, pick } = demo.rng;
  switch (question.kind) {
    case 'rating':
      return random() < 0.8 ? 4 + Math.round(random()) : 3;
    case 'nps':
      return 7 + Math.floor(random() * 4);
    case 'yes_no':
      return random() < 0.85;
    case 'single_choice':
      return question.options[Math.min(1, question.options.length - 1)]!.id;
    case 'multiple_choice':
      return [question.options[0]!.id];
    case 'free_text':
      return random() < 0.6 ? pick(IMPROVE_TEXTS) : undefined;
  }
};

/** A questionnaire copied from the catalogue, as an organisation starts from one. */
const questionnaireFrom = async (demo: Demo, key: TemplateKey, when: Date) => {
  const template = catalogueTemplate(key)!;
  const questionnaireId = newId();
  await demo.run(when, questionnaireDecider, questionnaireStream(questionnaireId), {
    type: 'CreateQuestionnaire',
    questionnaireId,
    content: template.content,
    fromTemplate: key,
  });
  return { questionnaireId, questions: template.content.questions, audience: template.content.audience };
};

/**
 * One campaign through its life: planned, its respondents added, invited (and reminded) as the campaign reactor
 * records it, answered by most of them, then closed on its closing day.
 */
const runCampaign = async (
  demo: Demo,
  input: {
    questionnaire: Awaited<ReturnType<typeof questionnaireFrom>>;
    target: CampaignTarget;
    site: string | null;
    sendOn: string;
    respondents: Respondent[];
  },
) => {
  const { questionnaire, target, sendOn } = input;
  const campaignId = newId();
  const stream = campaignStream(campaignId);
  const closesOn = addCalendarDays(sendOn, 21);
  const plannedAt = startOfParisDay(addCalendarDays(sendOn, -7));
  const audience: Audience = questionnaire.audience;
  await demo.run(plannedAt, campaignDecider, stream, {
    type: 'PlanCampaign',
    questionnaireAudience: audience,
    campaignId,
    audience,
    questionnaireId: questionnaire.questionnaireId,
    questionnaireVersion: 1,
    target,
    schedule: { anchor: 'date', offsetDays: 0, sendOn, reminders: 1, reminderGapDays: 7, closesOn },
    anonymous: false,
  });
  const respondents = input.respondents.map((person) => ({
    respondentId: newId(),
    ...person,
    source: 'manual' as const,
  }));
  await demo.run(plannedAt, campaignDecider, stream, { type: 'AddRespondents', respondents });
  const targetLabel =
    target.kind === 'session' ? `${target.trainingTitle} — ${target.sessionTitle}` : target.label;
  const sentAt = new Date(startOfParisDay(sendOn).getTime() + 8 * 3_600_000);
  const remindedAt = new Date(sentAt.getTime() + 7 * 86_400_000);
  let answered = 0;
  for (const respondent of respondents) {
    const invitation = { respondentId: respondent.respondentId, audience, targetLabel };
    await demo.run(sentAt, campaignDecider, stream, {
      type: 'RecordMessageQueued',
      ...invitation,
      reminder: 0,
      messageId: newId(),
    });
    const answersLate = demo.rng.random() < 0.35;
    if (answersLate) {
      await demo.run(remindedAt, campaignDecider, stream, {
        type: 'RecordMessageQueued',
        ...invitation,
        reminder: 1,
        messageId: newId(),
      });
    }
    if (demo.rng.random() < 0.2) continue; // no answer, even after the reminder
    const answeredAt = new Date(
      (answersLate ? remindedAt : sentAt).getTime() + (1 + demo.rng.random() * 3) * 86_400_000,
    );
    const submissionId = newId();
    await demo.run(
      answeredAt,
      campaignDecider,
      stream,
      {
        type: 'RecordAnswer',
        respondentId: respondent.respondentId,
        retryTag: hashToken(`${campaignId}:${submissionId}`),
      },
      'public',
    );
    const given = Object.fromEntries(
      questionnaire.questions.map((question) => [question.id, answerTo(demo, question)]),
    );
    const answerId = newId();
    const answer: CampaignAnswerSubmitted['data'] = {
      answerId,
      campaignId,
      questionnaireId: questionnaire.questionnaireId,
      questionnaireVersion: 1,
      audience,
      sessionId: target.kind === 'session' ? target.sessionId : null,
      trainingActionId: target.kind === 'session' ? target.trainingActionId : null,
      site: input.site,
      targetLabel,
      respondentId: respondent.respondentId,
      channel: 'personal',
      sharedLinkId: null,
      answeredOn: day(answeredAt),
      ...checkAnswers(questionnaire.questions, given),
    };
    await demo.run(
      answeredAt,
      campaignAnswerDecider,
      campaignAnswerStream(answerId),
      {
        type: 'SubmitCampaignAnswer',
        campaign: { status: 'planned', closesAt: startOfNextParisDay(closesOn) },
        now: answeredAt,
        answer,
        sharedLinkAnswers: 0,
        sharedLinkMaxAnswers: 0,
      },
      'public',
    );
    answered++;
  }
  await demo.run(startOfNextParisDay(closesOn), campaignDecider, stream, {
    type: 'CloseCampaign',
    reason: 'closing_date',
  });
  return answered;
};

/** Funders and companies asked once over the year, trainers after a session: every group of indicator 30. */
const seedCampaigns = async (demo: Demo, training: DemoTraining) => {
  const funder = await questionnaireFrom(demo, 'funder', demo.daysAgo(300));
  const company = await questionnaireFrom(demo, 'company', demo.daysAgo(300));
  const teachingTeam = await questionnaireFrom(demo, 'teaching_team', demo.daysAgo(300));
  const yearFrom = day(demo.daysAgo(365));
  const yearTo = day(demo.daysAgo(60));
  const period = (label: string): CampaignTarget => ({ kind: 'period', label, from: yearFrom, to: yearTo });
  let answers = 0;
  answers += await runCampaign(demo, {
    questionnaire: funder,
    target: period('Bilan annuel de collaboration avec nos financeurs'),
    site: null,
    sendOn: day(demo.daysAgo(55)),
    respondents: FUNDERS,
  });
  answers += await runCampaign(demo, {
    questionnaire: company,
    target: period('Bilan annuel avec les entreprises clientes'),
    site: null,
    sendOn: day(demo.daysAgo(50)),
    respondents: COMPANIES,
  });
  // The teaching team after the longest sessions of the year.
  const sessions = training.sessions.filter((session) => session.endedAt < demo.daysAgo(40)).slice(-3);
  for (const session of sessions) {
    answers += await runCampaign(demo, {
      questionnaire: teachingTeam,
      target: sessionTarget(session),
      site: session.site,
      sendOn: addCalendarDays(session.endsOn, 2),
      respondents: TRAINERS,
    });
  }
  return { questionnaires: 3, campaigns: 2 + sessions.length, answers };
};

const sessionTarget = (session: DemoSession): CampaignTarget => ({
  kind: 'session',
  sessionId: session.sessionId,
  trainingActionId: session.trainingActionId,
  sessionTitle: session.sessionTitle,
  trainingTitle: session.trainingTitle,
  startsOn: session.startsOn,
  endsOn: session.endsOn,
});

/** Meetings, calls and webinars with funders and companies, what they said and the follow-up. */
const seedContacts = async (demo: Demo, training: DemoTraining) => {
  const aSession = training.sessions[Math.floor(training.sessions.length / 2)]!;
  const contacts: (Omit<ContactContent, 'contactOn' | 'session'> & {
    daysAgo: number;
    session?: DemoSession;
  })[] = [
    {
      group: 'funder',
      partnerName: 'OPCO Atlas',
      kind: 'meeting',
      daysAgo: 320,
      people: [{ name: 'Nadia Benali', role: 'Conseillère formation' }],
      said: 'Satisfaite des bilans de fin de formation ; souhaite recevoir les attestations d’assiduité sous 10 jours.',
      followUp: 'Envoi des attestations automatisé à J+5.',
    },
    {
      group: 'funder',
      partnerName: 'France Travail — agence Lyon Part-Dieu',
      kind: 'phone_call',
      daysAgo: 240,
      people: [{ name: 'Sophie Garnier', role: 'Conseillère entreprises' }],
      said: 'Demande des sessions SST plus fréquentes pour les demandeurs d’emploi du bassin lyonnais.',
      followUp: 'Deux sessions SST supplémentaires programmées au printemps.',
    },
    {
      group: 'funder',
      partnerName: 'AKTO',
      kind: 'webinar',
      daysAgo: 150,
      people: [{ name: 'Thomas Roux', role: 'Chargé de mission' }],
      said: 'Présentation des nouvelles règles de prise en charge ; aucun reproche sur nos dossiers.',
      followUp: null,
    },
    {
      group: 'company',
      partnerName: 'Transports Fontaine',
      kind: 'visit',
      daysAgo: 200,
      people: [
        { name: 'Julie Fontaine', role: 'Responsable RH' },
        { name: 'David Fontaine', role: 'Directeur d’exploitation' },
      ],
      said: 'Les chefs d’équipe formés appliquent les entretiens individuels ; demande un module de suivi à 3 mois.',
      followUp: 'Proposer une demi-journée de retour d’expérience à 3 mois.',
      session: aSession,
    },
    {
      group: 'company',
      partnerName: 'Clinique Saint-Jean',
      kind: 'email_exchange',
      daysAgo: 95,
      people: [{ name: 'Élise Perrin', role: 'Responsable formation' }],
      said: 'Apprécie la souplesse des dates ; regrette des supports envoyés la veille seulement.',
      followUp: 'Supports envoyés 5 jours avant chaque session.',
    },
    {
      group: 'company',
      partnerName: 'BTP Alpes',
      kind: 'meeting',
      daysAgo: 30,
      people: [{ name: 'Antoine Morel', role: 'Gérant' }],
      said: 'Besoin d’une habilitation électrique en intra pour 8 salariés ; satisfait des précédentes sessions.',
      followUp: 'Devis envoyé pour une session intra en juin.',
    },
  ];
  for (const { daysAgo, session, ...contact } of contacts) {
    const when = demo.daysAgo(daysAgo, 15);
    const contactId = newId();
    await demo.run(when, contactLogDecider, partnerContactStream(contactId), {
      type: 'LogContact',
      contactId,
      content: {
        ...contact,
        contactOn: day(when),
        session: session
          ? {
              sessionId: session.sessionId,
              trainingActionId: session.trainingActionId,
              trainingTitle: session.trainingTitle,
              sessionTitle: session.sessionTitle,
            }
          : null,
      },
      today: day(when),
    });
  }
  return contacts.length;
};

/** Results published twice: the previous year's, then a mid-year update that supersedes it. */
const seedPublication = async (demo: Demo, training: DemoTraining) => {
  const snapshots = [
    {
      daysAgo: 340,
      label: 'Résultats de l’année écoulée',
      from: 730,
      to: 366,
      trainees: 412,
      respondents: 288,
    },
    {
      daysAgo: 150,
      label: 'Résultats des six derniers mois',
      from: 330,
      to: 151,
      trainees: 0,
      respondents: 0,
    },
    {
      daysAgo: 10,
      label: 'Résultats des douze derniers mois',
      from: 365,
      to: 11,
      trainees: 0,
      respondents: 0,
    },
  ];
  for (const snapshot of snapshots) {
    const when = demo.daysAgo(snapshot.daysAgo, 10);
    const periodFrom = day(demo.daysAgo(snapshot.from));
    const periodTo = day(demo.daysAgo(snapshot.to));
    const inPeriod = training.sessions.filter(
      (session) => session.endsOn >= periodFrom && session.endsOn <= periodTo,
    );
    const trainees = snapshot.trainees || Math.max(1, inPeriod.length * 9);
    const respondents = snapshot.respondents || Math.round(trainees * 0.68);
    await demo.run(when, publicationDecider, publicationStream(demo.organisationId), {
      type: 'PublishResultsSnapshot',
      snapshot: {
        snapshotId: newId(),
        label: snapshot.label,
        periodFrom,
        periodTo,
        scope: { kind: 'organisation' },
        figures: {
          trainees,
          respondents,
          satisfactionAverage: 4.4,
          satisfiedShare: 92,
          completionRate: 96,
          dropOutRate: 3,
          successRate: 88,
        },
        note: 'Taux de réussite calculé sur les formations certifiantes (SST, anglais B1).',
      },
      today: day(when),
      newPublicId: newId(),
    });
  }
  return snapshots.length;
};

/** The views of every stakeholder group (30) and the results made public (2). */
export const seedStakeholders = async (demo: Demo, training: DemoTraining) => {
  const campaigns = await seedCampaigns(demo, training);
  const contacts = await seedContacts(demo, training);
  const snapshots = await seedPublication(demo, training);
  return { ...campaigns, contacts, snapshots };
};
