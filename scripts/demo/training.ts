import { feedbackLinkDecider, feedbackResponseDecider } from '../../services/feedback/decider';
import { feedbackLinkStream, feedbackResponseStream } from '../../services/feedback/events';
import { newLinkToken } from '../../services/feedback/link-token';
import { newId } from '../../services/kernel/ids';
import { trainingActionDecider } from '../../services/training/decider';
import { type ActionCategory, trainingActionStream } from '../../services/training/events';
import { type Demo, day } from './context';

export const ORGANISATION_NAME = 'Formations Horizon (démo)';
export const SITES = ['Lyon 3e', 'Villeurbanne', 'Grenoble', 'Classe virtuelle', 'Saint-Étienne'];

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

/** A session held in the demo year, as other slices name it. */
export interface DemoSession {
  sessionId: string;
  trainingActionId: string;
  trainingTitle: string;
  sessionTitle: string;
  startsOn: string;
  endsOn: string;
  site: string;
  /** The instant it ended (its last day, evening). */
  endedAt: Date;
}

export interface DemoTraining {
  actions: number;
  sessions: DemoSession[];
  answers: number;
  /** Low-rated answers with a comment: what the review of views turns into improvement actions. */
  lowRated: { responseId: string; answeredAt: Date; comment: string; session: DemoSession }[];
}

/** Training actions, a year of sessions, their feedback links and the learners' answers. */
export const seedTraining = async (demo: Demo, yearAgo: Date): Promise<DemoTraining> => {
  const { rng } = demo;
  const sessions: DemoSession[] = [];
  const lowRated: DemoTraining['lowRated'] = [];
  let answers = 0;
  for (const action of ACTIONS) {
    const trainingActionId = newId();
    await demo.run(yearAgo, trainingActionDecider, trainingActionStream(trainingActionId), {
      type: 'CreateTrainingAction',
      trainingActionId,
      ...action,
    });
    const count = 5 + Math.floor(rng.random() * 4);
    for (let index = 0; index < count; index++) {
      const start = new Date(yearAgo.getTime() + (30 + rng.random() * 320) * 86_400_000);
      start.setUTCHours(7, 30, 0, 0);
      const end = new Date(start.getTime() + (action.days - 1) * 86_400_000);
      if (end.getTime() > demo.now.getTime() - 86_400_000) continue;
      const sessionId = newId();
      const site = rng.pick(SITES);
      const sessionTitle = `Session du ${day(start).split('-').reverse().join('/')}`;
      await demo.run(start, trainingActionDecider, trainingActionStream(trainingActionId), {
        type: 'ScheduleSession',
        sessionId,
        title: sessionTitle,
        startsOn: day(start),
        endsOn: day(end),
        site,
      });
      const session: DemoSession = {
        sessionId,
        trainingActionId,
        trainingTitle: action.title,
        sessionTitle,
        startsOn: day(start),
        endsOn: day(end),
        site,
        endedAt: new Date(end.getTime() + 8 * 3_600_000),
      };
      sessions.push(session);
      const openedAt = session.endedAt;
      const linkId = newId();
      const link = {
        linkId,
        audience: 'learner' as const,
        secretHash: newLinkToken(linkId).secretHash,
        expiresAt: new Date(openedAt.getTime() + 30 * 86_400_000).toISOString(),
        session: {
          sessionId,
          trainingActionId,
          organisationName: ORGANISATION_NAME,
          trainingTitle: action.title,
          sessionTitle,
          startsOn: session.startsOn,
          endsOn: session.endsOn,
          site,
        },
      };
      await demo.run(openedAt, feedbackLinkDecider, feedbackLinkStream(linkId), {
        type: 'OpenFeedbackLink',
        link,
        sessionCancelled: false,
      });
      const learners = 4 + Math.floor(rng.random() * 8);
      for (let learner = 0; learner < learners; learner++) {
        if (rng.random() < 0.3) continue; // not everyone answers
        const rating = Math.max(1, Math.min(5, Math.round(4.2 + (rng.random() - 0.6) * 3)));
        const answeredAt = new Date(
          Math.min(openedAt.getTime() + rng.random() * 5 * 86_400_000, demo.now.getTime() - 60_000),
        );
        const responseId = newId();
        const comment = rng.random() < 0.7 ? rng.pick(COMMENTS[rating]!) : null;
        await demo.run(
          answeredAt,
          feedbackResponseDecider,
          feedbackResponseStream(responseId),
          {
            type: 'SubmitFeedback',
            responseId,
            rating,
            comment,
            link: { ...link, closed: false },
            sessionCancelled: false,
            answersSoFar: 0,
            now: answeredAt,
          },
          'public',
        );
        answers++;
        if (rating <= 2 && comment) lowRated.push({ responseId, answeredAt, comment, session });
      }
    }
  }
  sessions.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return { actions: ACTIONS.length, sessions, answers, lowRated };
};
