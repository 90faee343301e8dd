import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { type ActionCommand, actionDecider, MAX_EVIDENCE_FILES } from './decider';
import { type ActionContent, type ActionEvent, actionIndicators } from './events';

const spec = deciderSpec(actionDecider);
const TODAY = '2026-12-04';

const content = (overrides: Partial<ActionContent> = {}): ActionContent => ({
  title: 'Envoyer les convocations deux semaines avant',
  description: null,
  type: 'corrective',
  priority: 'normal',
  ownerId: 'u1',
  dueOn: '2026-12-20',
  origins: [{ type: 'complaint', id: 'c1', indicator: null }],
  ...overrides,
});
const plan = (overrides: Partial<ActionContent> = {}, requestId: string | null = null): ActionCommand => ({
  type: 'PlanAction',
  actionId: 'a1',
  subject: 'complainant:c1',
  content: content(overrides),
  requestId,
  followUpOf: null,
  today: TODAY,
});
const planned = (overrides: Partial<ActionContent> = {}, requestId: string | null = null): ActionEvent => ({
  type: 'ImprovementActionPlanned',
  data: { actionId: 'a1', subject: 'complainant:c1', ...content(overrides), requestId, followUpOf: null },
});
const started: ActionEvent = { type: 'ImprovementActionStarted', data: { actionId: 'a1', startedOn: TODAY } };
const done: ActionEvent = {
  type: 'ImprovementActionDone',
  data: { actionId: 'a1', subject: 'complainant:c1', doneOn: TODAY, summary: null },
};
const check = (
  overrides: Partial<Extract<ActionCommand, { type: 'CheckEffectiveness' }>> = {},
): ActionCommand => ({
  type: 'CheckEffectiveness',
  today: TODAY,
  outcome: 'effective',
  comment: 'Plus aucune réclamation sur les convocations',
  next: null,
  followUpActionId: null,
  ...overrides,
});
const checked = (next: 'reopen' | 'follow_up' | null): ActionEvent => ({
  type: 'ImprovementActionEffectivenessChecked',
  data: {
    actionId: 'a1',
    subject: 'complainant:c1',
    checkedOn: TODAY,
    outcome: next === null ? 'effective' : 'not_effective',
    comment: 'c',
    next,
    followUpActionId: next === 'follow_up' ? 'a2' : null,
  },
});
const attached: ActionEvent = {
  type: 'ImprovementActionEvidenceAttached',
  data: { actionId: 'a1', fileId: 'f1', fileName: 'preuve.pdf', contentType: 'application/pdf', size: 10 },
};

