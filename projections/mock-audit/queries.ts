import { sql } from 'kysely';
import type { Db } from '../../services/db/database';
import type { MockAuditFindingRow, MockAuditRow, MockAuditTables } from './tables';

const tables = (db: Db) => db.withTables<MockAuditTables>();

/** The most mock audits one list answers. */
export const MAX_MOCK_AUDITS = 200;

export type MockAuditSummary = MockAuditRow & { majors: number; minors: number; observations: number };

const standingCount = (grade: string) =>
  sql<number>`(select count(*)::int from mock_audit_findings f where f.mock_audit_id = mock_audits.id and f.withdrawn_at is null and f.grade = ${grade})`;

/** The organisation's mock audits, latest first, with their standing findings counted by grade. */
export const mockAuditsOf = (db: Db, organisationId: string): Promise<MockAuditSummary[]> =>
  tables(db)
    .selectFrom('mock_audits')
    .selectAll()
    .select([
      standingCount('major').as('majors'),
      standingCount('minor').as('minors'),
      standingCount('observation').as('observations'),
    ])
    .where('organisation_id', '=', organisationId)
    .orderBy('started_on', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_MOCK_AUDITS)
    .execute();

/** One of the organisation's mock audits, with its counts; another organisation's reads as none. */
export const findMockAudit = async (
  db: Db,
  organisationId: string,
  mockAuditId: string,
): Promise<MockAuditSummary | undefined> =>
  tables(db)
    .selectFrom('mock_audits')
    .selectAll()
    .select([
      standingCount('major').as('majors'),
      standingCount('minor').as('minors'),
      standingCount('observation').as('observations'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', mockAuditId)
    .executeTakeFirst();

/** The checkpoints ticked on a mock audit, as `{ indicator, checkpoint }`. */
export const ticksOf = (db: Db, organisationId: string, mockAuditId: string) =>
  tables(db)
    .selectFrom('mock_audit_ticks')
    .select(['indicator', 'checkpoint'])
    .where('organisation_id', '=', organisationId)
    .where('mock_audit_id', '=', mockAuditId)
    .execute();

/** A mock audit's findings in the order they were recorded, withdrawn ones included. */
export const findingsOf = (
  db: Db,
  organisationId: string,
  mockAuditId: string,
): Promise<MockAuditFindingRow[]> =>
  tables(db)
    .selectFrom('mock_audit_findings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('mock_audit_id', '=', mockAuditId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
