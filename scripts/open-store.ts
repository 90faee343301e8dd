import { loadConfig } from '../services/config';
import { openRuntime } from '../services/runtime';

/** The database, event store and projections exactly as the server wires them, for command-line scripts. */
export const openStore = () => openRuntime(loadConfig(), { poolSize: 4 });