describe('improvement action decider', () => {
  it('plans an action with its content', () => {
    spec.given([]).when(plan()).thenEmits([planned()]);
  });

  it('plans an action still to schedule (no due date)', () => {
    spec
      .given([])
      .when(plan({ dueOn: null }))
      .thenEmits([planned({ dueOn: null })]);
  });

  it('plans a picked-up request once: the same request again plans nothing', () => {
    spec
      .given([planned({}, 'r1')])
      .when(plan({}, 'r1'))
      .thenNothing();
  });

  it('refuses to plan an action over an existing one', () => {
    spec.given([planned()]).when(plan()).thenRejects('action_exists', 409);
  });

  it('refuses an action without an origin', () => {
    spec
      .given([])
      .when(plan({ origins: [] }))
      .thenRejects('origin_missing', 400);
  });

  it('refuses a non-conformity origin without its indicator', () => {
    spec
      .given([])
      .when(plan({ origins: [{ type: 'non_conformity', id: null, indicator: null }] }))
      .thenRejects('non_conformity_indicator_missing', 400);
  });

  it('refuses an indicator outside 1 to 32', () => {
    spec
      .given([])
      .when(plan({ origins: [{ type: 'non_conformity', id: null, indicator: 33 }] }))
      .thenRejects('indicator_unknown', 400);
  });

  it('refuses a new action due before today', () => {
    spec
      .given([])
      .when(plan({ dueOn: '2026-12-03' }))
      .thenRejects('due_date_past', 400);
  });

  it('edits an open action, and an identical edit changes nothing', () => {
    spec
      .given([planned()])
      .when({ type: 'EditAction', content: content({ priority: 'high' }), today: TODAY })
      .thenEmits([
        {
          type: 'ImprovementActionEdited',
          data: { actionId: 'a1', subject: 'complainant:c1', ...content({ priority: 'high' }) },
        },
      ]);
    spec.given([planned()]).when({ type: 'EditAction', content: content(), today: TODAY }).thenNothing();
  });

  it('keeps a past due date already set, but refuses to move it into the past', () => {
    spec
      .given([planned({ dueOn: '2026-12-01' })])
      .when({ type: 'EditAction', content: content({ dueOn: '2026-12-01', priority: 'high' }), today: TODAY })
      .thenMatches([{ type: 'ImprovementActionEdited' }]);
    spec
      .given([planned()])
      .when({ type: 'EditAction', content: content({ dueOn: '2026-12-01' }), today: TODAY })
      .thenRejects('due_date_past', 400);
  });

  it('refuses to edit a done action', () => {
    spec
      .given([planned(), started, done])
      .when({ type: 'EditAction', content: content({ priority: 'high' }), today: TODAY })
      .thenRejects('action_step_not_allowed', 409);
  });

  it('refuses a step on an action that does not exist', () => {
    spec.given([]).when({ type: 'StartAction', today: TODAY }).thenRejects('action_not_found', 404);
  });

  it('starts a scheduled action', () => {
    spec.given([planned()]).when({ type: 'StartAction', today: TODAY }).thenEmits([started]);
  });

  it('refuses to start an action still to schedule', () => {
    spec
      .given([planned({ dueOn: null })])
      .when({ type: 'StartAction', today: TODAY })
      .thenRejects('action_not_scheduled', 409);
  });

  it('refuses to mark done an action never started', () => {
    spec
      .given([planned()])
      .when({ type: 'CompleteAction', today: TODAY, summary: null })
      .thenRejects('action_step_not_allowed', 409);
  });

  it('marks a started action done', () => {
    spec
      .given([planned(), started])
      .when({ type: 'CompleteAction', today: TODAY, summary: null })
      .thenEmits([done]);
  });

  it('never closes an action without an effectiveness check: only a done action is checked', () => {
    spec.given([planned(), started]).when(check()).thenRejects('action_step_not_allowed', 409);
    spec.given([planned()]).when({ type: 'CancelAction', reason: 'other', note: null }).thenMatches([{}]);
    spec
      .given([planned(), started, done])
      .when({ type: 'CancelAction', reason: 'other', note: null })
      .thenRejects('action_step_not_allowed', 409);
  });

  it('closes an action checked effective', () => {
    const then = spec.given([planned(), started, done, checked(null)]);
    expect(then.state.status).toBe('closed');
    spec
      .given([planned(), started, done])
      .when(check())
      .thenMatches([
        { type: 'ImprovementActionEffectivenessChecked', data: { outcome: 'effective', next: null } },
      ]);
  });

  it('asks what follows an action found not effective', () => {
    spec
      .given([planned(), started, done])
      .when(check({ outcome: 'not_effective' }))
      .thenRejects('next_step_missing', 400);
  });

  it('reopens an action found not effective, back in progress', () => {
    spec
      .given([planned(), started, done])
      .when(check({ outcome: 'not_effective', next: 'reopen' }))
      .thenMatches([{ data: { outcome: 'not_effective', next: 'reopen', followUpActionId: null } }]);
    expect(spec.given([planned(), started, done, checked('reopen')]).state.status).toBe('in_progress');
  });

  it('closes an action found not effective with its follow-up action named', () => {
    spec
      .given([planned(), started, done])
      .when(check({ outcome: 'not_effective', next: 'follow_up', followUpActionId: 'a2' }))
      .thenMatches([{ data: { next: 'follow_up', followUpActionId: 'a2' } }]);
    expect(spec.given([planned(), started, done, checked('follow_up')]).state.status).toBe('closed');
  });

  it('refuses a second effectiveness check on a closed action', () => {
    spec
      .given([planned(), started, done, checked(null)])
      .when(check())
      .thenRejects('action_step_not_allowed', 409);
  });

  it('notes progress on an open or done action, not on a closed one', () => {
    spec
      .given([planned(), started])
      .when({ type: 'NoteProgress', note: 'Modèle de convocation revu' })
      .thenMatches([{ type: 'ImprovementActionProgressNoted' }]);
    spec
      .given([planned(), started, done, checked(null)])
      .when({ type: 'NoteProgress', note: 'x' })
      .thenRejects('action_step_not_allowed', 409);
  });

  it('attaches evidence up to the limit', () => {
    spec
      .given([planned()])
      .when({
        type: 'AttachEvidence',
        fileId: 'f1',
        fileName: 'preuve.pdf',
        contentType: 'application/pdf',
        size: 10,
      })
      .thenEmits([attached]);
    spec
      .given([planned(), ...Array.from({ length: MAX_EVIDENCE_FILES }, () => attached)])
      .when({
        type: 'AttachEvidence',
        fileId: 'f2',
        fileName: 'b.pdf',
        contentType: 'application/pdf',
        size: 1,
      })
      .thenRejects('too_many_evidence_files', 409);
  });

  it('cancels an open action with a reason, once', () => {
    spec
      .given([planned()])
      .when({ type: 'CancelAction', reason: 'duplicate', note: null })
      .thenEmits([
        {
          type: 'ImprovementActionCancelled',
          data: { actionId: 'a1', subject: 'complainant:c1', reason: 'duplicate', note: null },
        },
      ]);
    spec
      .given([
        planned(),
        {
          type: 'ImprovementActionCancelled',
          data: { actionId: 'a1', subject: 's', reason: 'other', note: null },
        },
      ])
      .when({ type: 'CancelAction', reason: 'duplicate', note: null })
      .thenNothing();
  });

  it('evidences 32, and the indicator of a non-conformity it corrects', () => {
    expect(actionIndicators([{ type: 'complaint', id: 'c1', indicator: null }])).toEqual([32]);
    expect(actionIndicators([{ type: 'non_conformity', id: null, indicator: 19 }])).toEqual([32, 19]);
  });
});
