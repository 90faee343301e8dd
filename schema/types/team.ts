import { GraphQLError } from 'graphql';
import { listMembers, pendingInvitations, securityLog } from '../../projections/team/queries';
import type { SecurityLogRow, TeamInvitationRow, TeamMemberRow } from '../../projections/team/tables';
import { can } from '../../services/kernel/auth';
import { builder, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { instantAndIdCursor, keysetConnection } from '../paging';
import { RoleEnum } from './viewer';

/** The organisation of a signed-in admin: the team and its security log are theirs alone to read. */
const adminOrganisationOf = (context: GraphQLContext) => {
  const organisationId = organisationOf(context);
  if (!context.viewer || !can(context.viewer.role, 'team:manage')) {
    throw new GraphQLError('Only an administrator sees the team', { extensions: { code: 'FORBIDDEN' } });
  }
  return organisationId;
};

const TeamMemberRef = builder.objectRef<TeamMemberRow>('TeamMember').implement({
  fields: (t) => ({
    id: t.exposeID('user_id'),
    email: t.exposeString('email'),
    displayName: t.exposeString('display_name'),
    role: t.field({ type: RoleEnum, resolve: (member) => member.role }),
    active: t.exposeBoolean('active'),
    joinedAt: t.field({ type: 'DateTime', resolve: (member) => member.joined_at }),
    lastSignInAt: t.field({ type: 'DateTime', nullable: true, resolve: (member) => member.last_sign_in_at }),
  }),
});

const TeamInvitationRef = builder.objectRef<TeamInvitationRow>('TeamInvitation').implement({
  fields: (t) => ({
    id: t.exposeID('invitation_id'),
    email: t.exposeString('email'),
    role: t.field({ type: RoleEnum, resolve: (invitation) => invitation.role }),
    sentAt: t.field({ type: 'DateTime', resolve: (invitation) => invitation.sent_at }),
    expiresAt: t.field({ type: 'DateTime', resolve: (invitation) => invitation.expires_at }),
    expired: t.boolean({
      resolve: (invitation, _args, context) =>
        new Date(invitation.expires_at).getTime() <= context.clock.now().getTime(),
    }),
  }),
});

const SECURITY_EVENT_TYPES = [
  'UserRoleChanged',
  'UserDeactivated',
  'UserReactivated',
  'SignInFailuresRecorded',
  'PasswordChanged',
  'PasswordResetRequested',
  'PasswordReset',
  'OtherSessionsEnded',
] as const;
type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

const SecurityEventTypeEnum = builder.enumType('SecurityEventType', { values: SECURITY_EVENT_TYPES });

const detail = <T>(row: SecurityLogRow, key: string) => (row.details[key] as T | undefined) ?? null;

const SecurityEventRef = builder.objectRef<SecurityLogRow>('SecurityEvent').implement({
  description: 'A security-relevant fact about a member',
  fields: (t) => ({
    id: t.exposeID('event_id'),
    type: t.field({ type: SecurityEventTypeEnum, resolve: (row) => row.type as SecurityEventType }),
    occurredAt: t.field({ type: 'DateTime', resolve: (row) => row.occurred_at }),
    userId: t.exposeID('user_id'),
    userName: t.exposeString('user_name', { nullable: true }),
    actorName: t.exposeString('actor_name', { nullable: true, description: 'Who did it, when a member did' }),
    role: t.field({ type: RoleEnum, nullable: true, resolve: (row) => detail(row, 'role') }),
    previousRole: t.field({ type: RoleEnum, nullable: true, resolve: (row) => detail(row, 'previousRole') }),
    failures: t.int({ nullable: true, resolve: (row) => detail<number>(row, 'failures') }),
    lockedUntil: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (row) => detail<string>(row, 'lockedUntil'),
    }),
    sessions: t.int({ nullable: true, resolve: (row) => detail<number>(row, 'sessions') }),
  }),
});

const TeamRef = builder.objectRef<{ organisationId: string }>('Team').implement({
  description: 'The organisation’s members and pending invitations (administrators only)',
  fields: (t) => ({
    members: t.field({
      type: [TeamMemberRef],
      resolve: (team, _args, context) => listMembers(context.db, team.organisationId),
    }),
    invitations: t.field({
      type: [TeamInvitationRef],
      resolve: (team, _args, context) => pendingInvitations(context.db, team.organisationId),
    }),
  }),
});

builder.queryField('team', (t) =>
  t.field({
    type: TeamRef,
    authScopes: { member: true },
    resolve: (_root, _args, context) => ({ organisationId: adminOrganisationOf(context) }),
  }),
);

const securityLogCursor = instantAndIdCursor(
  (key: { occurredAt: Date; id: string }) => [key.occurredAt, key.id],
  (occurredAt, id) => ({ occurredAt, id }),
);

builder.queryField('securityLog', (t) =>
  t.connection({
    type: SecurityEventRef,
    authScopes: { member: true },
    description: 'Security-relevant facts of the organisation, newest first (administrators only)',
    resolve: (_root, args, context) => {
      const organisationId = adminOrganisationOf(context);
      return keysetConnection(
        args,
        securityLogCursor,
        (row: SecurityLogRow) => ({ occurredAt: new Date(row.occurred_at), id: row.event_id }),
        (page) => securityLog(context.db, organisationId, page),
      );
    },
  }),
);
