import type { Kysely } from 'kysely';
import type { AccountEvent, TeamEvent } from '../../services/access/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PrivacyEvent } from '../../services/privacy/events';
import { lastBy } from '../grouping';
import { subjectIdsOf } from '../privacy';
import { updateRows } from '../runner/bulk';
import { defineProjection, type Recorded } from '../runner/projection';
import type { TeamTables } from './tables';

type Event = TeamEvent | AccountEvent | PrivacyEvent;
type Logged = Recorded<Event> & { data: { userId: string } };

/** Adds a run of security facts to the log (details: the event's data but the subject). */
const log = async (db: Kysely<TeamTables>, events: readonly Logged[]) => {
  await db
    .insertInto('team_security_log')
    .values(
      events.map(({ id, type, data, metadata }) => {
        const { userId, ...details } = data;
        return {
          event_id: id,
          organisation_id: metadata.organisationId,
          occurred_at: metadata.occurredAt,
          type,
          user_id: userId,
          actor_id: metadata.actor.type === 'user' ? (metadata.actor.id ?? null) : null,
          details: JSON.stringify(details) as unknown as Record<string, unknown>,
        };
      }),
    )
    .onConflict((conflict) => conflict.column('event_id').doNothing())
    .execute();
};

/** Sets the members of a run active or not (one statement). */
const setActive = (
  db: Kysely<TeamTables>,
  events: readonly { data: { userId: string } }[],
  active: boolean,
) =>
  db
    .updateTable('team_members')
    .set({ active })
    .where(
      'user_id',
      'in',
      events.map((event) => event.data.userId),
    )
    .execute();

const setInvitationStatus = async (
  db: Kysely<TeamTables>,
  invitationIds: readonly string[],
  status: 'accepted' | 'revoked',
) => {
  await db
    .updateTable('team_invitations')
    .set({ status })
    .where('invitation_id', 'in', invitationIds)
    .execute();
};

