import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { dueActions } from '../projections/actions/queries';
import { campaignsToSweep } from '../projections/campaigns/queries';
import { pendingComplaintSteps } from '../projections/complaints/queries';
import { createReadPorts } from '../projections/read-ports';
import { dueSubjects } from '../projections/retention/queries';
import type { ProjectionRunner } from '../projections/runner/runner';
import { graphQLPlugin } from '../schema/yoga';
import { enrolLegacyMembers, hasAnyAccount, issueSetupToken } from './access/accounts';
import { type ActionReactor, createActionReactor } from './actions/reactor';
import { productBinderWriter } from './binder/compose';
import { type BinderRunner, createBinderRunner } from './binder/runner';
import { createBinderSource } from './binder/source';
import { readinessOf } from './binder/stated-readiness';
import { CAMPAIGN_LINK_KEY_PURPOSE } from './campaign/links';
import { type CampaignReactor, createCampaignReactor } from './campaign/reactor';
import { COMPLAINT_PAGE_KEY_PURPOSE } from './complaints/public-page';
import { type ComplaintReactor, createComplaintReactor } from './complaints/reactor';
import type { Config } from './config';
import type { Database } from './db/database';
import { binderDocuments } from './documents/binder';
import type { PostgresEventStore } from './eventstore/postgres';
import { actionsExportPlugin } from './exports/actions';
import { complaintsExportPlugin } from './exports/complaints';
import { incidentsExportPlugin } from './exports/incidents';
import { resultsExportPlugin } from './exports/results';
import { watchExportPlugin } from './exports/watch';
import { registerErrorHandler } from './http/error-handler';
import { healthPlugin } from './http/health';
import { loadSheddingPlugin } from './http/load-shedding';
import { loggerOptions } from './http/logging';
import { openApiPlugin } from './http/openapi';
import { readYourWritesPlugin } from './http/read-your-writes';
import { securityPlugin } from './http/security';
import { sessionPlugin } from './http/session';
import { webAppPlugin } from './http/web-app';
import { type Clock, systemClock } from './kernel/clock';
import { createMailPort } from './mail/outbox';
import type { MailPort } from './mail/port';
import { createMailReactor, type MailReactor } from './mail/reactor';
import { createMailTransport, type MailTransport } from './mail/transport';
import { webDistDir } from './paths';
import type { Vault } from './privacy/vault';
import { createRetentionReactor, type RetentionReactor } from './retention/reactor';
import { openRuntime } from './runtime';
import type { OutsideLogRecords, SliceDeps } from './slice';
import { writeSlices } from './slices';

