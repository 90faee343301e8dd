import type { Audience } from '../feedback/events';
import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import type { CampaignEvent, CampaignPlanned, CampaignSchedule } from './events';

export const MAX_RESPONDENTS_PER_CAMPAIGN = 2000;
export const MAX_REMINDERS = 3;
/** Open shared links per campaign: one per room of a multi-site session. */
export const MAX_SHARED_LINKS = 20;

export interface NewRespondent {
  respondentId: string;
  email: string;
  firstName: string | null;
  lastName: string;
  source: 'manual' | 'import';
}

export type CampaignCommand =
  | ({ type: 'PlanCampaign'; questionnaireAudience: Audience } & CampaignPlanned['data'])
  | { type: 'RescheduleCampaign'; schedule: CampaignSchedule }
  | { type: 'AddRespondents'; respondents: NewRespondent[] }
  | { type: 'RemoveRespondent'; respondentId: string }
  | {
      type: 'RecordMessageQueued';
      respondentId: string;
      reminder: number;
      messageId: string;
      /** Named in the event for the evidence timeline (see CampaignMessageQueued). */
      audience?: Audience;
      targetLabel?: string;
    }
  | { type: 'RecordAnswer'; respondentId: string; retryTag: string }
  | { type: 'OpenSharedLink'; linkId: string; label: string }
  | { type: 'CloseSharedLink'; linkId: string }
  | { type: 'OptOut'; respondentId: string }
  | { type: 'CloseCampaign'; reason: 'closing_date' | 'closed_by_user' }
  | { type: 'CancelCampaign' };

export interface RespondentState {
  /** The address in lower case, to refuse the same person twice. */
  emailKey: string;
  removed: boolean;
  /** Messages queued so far: the invitation, then each reminder. */
  messages: number;
  answered: boolean;
  /** The hash of the submission that answered (see CampaignRespondentAnswered): its retry is not a second answer. */
  retryTag: string | null;
  optedOut: boolean;
}

export type CampaignStatus = 'planned' | 'closed' | 'cancelled';

export interface CampaignState {
  campaignId: string | null;
  status: CampaignStatus;
  audience: Audience | null;
  anonymous: boolean;
  schedule: CampaignSchedule | null;
  respondents: ReadonlyMap<string, RespondentState>;
  /** Shared links by id: whether each is still open. */
  sharedLinks: ReadonlyMap<string, { open: boolean }>;
}

/** The rules a schedule keeps, whoever computed it. */
export const checkSchedule = (schedule: CampaignSchedule): void => {
  if (schedule.closesOn <= schedule.sendOn) {
    throw badRequest('closes_before_sending', 'The campaign must close after its invitations are sent');
  }
  if (!Number.isInteger(schedule.reminders) || schedule.reminders < 0 || schedule.reminders > MAX_REMINDERS) {
    throw badRequest('reminders_count', `A campaign sends 0 to ${MAX_REMINDERS} reminders`);
  }
  if (schedule.reminders > 0 && (schedule.reminderGapDays < 2 || schedule.reminderGapDays > 30)) {
    throw badRequest('reminder_gap', 'Reminders are 2 to 30 days apart');
  }
};

const respondentOf = (state: CampaignState, respondentId: string) => {
  const respondent = state.respondents.get(respondentId);
  if (!respondent || respondent.removed)
    throw notFound('respondent_not_found', 'No such respondent in this campaign');
  return respondent;
};

const open = (state: CampaignState) => {
  if (!state.campaignId) throw notFound('campaign_not_found', 'No such campaign');
  if (state.status !== 'planned') {
    throw conflict(`campaign_${state.status}`, `This campaign is ${state.status}`);
  }
  return state.campaignId;
};

const withRespondent = (
  state: CampaignState,
  respondentId: string,
  change: (respondent: RespondentState) => RespondentState,
): CampaignState => {
  const respondent = state.respondents.get(respondentId);
  if (!respondent) return state;
  return { ...state, respondents: new Map(state.respondents).set(respondentId, change(respondent)) };
};

