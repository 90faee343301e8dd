import { sqlMigration } from '../db/migrate';

/**
 * The events table and the append function. The append runs as one statement (its own transaction), so it is
 * always the first write of its transaction: its transaction id is taken after it read the stream, which keeps each
 * stream in revision order in the (txid, position) feed. The function also refuses to follow a stream's last event
 * with a lower transaction id (the guard for the day someone calls it inside a larger transaction).
 * The transaction id is kept as a bigint (an xid8 with its epoch fits) so readers compare plain numbers.
 * Raw SQL: a PL/pgSQL function and a column default on pg_current_xact_id() have no Kysely form.
 */
export const eventStoreMigration = sqlMigration('0001_eventstore', [
  `CREATE TABLE es_events (
    position bigserial PRIMARY KEY,
    txid bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    stream_id text NOT NULL,
    stream_revision bigint NOT NULL,
    id uuid NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT es_events_stream_revision_key UNIQUE (stream_id, stream_revision),
    CONSTRAINT es_events_id_key UNIQUE (id)
  )`,
  'CREATE INDEX es_events_feed_idx ON es_events (txid, position)',
  `CREATE FUNCTION es_append(p_stream text, p_expected bigint, p_events jsonb,
                             OUT last_position bigint, OUT last_revision bigint)
   LANGUAGE plpgsql AS $$
   DECLARE
     v_current bigint := p_expected;
     v_count bigint;
   BEGIN
     -- p_expected: -2 any, -1 no stream, n the last revision. A stream that moved on past n makes the insert
     -- below collide with the unique (stream_id, stream_revision) key, which the client reports as a conflict.
     IF p_expected = -2 THEN
       SELECT coalesce(max(e.stream_revision), -1) INTO v_current FROM es_events e WHERE e.stream_id = p_stream;
     END IF;
     IF v_current >= 0 AND NOT EXISTS (
          SELECT 1 FROM es_events e
           WHERE e.stream_id = p_stream AND e.stream_revision = v_current
             AND e.txid <= pg_current_xact_id()::text::bigint) THEN
       RAISE EXCEPTION USING ERRCODE = 'ES409', MESSAGE = 'wrong expected revision or a newer transaction';
     END IF;
     INSERT INTO es_events (stream_id, stream_revision, id, type, data, metadata)
       SELECT p_stream, v_current + e.ord, e.id, e.type, e.data, e.metadata
         FROM ROWS FROM (jsonb_to_recordset(p_events) AS (id uuid, type text, data jsonb, metadata jsonb))
              WITH ORDINALITY AS e(id, type, data, metadata, ord);
     GET DIAGNOSTICS v_count = ROW_COUNT;
     last_revision := v_current + v_count;
     last_position := currval('es_events_position_seq');
   END
   $$`,
]);
