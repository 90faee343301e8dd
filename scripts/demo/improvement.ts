import { type ActionCommand, actionDecider } from '../../services/actions/decider';
import {
  type ActionContent,
  type ActionOrigin,
  type ActionPriority,
  type ActionType,
  actionStream,
} from '../../services/actions/events';
import { actionIdOfRequest, improvementRequestOf } from '../../services/actions/requests';
import { derivedId, newId } from '../../services/kernel/ids';
import { addCalendarDays } from '../../services/kernel/working-days';
import { subjectId } from '../../services/privacy/declarations';
import { answerReviewDecider } from '../../services/results/decider';
import { answerReviewStream } from '../../services/results/events';
import { closeNonConformity, type DemoNonConformity, recordNonConformityRequest } from './audits';
import { type DemoRequest, recordRequest } from './complaints';
import { type Demo, day, onDay } from './context';
import type { DemoTraining } from './training';
import { recordWatchRequest } from './watch';

/** How far an action went, each step on its day (Paris). */
interface Progress {
  startedOn?: string;
  notes?: string[];
  doneOn?: string;
  summary?: string;
  checked?: { on: string; effective: boolean; comment: string };
  cancelled?: { reason: 'duplicate' | 'not_relevant'; note: string };
}

interface DemoAction {
  plannedOn: string;
  title: string;
  description: string | null;
  type: ActionType;
  priority: ActionPriority;
  dueOn: string;
  origins: ActionOrigin[];
  /** Whose personal data its free text is (the complainant's, the learner's, or its author's). */
  subject: string;
  /** The request it answers, when another slice asked for it (the actions reactor would plan it the same). */
  request: { type: string; data: Record<string, unknown> } | null;
  progress: Progress;
}

/** Plans an action and takes it as far as its progress says; answers its id. */
const driveAction = async (demo: Demo, action: DemoAction) => {
  const requestId = action.request
    ? String(improvementRequestOf(action.request.type, action.request.data)!.requestId)
    : null;
  const actionId = requestId ? actionIdOfRequest(demo.organisationId, requestId) : newId();
  const stream = actionStream(actionId);
  const content: ActionContent = {
    title: action.title,
    description: action.description,
    type: action.type,
    priority: action.priority,
    ownerId: demo.userId,
    dueOn: action.dueOn,
    origins: action.origins,
  };
  const step = (on: string, hour: number, command: ActionCommand) =>
    demo.run(onDay(demo, on, hour), actionDecider, stream, command);
  await step(action.plannedOn, 10, {
    type: 'PlanAction',
    actionId,
    subject: action.subject,
    content,
    requestId,
    followUpOf: null,
    today: action.plannedOn,
  });
  const { startedOn, notes, doneOn, summary, checked, cancelled } = action.progress;
  if (cancelled) {
    await step(action.plannedOn, 16, { type: 'CancelAction', ...cancelled });
    return { actionId, content };
  }
  if (startedOn) await step(startedOn, 9, { type: 'StartAction', today: startedOn });
  for (const [index, note] of (notes ?? []).entries()) {
    await step(addCalendarDays(startedOn!, 7 * (index + 1)), 17, { type: 'NoteProgress', note });
  }
  if (doneOn) await step(doneOn, 15, { type: 'CompleteAction', today: doneOn, summary: summary ?? null });
  if (checked) {
    const followUpActionId = checked.effective ? null : derivedId(demo.organisationId, 'follow-up', actionId);
    await step(checked.on, 11, {
      type: 'CheckEffectiveness',
      today: checked.on,
      outcome: checked.effective ? 'effective' : 'not_effective',
      comment: checked.comment,
      next: checked.effective ? null : 'follow_up',
      followUpActionId,
    });
    if (followUpActionId) {
      // The follow-up starts from what the action said, to schedule again (as the effectiveness route does).
      await demo.run(onDay(demo, checked.on, 11), actionDecider, actionStream(followUpActionId), {
        type: 'PlanAction',
        actionId: followUpActionId,
        subject: action.subject,
        content: { ...content, dueOn: null },
        requestId: `follow-up:${actionId}`,
        followUpOf: actionId,
        today: checked.on,
      });
    }
  }
  return { actionId, content };
};

const ago = (demo: Demo, days: number) => day(demo.daysAgo(days));