export interface AppContext {
  app: FastifyInstance;
  database: Database;
  store: PostgresEventStore;
  runner: ProjectionRunner;
  /** Outgoing mail: tests may queue directly. */
  mail: MailPort;
  /** Sends queued mail; tests that turn it off drive it with `mailReactor.drain()`. */
  mailReactor: MailReactor;
  /** Erases personal data past its retention period; tests drive it with `retentionReactor.sweep()`. */
  retentionReactor: RetentionReactor;
  /** Sends campaigns' invitations and reminders; tests drive it with `campaignReactor.sweep()`. */
  campaignReactor: CampaignReactor;
  /** Reminds complaints' owners of their deadlines; tests drive it with `complaintReactor.sweep()`. */
  complaintReactor: ComplaintReactor;
  /** Plans the improvement requests of other slices and reminds owners; tests drive `pickUp()` and `sweep()`. */
  actionReactor: ActionReactor;
  /** Writes requested audit binders and discards expired ones; tests drive `drain()` and `sweepExpired()`. */
  binderRunner: BinderRunner;
  /** The personal-data vault (tests derive link tokens from it as the server does). */
  vault: Vault;
  /** The one-time setup URL path, when no account exists yet. */
  setupPath?: string;
  close(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  /** An already opened database (tests); otherwise opened from the configuration. */
  database?: Database;
  clock?: Clock;
  /** Fastify's logger: false in tests; by default the configured level with secrets redacted. */
  logger?: boolean | object;
  /** Start following the log live (default true); tests may drive projections with runner.catchUp(). */
  runProjections?: boolean;
  /** Start sending queued mail (default: as runProjections); tests may drive it with mailReactor.drain(). */
  runMailReactor?: boolean;
  /** Where mail goes (tests); by default SMTP when configured, else the development outbox. */
  mailTransport?: MailTransport;
  /** Start the retention sweeps (default: as runProjections; RETENTION_SWEEP_MINUTES=0 turns them off). */
  runRetentionReactor?: boolean;
  /** Start the campaign sweeps (default: as runProjections; CAMPAIGN_SWEEP_MINUTES=0 turns them off). */
  runCampaignReactor?: boolean;
  /** Start the complaint deadline sweeps (default: as runProjections; COMPLAINT_SWEEP_MINUTES=0 turns them off). */
  runComplaintReactor?: boolean;
  /** Start the action pickup and reminder sweeps (default: as runProjections; ACTION_SWEEP_MINUTES=0: no reminders). */
  runActionReactor?: boolean;
  /** Start writing requested binders (default: as runProjections); tests may drive it with binderRunner.drain(). */
  runBinderRunner?: boolean;
}

/** The composition root: the only module that wires slices, read models, GraphQL and the web app together. */
export const buildApp = async (options: BuildOptions): Promise<AppContext> => {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const runtime = await openRuntime(config, { database: options.database });
  const { database, store, runner, vault } = runtime;
  await runner.prepare();
  const db = database.db;
  const waitForPosition = (position: number) => runner.waitForPosition(position, config.MIN_POSITION_WAIT_MS);

  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 256 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // First of all hooks: a shed request costs no session lookup and no body parsing.
  const reads = createReadPorts(db);
  // The backlog in front of the database: queries waiting for a connection, and appends and link reads waiting
  // for the batch that will carry them (group commit holds them here rather than in the pool's queue).
  const backlog = () => (database.pool?.waitingCount ?? 0) + runtime.waitingAppends() + reads.waiting();
  await app.register(loadSheddingPlugin, { config, poolWaiting: backlog });
  await app.register(securityPlugin, { config });
  await app.register(sessionPlugin, {
    db,
    store,
    clock,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    otherSessions: writeSlices.flatMap((slice) => slice.sessions?.({ db, store, vault, clock }) ?? []),
  });
  await app.register(readYourWritesPlugin, { waitForPosition });
  await app.register(openApiPlugin);

  const mail = createMailPort({ db, store, clock });
  const mailReactor = createMailReactor({
    database,
    store,
    clock,
    config,
    reads,
    transport: options.mailTransport ?? createMailTransport(config, db),
    waitForPosition: (position, timeoutMs) => runner.waitForPosition(position, timeoutMs),
    log: app.log,
  });
  await mailReactor.prepare();

  const eraseOutsideLog = async (subjectId: string) => {
    for (const slice of writeSlices) await slice.eraseOutsideLog?.(db, subjectId);
  };
  const exportOutsideLog = async (subjectId: string) => {
    const records: OutsideLogRecords = {};
    for (const slice of writeSlices) {
      const rows = await slice.exportOutsideLog?.(db, subjectId);
      for (const [table, list] of Object.entries(rows ?? {})) {
        if (list.length > 0) records[`${slice.name}.${table}`] = list;
      }
    }
    return records;
  };
  const sliceDeps: SliceDeps = {
    db,
    store,
    vault,
    clock,
    config,
    reads,
    waitForPosition,
    mail,
    eraseOutsideLog,
    exportOutsideLog,
  };
  for (const slice of writeSlices) await app.register(slice.routes(sliceDeps));
  const retentionReactor = createRetentionReactor({
    database,
    store,
    clock,
    config,
    vault,
    eraseOutsideLog,
    findDue: (now, limit, after) => dueSubjects(db, now, limit, after),
    log: app.log,
  });
  await app.register(graphQLPlugin, {
    db,
    clock,
    config,
    campaignLinkKey: vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE),
    complaintPageKey: vault.derivedKey(COMPLAINT_PAGE_KEY_PURPOSE),
  });
  await app.register(resultsExportPlugin, { db });
  await app.register(complaintsExportPlugin, { db, clock });
  await app.register(incidentsExportPlugin, { db, clock });
  await app.register(actionsExportPlugin, { db, clock });
  await app.register(watchExportPlugin, { db, clock });
  const campaignReactor = createCampaignReactor({
    database,
    store,
    clock,
    config,
    mail,
    vault,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
    findDue: (now, limit, after) => campaignsToSweep(db, now, limit, after),
    log: app.log,
  });
  const complaintReactor = createComplaintReactor({
    clock,
    mail,
    sweepMinutes: config.COMPLAINT_SWEEP_MINUTES,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
    findPending: (dueBy) => pendingComplaintSteps(db, dueBy),
    log: app.log,
  });
  const actionReactor = createActionReactor({
    db,
    store,
    clock,
    mail,
    sweepMinutes: config.ACTION_SWEEP_MINUTES,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
    findDue: (dueBy) => dueActions(db, dueBy),
    log: app.log,
  });
  const binderRunner = createBinderRunner({
    db,
    store,
    clock,
    dataDir: config.DATA_DIR,
    keepDays: config.BINDER_KEEP_DAYS,
    concurrency: config.BINDER_CONCURRENCY,
    write: productBinderWriter({ db, vault }),
    source: (request, readiness) =>
      createBinderSource(
        { db, readiness: readinessOf(readiness), documents: binderDocuments({ db, vault }) },
        request,
      ),
    // A binder waits for the read models to reach its position: long when the node has just started.
    waitForPosition: (position) => runner.waitForPosition(position, 5 * 60_000),
    log: app.log,
  });
  await app.register(healthPlugin, { database, runner });
  await app.register(webAppPlugin, { root: webDistDir });

  // Accounts from before the team stream join it (once; later starts find nothing to do).
  await enrolLegacyMembers({ db, store, clock });

  let setupPath: string | undefined;
  if (!(await hasAnyAccount(db))) setupPath = `/setup?token=${await issueSetupToken(db)}`;

  if (options.runProjections !== false) runner.start();
  if (options.runMailReactor ?? options.runProjections !== false) mailReactor.start();
  if (options.runRetentionReactor ?? options.runProjections !== false) retentionReactor.start();
  if (options.runCampaignReactor ?? options.runProjections !== false) campaignReactor.start();
  if (options.runComplaintReactor ?? options.runProjections !== false) complaintReactor.start();
  if (options.runActionReactor ?? options.runProjections !== false) actionReactor.start();
  if (options.runBinderRunner ?? options.runProjections !== false) binderRunner.start();

  return {
    app,
    database,
    store,
    runner,
    mail,
    mailReactor,
    retentionReactor,
    campaignReactor,
    complaintReactor,
    actionReactor,
    binderRunner,
    vault,
    setupPath,
    async close() {
      await app.close();
      await mailReactor.stop();
      await retentionReactor.stop();
      await complaintReactor.stop();
      await actionReactor.stop();
      await binderRunner.stop();
      await campaignReactor.stop();
      await runtime.close();
    },
  };
};
