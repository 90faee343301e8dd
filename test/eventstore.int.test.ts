import { eventStoreContract } from './eventstore.contract';
import { databaseKinds } from './support/databases';

for (const kind of databaseKinds()) {
  eventStoreContract(kind);
  eventStoreContract(kind, { vaulted: true });
  eventStoreContract(kind, { grouped: true });
  eventStoreContract(kind, { vaulted: true, grouped: true });
}
