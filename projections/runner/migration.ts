import { sqlMigration } from '../../services/db/migrate';

export const projectionCheckpointsMigration = sqlMigration('0002_projection_checkpoints', [
  `CREATE TABLE projection_checkpoints (
    name text PRIMARY KEY,
    version integer NOT NULL,
    txid bigint NOT NULL DEFAULT 0,
    position bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    last_error text
  )`,
]);
