// npm run seed:demo: a demo organisation with a year of training sessions and learners' feedback.
import { createOrganisationWithAdmin, emailTaken } from '../services/access/accounts';
import { feedbackLinkDecider, feedbackResponseDecider } from '../services/feedback/decider';
import { feedbackLinkStream, feedbackResponseStream } from '../services/feedback/events';
import { newLinkToken } from '../services/feedback/link-token';
import type { Clock } from '../services/kernel/clock';
import { runCommand } from '../services/kernel/command';
import { newId } from '../services/kernel/ids';
import {
  type OrganisationProfileCommand,
  organisationProfileDecider,
} from '../services/organisation/decider';
import { organisationProfileStream } from '../services/organisation/events';
import { trainingActionDecider } from '../services/training/decider';
import { type ActionCategory, trainingActionStream } from '../services/training/events';
import { openStore } from './open-store';

const EMAIL = 'demo@formations-horizon.example';
const PASSWORD = 'demo-horizon-2026';

const ACTIONS: { title: string; category: ActionCategory; certifying: boolean; days: number }[] = [
  { title: 'Excel — perfectionnement', category: 'training', certifying: false, days: 2 },
  { title: "Management d'équipe de proximité", category: 'training', certifying: false, days: 3 },
  { title: 'Sauveteur secouriste du travail (SST)', category: 'training', certifying: true, days: 2 },
  { title: 'Anglais professionnel — niveau B1', category: 'training', certifying: true, days: 3 },
  { title: 'Prise de parole en public', category: 'training', certifying: false, days: 1 },
  { title: 'Habilitation électrique B0-H0V', category: 'training', certifying: false, days: 1 },
  { title: 'Bilan de compétences', category: 'skills_assessment', certifying: false, days: 3 },
  { title: 'Techniques de vente en B2B', category: 'training', certifying: false, days: 2 },
];
const SITES = ['Lyon 3e', 'Villeurbanne', 'Grenoble', 'Classe virtuelle', 'Saint-Étienne'];
const COMMENTS: Record<number, string[]> = {
  5: [
    'Formatrice très claire et disponible.',
    'Exercices concrets, directement utiles au travail.',
    'Excellent rythme.',
  ],
  4: [
    'Bonne formation, un peu dense le deuxième jour.',
    'Supports clairs ; la salle était un peu bruyante.',
    'Très bien.',
  ],
  3: [
    'Contenu intéressant mais trop théorique.',
    'Il manquait des cas pratiques sur notre métier.',
    'Correct.',
  ],
  2: ['Le vidéoprojecteur ne fonctionnait pas le matin.', 'Rythme trop rapide pour les débutants.'],
  1: ['Formation annulée puis reportée sans explication.'],
};

// A small deterministic generator, so every demo looks the same.
let seed = 20_261_127;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const day = (date: Date) => date.toISOString().slice(0, 10);
const at = (date: Date): Clock => ({ now: () => date });

const { store, database, runner, close } = await openStore();
if (await emailTaken(database.db, EMAIL)) {
  console.log(`The demo organisation already exists. Sign in with ${EMAIL} / ${PASSWORD}`);
  await close();
  process.exit(0);
}

const yearAgo = new Date(Date.now() - 365 * 86_400_000);
const { organisationId, userId } = await createOrganisationWithAdmin(
  { db: database.db, store, clock: at(yearAgo) },
  { organisationName: 'Formations Horizon (démo)', name: 'Claire Martin', email: EMAIL, password: PASSWORD },
);
const context = (clock: Clock) => ({
  store,
  clock,
  organisationId,
  actor: { type: 'user' as const, id: userId },
});