export const teamProjection = defineProjection<TeamTables, Event>({
  name: 'team',
  version: 3,
  tables: ['team_members', 'team_invitations', 'team_security_log'],
  async create(db) {
    await db.schema
      .createTable('team_members')
      .addColumn('user_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('email', 'text', (column) => column.notNull())
      .addColumn('display_name', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('active', 'boolean', (column) => column.notNull())
      .addColumn('joined_at', 'timestamptz', (column) => column.notNull())
      .addColumn('last_sign_in_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('team_members_organisation_idx')
      .on('team_members')
      .columns(['organisation_id', 'joined_at'])
      .execute();
    await db.schema
      .createTable('team_invitations')
      .addColumn('invitation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('email', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('invited_by', 'uuid')
      .addColumn('sent_at', 'timestamptz', (column) => column.notNull())
      .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('team_invitations_organisation_idx')
      .on('team_invitations')
      .columns(['organisation_id', 'status'])
      .execute();
    await db.schema
      .createTable('team_security_log')
      .addColumn('event_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('user_id', 'uuid', (column) => column.notNull())
      .addColumn('actor_id', 'uuid')
      .addColumn('details', 'jsonb', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('team_security_log_organisation_idx')
      .on('team_security_log')
      .columns(['organisation_id', 'occurred_at', 'event_id'])
      .execute();
  },
  handlers: {
    // A member's or an invitee's address and name are scrubbed once they are erased (the security log holds ids).
    async PersonalDataErased(db, events) {
      const users = subjectIdsOf(events, 'user');
      if (users.length > 0) {
        await db
          .updateTable('team_members')
          .set({ email: ERASED, display_name: ERASED })
          .where('user_id', 'in', users)
          .execute();
      }
      const invitations = subjectIdsOf(events, 'contact');
      if (invitations.length > 0) {
        await db
          .updateTable('team_invitations')
          .set({ email: ERASED })
          .where('invitation_id', 'in', invitations)
          .execute();
      }
    },
    // Its row came with its first registration; enrolment brings its current role and status.
    async TeamMemberEnrolled(db, events) {
      await db
        .insertInto('team_members')
        .values(
          events.map(({ data, metadata }) => ({
            user_id: data.userId,
            organisation_id: metadata.organisationId,
            email: data.email,
            display_name: data.displayName,
            role: data.role,
            active: data.active,
            joined_at: metadata.occurredAt,
          })),
        )
        .onConflict((conflict) =>
          conflict.column('user_id').doUpdateSet((eb) => ({
            role: eb.ref('excluded.role'),
            active: eb.ref('excluded.active'),
          })),
        )
        .execute();
    },
    async UserRegistered(db, events) {
      await db
        .insertInto('team_members')
        .values(
          events.map(({ data, metadata }) => ({
            user_id: data.userId,
            organisation_id: metadata.organisationId,
            email: data.email,
            display_name: data.displayName,
            role: data.role,
            active: true,
            joined_at: metadata.occurredAt,
          })),
        )
        .onConflict((conflict) => conflict.column('user_id').doNothing())
        .execute();
    },
    async InvitationSent(db, events) {
      await db
        .insertInto('team_invitations')
        .values(
          events.map(({ data, metadata }) => ({
            invitation_id: data.invitationId,
            organisation_id: metadata.organisationId,
            email: data.email,
            role: data.role,
            invited_by: metadata.actor.id ?? null,
            sent_at: metadata.occurredAt,
            expires_at: data.expiresAt,
            status: 'pending' as const,
          })),
        )
        .execute();
    },
    async InvitationResent(db, events) {
      const latest = lastBy(events, (event) => event.data.invitationId);
      await db
        .updateTable('team_invitations')
        .set((eb) => {
          let expires = eb
            .case('invitation_id')
            .when(latest[0]!.data.invitationId)
            .then(latest[0]!.data.expiresAt);
          let sent = eb
            .case('invitation_id')
            .when(latest[0]!.data.invitationId)
            .then(latest[0]!.metadata.occurredAt);
          for (const { data, metadata } of latest.slice(1)) {
            expires = expires.when(data.invitationId).then(data.expiresAt);
            sent = sent.when(data.invitationId).then(metadata.occurredAt);
          }
          return {
            expires_at: eb.cast(expires.else(null).end(), 'timestamptz'),
            sent_at: eb.cast(sent.else(null).end(), 'timestamptz'),
          };
        })
        .where(
          'invitation_id',
          'in',
          latest.map((event) => event.data.invitationId),
        )
        .execute();
    },
    async InvitationRevoked(db, events) {
      await setInvitationStatus(
        db,
        events.map((event) => event.data.invitationId),
        'revoked',
      );
    },
    async InvitationAccepted(db, events) {
      await setInvitationStatus(
        db,
        events.map((event) => event.data.invitationId),
        'accepted',
      );
    },
    async UserRoleChanged(db, events) {
      const latest = lastBy(events, (event) => event.data.userId);
      await updateRows(
        db,
        'team_members',
        'user_id',
        latest.map(({ data }) => ({ user_id: data.userId, role: data.role })),
      );
      await log(db, events);
    },
    async UserDeactivated(db, events) {
      await setActive(db, events, false);
      await log(db, events);
    },
    async UserReactivated(db, events) {
      await setActive(db, events, true);
      await log(db, events);
    },
    async UserSignedIn(db, events) {
      const latest = lastBy(events, (event) => event.data.userId);
      await updateRows(
        db,
        'team_members',
        'user_id',
        latest.map(({ data, metadata }) => ({ user_id: data.userId, last_sign_in_at: metadata.occurredAt })),
      );
    },
    SignInFailuresRecorded: log,
    PasswordChanged: log,
    PasswordResetRequested: log,
    PasswordReset: log,
    OtherSessionsEnded: log,
  },
});
