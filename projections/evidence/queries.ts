import type { Executor } from '../../services/db/database';
import { execute } from '../../services/db/database';

export interface EvidenceItemRow {
  event_id: string;
  indicator: number;
  occurred_at: Date;
  kind: string;
  title: string;
  summary: string | null;
  source_type: string;
  source_id: string;
  event_type: string;
}

export interface EvidencePeriod {
  /** Inclusive, as instants (the caller turns Paris calendar dates into instants). */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** An indicator's evidence in time order (or newest first), keyset-paginated on (occurred_at, event_id). */
export const evidenceTimeline = (
  db: Executor,
  organisationId: string,
  indicator: number,
  period: EvidencePeriod,
  page: { limit: number; after?: { occurredAt: Date; eventId: string }; newestFirst?: boolean },
) => {
  const [comparison, direction] = page.newestFirst ? ['<', 'DESC'] : ['>', 'ASC'];
  return execute<EvidenceItemRow>(
    db,
    `SELECT event_id, indicator, occurred_at, kind, title, summary, source_type, source_id, event_type
       FROM evidence_items
      WHERE organisation_id = $1 AND indicator = $2
        AND ($3::timestamptz IS NULL OR occurred_at >= $3)
        AND ($4::timestamptz IS NULL OR occurred_at < $4)
        AND ($5::timestamptz IS NULL OR (occurred_at, event_id) ${comparison} ($5, $6::uuid))
      ORDER BY occurred_at ${direction}, event_id ${direction}
      LIMIT $7`,
    [
      organisationId,
      indicator,
      period.from ?? null,
      period.to ?? null,
      page.after?.occurredAt ?? null,
      page.after?.eventId ?? null,
      page.limit,
    ],
  );
};

export const countEvidence = async (
  db: Executor,
  organisationId: string,
  indicator: number,
  period: EvidencePeriod,
) =>
  (
    await execute<{ count: number }>(
      db,
      `SELECT count(*)::int AS count FROM evidence_items
        WHERE organisation_id = $1 AND indicator = $2
          AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)`,
      [organisationId, indicator, period.from ?? null, period.to ?? null],
    )
  )[0]!.count;

export const evidenceSummary = (db: Executor, organisationId: string, period: EvidencePeriod) =>
  execute<{ indicator: number; count: number; last_at: Date | null }>(
    db,
    `SELECT indicator, count(*)::int AS count, max(occurred_at) AS last_at FROM evidence_items
      WHERE organisation_id = $1
        AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)
      GROUP BY indicator ORDER BY indicator`,
    [organisationId, period.from ?? null, period.to ?? null],
  );