/** One stream per campaign: its plan, its respondents, and what was sent to each. */
export const campaignDecider: Decider<CampaignState, CampaignCommand, CampaignEvent> = {
  initialState: {
    campaignId: null,
    status: 'planned',
    audience: null,
    anonymous: false,
    schedule: null,
    respondents: new Map(),
    sharedLinks: new Map(),
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CampaignPlanned':
        return {
          ...state,
          campaignId: event.data.campaignId,
          audience: event.data.audience,
          anonymous: event.data.anonymous,
          schedule: event.data.schedule,
        };
      case 'CampaignRescheduled':
        return { ...state, schedule: event.data.schedule };
      case 'CampaignRespondentAdded':
        return {
          ...state,
          respondents: new Map(state.respondents).set(event.data.respondentId, {
            emailKey: event.data.email.toLowerCase(),
            removed: false,
            messages: 0,
            answered: false,
            retryTag: null,
            optedOut: false,
          }),
        };
      case 'CampaignRespondentRemoved':
        return withRespondent(state, event.data.respondentId, (r) => ({ ...r, removed: true }));
      case 'CampaignMessageQueued':
        return withRespondent(state, event.data.respondentId, (r) => ({
          ...r,
          messages: event.data.reminder + 1,
        }));
      case 'CampaignRespondentAnswered':
        return withRespondent(state, event.data.respondentId, (r) => ({
          ...r,
          answered: true,
          retryTag: event.data.retryTag ?? null,
        }));
      case 'CampaignRespondentOptedOut':
        return withRespondent(state, event.data.respondentId, (r) => ({ ...r, optedOut: true }));
      case 'CampaignSharedLinkOpened':
        return { ...state, sharedLinks: new Map(state.sharedLinks).set(event.data.linkId, { open: true }) };
      case 'CampaignSharedLinkClosed':
        return { ...state, sharedLinks: new Map(state.sharedLinks).set(event.data.linkId, { open: false }) };
      case 'CampaignClosed':
        return { ...state, status: 'closed' };
      case 'CampaignCancelled':
        return { ...state, status: 'cancelled' };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'PlanCampaign': {
        if (state.campaignId) throw conflict('campaign_exists', 'This campaign already exists');
        const { type: _, questionnaireAudience, ...data } = command;
        if (questionnaireAudience !== data.audience) {
          throw badRequest(
            'questionnaire_audience_mismatch',
            'This questionnaire is written for another group',
          );
        }
        if (data.target.kind === 'period' && data.audience !== 'funder' && data.audience !== 'company') {
          throw badRequest('period_for_partners_only', 'Only funders and companies are asked about a period');
        }
        if (data.target.kind === 'period' && data.target.to < data.target.from) {
          throw badRequest('period_ends_before_start', 'The period cannot end before it starts');
        }
        checkSchedule(data.schedule);
        return [{ type: 'CampaignPlanned', data }];
      }
      case 'RescheduleCampaign': {
        const campaignId = open(state);
        checkSchedule(command.schedule);
        return [{ type: 'CampaignRescheduled', data: { campaignId, schedule: command.schedule } }];
      }
      case 'AddRespondents': {
        const campaignId = open(state);
        const active = [...state.respondents.values()].filter((r) => !r.removed);
        if (active.length + command.respondents.length > MAX_RESPONDENTS_PER_CAMPAIGN) {
          throw badRequest(
            'too_many_respondents',
            `A campaign asks at most ${MAX_RESPONDENTS_PER_CAMPAIGN} people`,
          );
        }
        const known = new Set(active.map((r) => r.emailKey));
        const already = command.respondents.filter((r) => known.has(r.email.toLowerCase()));
        if (already.length > 0) {
          // Nothing is added: the list is checked whole, like a file.
          throw conflict(
            'respondent_already_asked',
            'Some of these people are already asked in this campaign',
            {
              emails: already.map((r) => r.email),
            },
          );
        }
        return command.respondents.map((respondent) => ({
          type: 'CampaignRespondentAdded' as const,
          data: { campaignId, ...respondent },
        }));
      }
      case 'RemoveRespondent': {
        const campaignId = open(state);
        respondentOf(state, command.respondentId);
        return [
          { type: 'CampaignRespondentRemoved', data: { campaignId, respondentId: command.respondentId } },
        ];
      }
      case 'RecordMessageQueued': {
        const campaignId = open(state);
        const respondent = respondentOf(state, command.respondentId);
        // A repeat of a message already recorded (a reactor that crashed after queueing it) records nothing.
        if (command.reminder < respondent.messages) return [];
        if (command.reminder !== respondent.messages) {
          throw conflict('message_out_of_order', 'The previous message to this respondent is not recorded');
        }
        const { type: _, ...recorded } = command;
        return [{ type: 'CampaignMessageQueued', data: { campaignId, ...recorded } }];
      }
      case 'RecordAnswer': {
        const campaignId = open(state);
        const respondent = respondentOf(state, command.respondentId);
        if (respondent.answered) {
          // The same submission again (a retry after a failure) goes on; another one is a second answer.
          if (respondent.retryTag === command.retryTag) return [];
          throw conflict('already_answered', 'You have already answered this survey: thank you!');
        }
        const { respondentId, retryTag } = command;
        return [{ type: 'CampaignRespondentAnswered', data: { campaignId, respondentId, retryTag } }];
      }
      case 'OpenSharedLink': {
        const campaignId = open(state);
        if (state.sharedLinks.has(command.linkId)) return [];
        if ([...state.sharedLinks.values()].filter((link) => link.open).length >= MAX_SHARED_LINKS) {
          throw conflict(
            'too_many_shared_links',
            `A campaign has at most ${MAX_SHARED_LINKS} open shared links`,
          );
        }
        const { linkId, label } = command;
        return [{ type: 'CampaignSharedLinkOpened', data: { campaignId, linkId, label } }];
      }
      case 'CloseSharedLink': {
        if (!state.campaignId) throw notFound('campaign_not_found', 'No such campaign');
        const link = state.sharedLinks.get(command.linkId);
        if (!link) throw notFound('shared_link_not_found', 'No such shared link in this campaign');
        if (!link.open) return [];
        return [
          {
            type: 'CampaignSharedLinkClosed',
            data: { campaignId: state.campaignId, linkId: command.linkId },
          },
        ];
      }
      case 'OptOut': {
        if (!state.campaignId) throw notFound('campaign_not_found', 'No such campaign');
        const respondent = respondentOf(state, command.respondentId);
        if (respondent.optedOut) return [];
        return [
          {
            type: 'CampaignRespondentOptedOut',
            data: { campaignId: state.campaignId, respondentId: command.respondentId },
          },
        ];
      }
      case 'CloseCampaign': {
        const campaignId = open(state);
        return [{ type: 'CampaignClosed', data: { campaignId, reason: command.reason } }];
      }
      case 'CancelCampaign': {
        const campaignId = open(state);
        return [{ type: 'CampaignCancelled', data: { campaignId } }];
      }
    }
  },
};
