// The server process of the mail crash test: the whole app, one organisation, and one message queued with a fixed
// idempotency key at every start (a restart queues nothing new). GET /test/mail/:id shows the message's stream.
import { createOrganisationWithAdmin, hasAnyAccount } from '../../services/access/accounts';
import { buildApp } from '../../services/app';
import { loadConfig } from '../../services/config';
import { systemClock } from '../../services/kernel/clock';
import { mailStream } from '../../services/mail/events';

const config = loadConfig();
const context = await buildApp({ config });
const { db } = context.database;
if (!(await hasAnyAccount(db))) {
  await createOrganisationWithAdmin(
    { db, store: context.store, clock: systemClock },
    {
      organisationName: 'Horizon',
      name: 'Admin',
      email: 'admin@horizon.example.fr',
      password: 'a long password',
    },
  );
}
const [organisation] = await db
  .withTables<{ access_accounts: { organisation_id: string } }>()
  .selectFrom('access_accounts')
  .select('organisation_id')
  .execute();
const { messageId } = await context.mail.queue({
  organisationId: organisation!.organisation_id,
  to: 'learner@example.fr',
  locale: 'fr',
  template: 'password_reset',
  params: { resetUrl: 'https://app.example.fr/reset?token=t0k3n', expiresAt: '2026-12-01T09:00:00Z' },
  actor: { type: 'system' },
  idempotencyKey: 'crash-test-message',
});
context.app.get('/test/mail/:messageId', async (request) => {
  const { messageId: id } = request.params as { messageId: string };
  return (await context.store.readStream(mailStream(id))).map((event) => ({
    type: event.type,
    data: event.data,
  }));
});
await context.app.listen({ port: config.PORT, host: config.HOST });
console.log(JSON.stringify({ queued: messageId }));
