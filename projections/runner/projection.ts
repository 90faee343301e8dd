import type { AnyTx } from '../../services/db/database';
import type { RecordedEvent } from '../../services/eventstore/types';

/**
 * A read model: its tables (created by `ddl`, with unqualified names so a rebuild can build them in another
 * schema) and how each event it handles changes them. Bump `version` when the tables or the logic change: the
 * runner then rebuilds it from the start of the log and swaps the new tables in.
 */
export interface Projection {
  name: string;
  version: number;
  tables: readonly string[];
  ddl: readonly string[];
  handles: readonly string[];
  apply(tx: AnyTx, event: RecordedEvent): Promise<void>;
}

export const defineProjection = (projection: Projection): Projection => {
  if (!/^[a-z][a-z0-9_]*$/.test(projection.name)) throw new Error(`Bad projection name ${projection.name}`);
  return projection;
};