/**
 * The improvement plan (32): actions in every status, from the views received, the complaints, an incident, the
 * watch and the audit's non-conformities, with their effectiveness checked before they close.
 */
export const seedImprovement = async (
  demo: Demo,
  input: {
    training: DemoTraining;
    requests: DemoRequest[];
    watchRequests: {
      data: { noteId: string; requestId: string; title: string; requestedBy: string };
      on: string;
    }[];
    nonConformities: DemoNonConformity[];
  },
) => {
  const actions: { action: DemoAction; record?: () => Promise<unknown> }[] = [];
  const user = subjectId('user', demo.userId);
  const [indicatorOne, indicatorThirty] = input.nonConformities;

  // From the audit: the site's information (lifted since), the partners' views (under way for the surveillance).
  if (indicatorOne) {
    const on = indicatorOne.recordedOn;
    actions.push({
      action: {
        plannedOn: on,
        title: indicatorOne.request.title,
        description:
          'Fiches formation revues une à une ; responsable de la mise à jour : la responsable qualité.',
        type: 'corrective',
        priority: 'high',
        dueOn: addCalendarDays(on, 60),
        origins: [{ type: 'non_conformity', id: indicatorOne.nonConformityId, indicator: 1 }],
        subject: user,
        request: { type: 'NonConformityActionRequested', data: indicatorOne.request },
        progress: {
          startedOn: addCalendarDays(on, 3),
          notes: ['Quatre fiches sur huit mises à jour.'],
          doneOn: addCalendarDays(on, 40),
          summary: 'Toutes les fiches affichent délais d’accès, tarifs et accessibilité.',
          checked: {
            on: addCalendarDays(on, 160),
            effective: true,
            comment:
              'Contrôle du site : informations à jour, mises à jour tracées à chaque nouvelle session.',
          },
        },
      },
      record: () => recordNonConformityRequest(demo, indicatorOne),
    });
  }
  if (indicatorThirty) {
    const on = indicatorThirty.recordedOn;
    actions.push({
      action: {
        plannedOn: on,
        title: indicatorThirty.request.title,
        description: 'Questionnaire annuel financeurs et entreprises, journal des échanges tenu à jour.',
        type: 'corrective',
        priority: 'high',
        dueOn: addCalendarDays(day(demo.now), 90),
        origins: [{ type: 'non_conformity', id: indicatorThirty.nonConformityId, indicator: 30 }],
        subject: user,
        request: { type: 'NonConformityActionRequested', data: indicatorThirty.request },
        progress: {
          startedOn: addCalendarDays(on, 10),
          notes: ['Journal des échanges ouvert.', 'Questionnaires financeurs et entreprises envoyés.'],
        },
      },
      record: () => recordNonConformityRequest(demo, indicatorThirty),
    });
  }

  // From complaints and incidents: each asked for one.
  for (const request of input.requests) {
    const complaint = request.type === 'ComplaintImprovementRequested';
    const on = request.on;
    actions.push({
      action: {
        plannedOn: on,
        title: request.data.title,
        description: null,
        type: complaint ? 'corrective' : 'preventive',
        priority: 'normal',
        dueOn: addCalendarDays(on, 45),
        origins: complaint
          ? [{ type: 'complaint', id: request.data.complaintId, indicator: null }]
          : [{ type: 'incident', id: request.data.incidentId, indicator: null }],
        subject: improvementRequestOf(request.type, request.data)!.subject,
        request,
        progress: complaint
          ? {
              startedOn: addCalendarDays(on, 2),
              doneOn: addCalendarDays(on, 20),
              summary:
                'Check-list de la veille de session en place ; vidéoprojecteur de secours sur chaque site.',
              checked: {
                on: addCalendarDays(on, 80),
                effective: true,
                comment: 'Aucun incident de matériel depuis ; la check-list est signée à chaque session.',
              },
            }
          : {
              startedOn: addCalendarDays(on, 5),
              doneOn: addCalendarDays(on, 40),
              summary: 'Procédure de bascule en classe virtuelle rédigée et testée.',
            },
      },
      record: () => recordRequest(demo, request),
    });
  }

  // From the watch: training the trainers to run lively virtual classes.
  for (const request of input.watchRequests) {
    actions.push({
      action: {
        plannedOn: request.on,
        title: request.data.title,
        description: 'Deux demi-journées avec un formateur spécialisé, puis observation croisée.',
        type: 'improvement',
        priority: 'normal',
        dueOn: addCalendarDays(day(demo.now), 60),
        origins: [{ type: 'watch_note', id: request.data.noteId, indicator: null }],
        subject: user,
        request: { type: 'WatchNoteImprovementRequested', data: request.data },
        progress: {
          startedOn: addCalendarDays(request.on, 30),
          notes: ['Première demi-journée tenue avec cinq formateurs.'],
        },
      },
      record: () => recordWatchRequest(demo, request.data, request.on),
    });
  }

  // From the views: the pace for beginners, found not effective, followed by a new action.
  const low = input.training.lowRated.filter((answer) => answer.answeredAt < demo.daysAgo(120));
  const view = low[0];
  if (view) {
    const on = addCalendarDays(day(view.answeredAt), 3);
    const followUpId = newId();
    const data = {
      answerId: view.responseId,
      followUpId,
      kind: 'improvement_action' as const,
      title: 'Adapter le rythme des sessions aux débutants',
      requestedBy: demo.userId,
    };
    actions.push({
      action: {
        plannedOn: on,
        title: data.title,
        description: `Suite à l’avis : « ${view.comment} »`,
        type: 'improvement',
        priority: 'normal',
        dueOn: addCalendarDays(on, 30),
        origins: [{ type: 'feedback', id: view.responseId, indicator: null }],
        subject: user,
        request: { type: 'AnswerFollowUpRequested', data },
        progress: {
          startedOn: addCalendarDays(on, 1),
          doneOn: addCalendarDays(on, 25),
          summary: 'Test de positionnement envoyé avant chaque session.',
          checked: {
            on: addCalendarDays(on, 90),
            effective: false,
            comment:
              'Les avis sur le rythme restent mitigés : le test seul ne suffit pas, il faut des groupes de niveau.',
          },
        },
      },
      record: async () => {
        const stream = answerReviewStream(view.responseId);
        const when = onDay(demo, on, 9);
        await demo.run(when, answerReviewDecider, stream, {
          type: 'MarkAnswerReviewed',
          answerId: view.responseId,
          answerExists: true,
          reviewedBy: demo.userId,
        });
        await demo.run(when, answerReviewDecider, stream, {
          type: 'RequestFollowUp',
          answerExists: true,
          ...data,
        });
      },
    });
  }

  // From the management review: one planned ahead, one cancelled as a duplicate.
  actions.push({
    action: {
      plannedOn: ago(demo, 25),
      title: 'Revue de direction annuelle : bilan qualité et objectifs de l’année',
      description: null,
      type: 'preventive',
      priority: 'low',
      dueOn: addCalendarDays(day(demo.now), 45),
      origins: [{ type: 'internal_review', id: null, indicator: null }],
      subject: user,
      request: null,
      progress: {},
    },
  });
  actions.push({
    action: {
      plannedOn: ago(demo, 100),
      title: 'Vérifier le matériel des salles avant chaque session',
      description: null,
      type: 'corrective',
      priority: 'normal',
      dueOn: ago(demo, 60),
      origins: [{ type: 'internal_review', id: null, indicator: null }],
      subject: user,
      request: null,
      progress: {
        cancelled: { reason: 'duplicate', note: 'Déjà couvert par l’action issue de la réclamation.' },
      },
    },
  });

  for (const { action, record } of actions) {
    await driveAction(demo, action);
    // Recorded after the action is planned: a live actions reactor finds it planned and plans nothing more.
    await record?.();
  }
  if (indicatorOne) {
    await closeNonConformity(
      demo,
      indicatorOne,
      addCalendarDays(indicatorOne.recordedOn, 165),
      'Fiches formation du site complètes et tenues à jour ; action corrective jugée efficace.',
    );
  }
  // Answers read and set aside: the review of views (30) is a habit, not a one-off.
  for (const answer of input.training.lowRated.slice(1)) {
    await demo.run(answer.answeredAt, answerReviewDecider, answerReviewStream(answer.responseId), {
      type: 'MarkAnswerReviewed',
      answerId: answer.responseId,
      answerExists: true,
      reviewedBy: demo.userId,
    });
  }
  return actions.length + (view ? 1 : 0);
};
