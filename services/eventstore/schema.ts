import { sqlMigration } from '../db/migrate';

/**
 * The events table and the append function. The append runs as one statement (its own transaction), so it is
 * always the first write of its transaction: its transaction id is taken after it read the stream, which keeps each
 * stream in revision order in the (txid, position) feed. The function also refuses to follow a stream's last event
 * with a lower transaction id (the guard for the day someone calls it inside a larger transaction).
 * The transaction id is kept as a bigint (an xid8 with its epoch fits) so readers compare plain numbers.
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
  `CREATE FUNCTION es_append(p_stream text, p_expected bigint, p_events jsonb)
   RETURNS TABLE (last_position bigint, last_revision bigint)
   LANGUAGE plpgsql AS $$
   DECLARE
     v_current bigint;
     v_last_txid bigint;
     v_count bigint;
     v_last_position bigint;
   BEGIN
     SELECT e.stream_revision, e.txid INTO v_current, v_last_txid
       FROM es_events e WHERE e.stream_id = p_stream ORDER BY e.stream_revision DESC LIMIT 1;
     v_current := coalesce(v_current, -1);
     -- p_expected: -2 any, -1 no stream, n the last revision
     IF p_expected <> -2 AND p_expected <> v_current THEN
       RAISE EXCEPTION USING ERRCODE = 'ES409', MESSAGE = 'wrong expected revision', DETAIL = v_current::text;
     END IF;
     IF v_last_txid IS NOT NULL AND v_last_txid > pg_current_xact_id()::text::bigint THEN
       RAISE EXCEPTION USING ERRCODE = 'ES409', MESSAGE = 'stream written by a newer transaction',
         DETAIL = v_current::text;
     END IF;
     WITH inserted AS (
       INSERT INTO es_events (stream_id, stream_revision, id, type, data, metadata)
         SELECT p_stream, v_current + e.ord, (e.value->>'id')::uuid, e.value->>'type', e.value->'data',
                e.value->'metadata'
           FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
         RETURNING es_events.position
     )
     SELECT max(inserted.position), count(*) INTO v_last_position, v_count FROM inserted;
     RETURN QUERY SELECT v_last_position, v_current + v_count;
   END
   $$`,
]);
