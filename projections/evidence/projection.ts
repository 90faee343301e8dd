import { execute } from '../../services/db/database';
import type { EvidenceDeclarations } from '../../services/kernel/evidence';
import { defineProjection } from '../runner/projection';

/**
 * The evidence timeline: one row per (event, indicator) for every event type a slice declares as evidence.
 * Declarations live beside each slice's events, so a new slice adds evidence by declaring it.
 */
export const evidenceProjection = (declarations: EvidenceDeclarations) =>
  defineProjection({
    name: 'evidence',
    version: 1,
    tables: ['evidence_items'],
    ddl: [
      `CREATE TABLE evidence_items (
        event_id uuid NOT NULL,
        indicator smallint NOT NULL,
        organisation_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        summary text,
        source_type text NOT NULL,
        source_id uuid NOT NULL,
        event_type text NOT NULL,
        position bigint NOT NULL,
        PRIMARY KEY (event_id, indicator)
      )`,
      'CREATE INDEX evidence_items_timeline_idx ON evidence_items (organisation_id, indicator, occurred_at, event_id)',
    ],
    handles: Object.keys(declarations),
    async apply(tx, event) {
      const declaration = declarations[event.type];
      if (!declaration) return;
      const data = event.data as never;
      const source = declaration.source(data);
      for (const indicator of declaration.indicators) {
        await execute(
          tx,
          `INSERT INTO evidence_items (event_id, indicator, organisation_id, occurred_at, kind, title, summary,
             source_type, source_id, event_type, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            event.id,
            indicator,
            event.metadata.organisationId,
            event.metadata.occurredAt,
            declaration.kind,
            declaration.title(data),
            declaration.summary?.(data) ?? null,
            source.type,
            source.id,
            event.type,
            event.position,
          ],
        );
      }
    },
  });
