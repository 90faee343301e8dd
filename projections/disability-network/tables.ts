import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type {
  DisabilityPartnerKind,
  PartnerContact,
  ReferentTraining,
} from '../../services/disability-network/events';
import type { ERASED } from '../../services/privacy/declarations';

export type DisabilityNetworkTables = {
  /** The network stream's revision, for If-Match. */
  disability_networks: {
    organisation_id: string;
    revision: number;
  };
  disability_partners: {
    id: string;
    organisation_id: string;
    kind: DisabilityPartnerKind;
    name: string;
    /** The contacts, or ERASED once the partner's personal data was erased. */
    contacts: PartnerContact[] | typeof ERASED;
    removed: boolean;
    updated_at: Timestamp;
  };
  disability_referents: {
    organisation_id: string;
    referent_id: string;
    member_id: string | null;
    name: string | null;
    trainings: ReferentTraining[];
    set_at: Timestamp;
  };
  disability_meetings: {
    id: string;
    organisation_id: string;
    partner_id: string;
    partner_name: string;
    held_on: CalendarDate;
    subject: string;
    outcome: string;
  };
};

export type DisabilityPartnerRow = Selectable<DisabilityNetworkTables['disability_partners']>;
export type DisabilityReferentRow = Selectable<DisabilityNetworkTables['disability_referents']>;
export type DisabilityMeetingRow = Selectable<DisabilityNetworkTables['disability_meetings']>;
