import { z } from 'zod';
import type { Db } from '../db/database';
import type { EventStore } from '../eventstore/types';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { badRequest } from '../kernel/errors';
import { derivedId, newId } from '../kernel/ids';
import { isStorableText } from '../kernel/validation';
import type { OutsideLogRecords } from '../slice';
import { mailDecider } from './decider';
import { mailStream } from './events';
import type { MailPort, MailRequest, MailTemplate } from './port';
import type { MailTables } from './tables';
import { templateParams } from './templates';

const request = z.object({
  organisationId: z.string().uuid(),
  to: z.string().trim().max(320).refine(isStorableText).pipe(z.string().email()),
  locale: z.enum(['fr', 'en']),
  template: z.enum(Object.keys(templateParams) as [MailTemplate, ...MailTemplate[]]),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

/** Refuses a request the reactor could never send: 400 `invalid_mail_request`, nothing written. */
const checked = <T extends MailTemplate>(mail: MailRequest<T>) => {
  const base = request.safeParse(mail);
  const params = base.success ? templateParams[base.data.template].safeParse(mail.params) : undefined;
  if (!base.success || !params?.success) {
    const issues = (base.success ? params!.error! : base.error).issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw badRequest('invalid_mail_request', 'This message cannot be sent as asked', { issues });
  }
  return { ...base.data, params: params.data };
};

/**
 * The mail port: keeps the message's parameters outside the log, then records `MailQueued` on the message's own
 * stream. The parameters go first: a message whose event was never appended is never sent (the reactor only
 * sends what it reads in the log), and a retry with the same key finds both and writes nothing new.
 */
export const createMailPort = (deps: { db: Db; store: EventStore; clock: Clock }): MailPort => ({
  async queue(mail) {
    const { organisationId, to, locale, template, idempotencyKey, params } = checked(mail);
    const messageId = idempotencyKey ? derivedId(organisationId, 'mail', idempotencyKey) : newId();
    await deps.db
      .withTables<MailTables>()
      .insertInto('mail_parameters')
      .values({
        message_id: messageId,
        organisation_id: organisationId,
        params: JSON.stringify(params),
        created_at: deps.clock.now(),
      })
      .onConflict((conflict) => conflict.column('message_id').doNothing())
      .execute();
    const result = await runCommand(
      { store: deps.store, clock: deps.clock, organisationId, actor: mail.actor, idempotencyKey },
      mailDecider,
      mailStream(messageId),
      { type: 'QueueMail', data: { messageId, to, template, locale } },
      { usuallyNew: true },
    );
    return { messageId, position: result.position };
  },
});

/**
 * Scrubs an erased message recipient (`contact:<messageId>`) from what the mail slice keeps outside the log: its
 * parameters, its place in the work list (it will not be sent) and its development copy.
 */
export const eraseMailSubject = async (db: Db, subjectId: string) => {
  const [kind, messageId] = subjectId.split(/:(.*)/s);
  if (kind !== 'contact' || !messageId) return;
  await db
    .withTables<MailTables>()
    .transaction()
    .execute(async (tx) => {
      await tx.deleteFrom('mail_parameters').where('message_id', '=', messageId).execute();
      await tx.deleteFrom('mail_deliveries').where('message_id', '=', messageId).execute();
      await tx.deleteFrom('mail_dev_outbox').where('message_id', '=', messageId).execute();
    });
};

/**
 * What the mail slice keeps about a message recipient outside the log, for their export: where the message stands
 * and the development copy's address. Not its parameters nor its body: they hold single-use links and the names
 * of other people (who invited them).
 */
export const exportMailSubject = async (db: Db, subjectId: string): Promise<OutsideLogRecords> => {
  const [kind, messageId] = subjectId.split(/:(.*)/s);
  if (kind !== 'contact' || !messageId) return {};
  const mail = db.withTables<MailTables>();
  const deliveries = await mail
    .selectFrom('mail_deliveries')
    .select(['recipient', 'template', 'locale', 'attempts', 'next_attempt_at'])
    .where('message_id', '=', messageId)
    .execute();
  const developmentCopies = await mail
    .selectFrom('mail_dev_outbox')
    .select(['recipient', 'created_at'])
    .where('message_id', '=', messageId)
    .execute();
  return { deliveries, developmentCopies };
};
