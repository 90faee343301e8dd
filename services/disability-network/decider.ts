import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import type { DisabilityNetworkEvent, DisabilityPartner, ReferentTraining } from './events';

export type DisabilityNetworkCommand =
  | { type: 'ListPartner'; partner: DisabilityPartner }
  | { type: 'UpdatePartner'; partner: DisabilityPartner }
  | { type: 'RemovePartner'; partnerId: string }
  | {
      type: 'SetReferent';
      referentId: string;
      memberId: string | null;
      name: string | null;
      trainings: ReferentTraining[];
      today: string;
    }
  | {
      type: 'RecordMeeting';
      meetingId: string;
      partnerId: string;
      on: string;
      subject: string;
      outcome: string;
      today: string;
    };

export interface DisabilityNetworkState {
  partners: Readonly<Record<string, DisabilityPartner>>;
  meetingIds: readonly string[];
}

const known = (state: DisabilityNetworkState, partnerId: string) => {
  const partner = state.partners[partnerId];
  if (!partner) throw notFound('disability_partner_not_found', 'No such partner in the network');
  return partner;
};

/** The organisation's disability network (indicator 26): its partners, its referent, the meetings held. */
export const disabilityNetworkDecider: Decider<
  DisabilityNetworkState,
  DisabilityNetworkCommand,
  DisabilityNetworkEvent
> = {
  initialState: { partners: {}, meetingIds: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'DisabilityPartnerListed':
      case 'DisabilityPartnerUpdated':
        return { ...state, partners: { ...state.partners, [event.data.partnerId]: event.data } };
      case 'DisabilityPartnerRemoved': {
        const { [event.data.partnerId]: _, ...partners } = state.partners;
        return { ...state, partners };
      }
      case 'DisabilityReferentSet':
        return state;
      case 'DisabilityNetworkMeetingHeld':
        return { ...state, meetingIds: [...state.meetingIds, event.data.meetingId] };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'ListPartner':
        if (state.partners[command.partner.partnerId]) {
          throw conflict('disability_partner_exists', 'This partner is already in the network');
        }
        return [{ type: 'DisabilityPartnerListed', data: command.partner }];
      case 'UpdatePartner': {
        const current = known(state, command.partner.partnerId);
        if (sameFacts(current, command.partner)) return [];
        return [{ type: 'DisabilityPartnerUpdated', data: command.partner }];
      }
      case 'RemovePartner':
        known(state, command.partnerId);
        return [{ type: 'DisabilityPartnerRemoved', data: { partnerId: command.partnerId } }];
      case 'SetReferent': {
        if ((command.memberId === null) === (command.name === null)) {
          throw badRequest('referent_invalid', 'Name the referent: a member, or a person by name');
        }
        if (command.trainings.some((training) => training.on > command.today)) {
          throw badRequest('training_date_in_future', 'A training is recorded once it took place');
        }
        const { type: _, today: __, ...data } = command;
        return [{ type: 'DisabilityReferentSet', data }];
      }
      case 'RecordMeeting': {
        if (state.meetingIds.includes(command.meetingId)) return [];
        const partner = known(state, command.partnerId);
        if (command.on > command.today) {
          throw badRequest('meeting_date_in_future', 'A meeting is recorded once it was held');
        }
        const { type: _, today: __, ...data } = command;
        return [{ type: 'DisabilityNetworkMeetingHeld', data: { ...data, partnerName: partner.name } }];
      }
    }
  },
};
