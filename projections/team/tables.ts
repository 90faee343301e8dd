import type { Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';
import type { Role } from '../../services/kernel/auth';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export type TeamTables = {
  team_members: {
    user_id: string;
    organisation_id: string;
    email: string;
    display_name: string;
    role: Role;
    active: boolean;
    joined_at: Timestamp;
    last_sign_in_at: Timestamp | null;
  };
  team_invitations: {
    invitation_id: string;
    organisation_id: string;
    email: string;
    role: Role;
    invited_by: string | null;
    sent_at: Timestamp;
    expires_at: Timestamp;
    status: InvitationStatus;
  };
  /** Security-relevant facts, one row per event, for the organisation's admins. */
  team_security_log: {
    event_id: string;
    organisation_id: string;
    occurred_at: Timestamp;
    type: string;
    user_id: string;
    actor_id: string | null;
    details: Record<string, unknown>;
  };
};

export type TeamMemberRow = Selectable<TeamTables['team_members']>;
export type TeamInvitationRow = Selectable<TeamTables['team_invitations']>;
export type SecurityLogRow = Selectable<TeamTables['team_security_log']> & {
  user_name: string | null;
  actor_name: string | null;
};