// The profile: who the organisation is, where it trains, what it runs and its certificate.
const profile: OrganisationProfileCommand[] = [
  {
    type: 'RecordIdentity',
    identity: {
      legalName: 'Formations Horizon SAS (démo)',
      siret: '44306184100047',
      nda: '84691234569',
      address: { street: '12 rue de la République', complement: null, postalCode: '69002', city: 'Lyon' },
      contactEmail: 'qualite@formations-horizon.example',
    },
  },
  ...SITES.map((name): OrganisationProfileCommand => ({ type: 'AddSite', siteId: newId(), name })),
  {
    type: 'DeclareActivities',
    activities: {
      categories: ['training', 'skills_assessment'],
      certifying: true,
      subcontracting: false,
      workBasedTraining: false,
      alternance: false,
      newEntrant: false,
    },
  },
  {
    type: 'RecordCertification',
    certification: {
      certifierName: 'Certificateur (démo)',
      certificateNumber: 'QUA-DEMO-0001',
      issuedOn: day(yearAgo),
      expiresOn: day(new Date(yearAgo.getTime() + 3 * 365 * 86_400_000)),
      audits: [{ kind: 'initial', on: day(new Date(yearAgo.getTime() - 20 * 86_400_000)) }],
    },
  },
];
for (const command of profile) {
  await runCommand(
    context(at(yearAgo)),
    organisationProfileDecider,
    organisationProfileStream(organisationId),
    command,
  );
}

let sessions = 0;
let answers = 0;
for (const action of ACTIONS) {
  const trainingActionId = newId();
  await runCommand(context(at(yearAgo)), trainingActionDecider, trainingActionStream(trainingActionId), {
    type: 'CreateTrainingAction',
    trainingActionId,
    ...action,
  });
  const count = 5 + Math.floor(random() * 4);
  for (let index = 0; index < count; index++) {
    const start = new Date(yearAgo.getTime() + (30 + random() * 320) * 86_400_000);
    start.setUTCHours(7, 30, 0, 0);
    const end = new Date(start.getTime() + (action.days - 1) * 86_400_000);
    if (end.getTime() > Date.now()) continue;
    const sessionId = newId();
    const site = pick(SITES);
    const sessionTitle = `Session du ${day(start).split('-').reverse().join('/')}`;
    await runCommand(context(at(start)), trainingActionDecider, trainingActionStream(trainingActionId), {
      type: 'ScheduleSession',
      sessionId,
      title: sessionTitle,
      startsOn: day(start),
      endsOn: day(end),
      site,
    });
    sessions++;
    const openedAt = new Date(end.getTime() + 8 * 3_600_000);
    const linkId = newId();
    const link = {
      linkId,
      audience: 'learner' as const,
      secretHash: newLinkToken(linkId).secretHash,
      expiresAt: new Date(openedAt.getTime() + 30 * 86_400_000).toISOString(),
      session: {
        sessionId,
        trainingActionId,
        organisationName: 'Formations Horizon (démo)',
        trainingTitle: action.title,
        sessionTitle,
        startsOn: day(start),
        endsOn: day(end),
        site,
      },
    };
    await runCommand(context(at(openedAt)), feedbackLinkDecider, feedbackLinkStream(linkId), {
      type: 'OpenFeedbackLink',
      link,
      sessionCancelled: false,
    });
    const learners = 4 + Math.floor(random() * 8);
    for (let learner = 0; learner < learners; learner++) {
      if (random() < 0.3) continue; // not everyone answers
      const rating = Math.max(1, Math.min(5, Math.round(4.2 + (random() - 0.6) * 3)));
      const answeredAt = new Date(openedAt.getTime() + random() * 5 * 86_400_000);
      const responseId = newId();
      await runCommand(
        { ...context(at(answeredAt)), actor: { type: 'public' } },
        feedbackResponseDecider,
        feedbackResponseStream(responseId),
        {
          type: 'SubmitFeedback',
          responseId,
          rating,
          comment: random() < 0.7 ? pick(COMMENTS[rating]!) : null,
          link: { ...link, closed: false },
          sessionCancelled: false,
          answersSoFar: 0,
          now: answeredAt,
        },
      );
      answers++;
    }
    process.stderr.write(`\r${sessions} sessions, ${answers} answers`);
  }
}
process.stderr.write('\n');
await runner.prepare();
await runner.catchUp();
console.log(
  `Demo organisation ready: ${ACTIONS.length} training actions, ${sessions} sessions, ${answers} answers.`,
);
console.log(`Sign in at http://localhost:3000/login with ${EMAIL} / ${PASSWORD}`);
await close();
