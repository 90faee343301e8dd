import { GraphQLError } from 'graphql';
import { developmentCopies, listMailMessages } from '../../projections/mail/queries';
import type { MailMessageRow } from '../../projections/mail/tables';
import { requirePermission } from '../../services/kernel/auth';
import { templateParams } from '../../services/mail/templates';
import { builder, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { perRequest } from '../loader';
import { instantAndIdCursor, keysetConnection } from '../paging';

/** Sent mail is for administrators only: it names every person the organisation wrote to. */
const adminOrganisationOf = (context: GraphQLContext) => {
  const organisationId = organisationOf(context);
  try {
    requirePermission(context.viewer, 'mail:read');
  } catch {
    throw new GraphQLError('Only administrators may read sent mail', { extensions: { code: 'FORBIDDEN' } });
  }
  return organisationId;
};

const MailStatusEnum = builder.enumType('MailStatus', {
  description:
    'due: waiting to be sent (again); sent: accepted by the mail server; refused: permanently refused; failed: given up',
  values: ['due', 'sent', 'refused', 'failed'] as const,
});

const MailTemplateEnum = builder.enumType('MailTemplate', {
  values: Object.keys(templateParams) as (keyof typeof templateParams)[],
});

const MailOutboxEnum = builder.enumType('MailOutbox', {
  description: 'Where a sent message went: a mail server, or the development outbox (no server set)',
  values: ['smtp', 'development'] as const,
});

const MailLocaleEnum = builder.enumType('MailLocale', { values: ['fr', 'en'] as const });

const copiesOf = perRequest<string, { subject: string; text_body: string } | null>(async (context, ids) => {
  const rows = await developmentCopies(context.db, adminOrganisationOf(context), ids);
  const byId = new Map(rows.map((row) => [row.message_id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});

const DevelopmentCopyRef = builder
  .objectRef<{ subject: string; text_body: string }>('MailDevelopmentCopy')
  .implement({
    description: 'What the development outbox kept instead of sending: links included',
    fields: (t) => ({
      subject: t.exposeString('subject'),
      text: t.exposeString('text_body'),
    }),
  });

const MailMessageRef = builder.objectRef<MailMessageRow>('MailMessage').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    recipient: t.exposeString('recipient'),
    template: t.field({ type: MailTemplateEnum, resolve: (row) => row.template }),
    locale: t.field({ type: MailLocaleEnum, resolve: (row) => row.locale }),
    status: t.field({ type: MailStatusEnum, resolve: (row) => row.status }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('last_error', { nullable: true }),
    response: t.exposeString('response', { nullable: true, description: 'The mail server’s reply' }),
    outbox: t.field({ type: MailOutboxEnum, nullable: true, resolve: (row) => row.outbox }),
    queuedAt: t.field({ type: 'DateTime', resolve: (row) => row.queued_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updated_at }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.next_attempt_at }),
    developmentCopy: t.field({
      type: DevelopmentCopyRef,
      nullable: true,
      description: 'Only for messages kept in the development outbox',
      resolve: (row, _args, context) =>
        row.outbox === 'development' ? copiesOf(context).load(row.id) : null,
    }),
  }),
});

const mailCursor = instantAndIdCursor(
  (key: { queuedAt: Date; id: string }) => [key.queuedAt, key.id],
  (queuedAt, id) => ({ queuedAt, id }),
);

builder.queryField('mailMessages', (t) =>
  t.connection({
    type: MailMessageRef,
    authScopes: { member: true },
    description: 'Messages the organisation sent or tried to send, newest first (administrators only)',
    resolve: (_root, args, context) => {
      const organisationId = adminOrganisationOf(context);
      return keysetConnection(
        args,
        mailCursor,
        (row: MailMessageRow) => ({ queuedAt: row.queued_at, id: row.id }),
        (page) => listMailMessages(context.db, organisationId, page),
      );
    },
  }),
);
