import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createOrganisationWithAdmin } from '../services/access/accounts';
import { buildApp } from '../services/app';
import { loadConfig } from '../services/config';
import type { NewEvent } from '../services/eventstore/types';
import { newId } from '../services/kernel/ids';
import { trainingActionStream } from '../services/training/events';
import { type BinderBenchResult, binderTable, measureBinder } from './binder';
import { feedbackSubmitted, linkOpened, metadataFor, newLink, sessionContext } from './fixtures';
import { percentile } from './stats';

/** The reads the dashboard and the action page make, at scale, each with its p95 target. */
const READS = {
  'dashboard figures': '{ dashboard { trainingActionCount sessionCount feedbackCount averageRating } }',
  'evidence summary': '{ evidenceSummary { indicator count lastAt } }',
  'timeline page + totalCount':
    '{ evidenceTimeline(indicator: 30, first: 20, newestFirst: true) { totalCount edges { node { title } } } }',
  "an action's sessions with their counts":
    'query ($id: ID!) { trainingAction(id: $id) { sessions { feedbackCount averageRating feedbackLinks { responseCount } } } }',
} as const;
const BASELINE = '{ __typename }';
export const READ_P95_TARGET_MS = 30;

export interface ReadResult {
  read: string;
  p50: number;
  p95: number;
  /** The same HTTP + GraphQL path answering `{ __typename }`: what any read costs before touching data. */
  baselineP95: number;
  target: number;
  met: boolean;
}

export interface ReadsSuiteResult {
  events: number;
  catchUpMs: number;
  reads: ReadResult[];
  binder?: BinderBenchResult;
}

const SESSIONS_PER_ACTION = 20;

/**
 * Seeds `events` events in ONE organisation (actions, sessions, a link per session and its answers), lets the
 * projections catch up, then times the dashboard's and the action page's GraphQL reads through the app.
 */
export const runReadsSuite = async (options: {
  databaseUrl: string;
  events: number;
  samples: number;
  /** Also write an audit binder of the seeded organisation (default true). */
  binder?: boolean;
  log(message: string): void;
}): Promise<ReadsSuiteResult> => {
  const { log } = options;
  // No GraphQL rate limit and no load shedding: the bench times reads, not the guards.
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'silent',
    PERSONAL_DATA_KEY: process.env.PERSONAL_DATA_KEY ?? randomBytes(32).toString('base64'),
    GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000',
    SHED_EVENT_LOOP_DELAY_MS: '0',
    DATA_DIR: await mkdtemp(join(tmpdir(), 'bench-reads-')),
  });
  const context = await buildApp({ config, logger: false, runProjections: false });
  try {
    const clock = { now: () => new Date() };
    const email = `reads.${newId()}@example.fr`;
    const password = 'a long enough password';
    const { organisationId } = await createOrganisationWithAdmin(
      { db: context.database.db, store: context.store, clock },
      { organisationName: 'Organisme à grande échelle', name: 'Admin', email, password },
    );

    const answersPerSession = 100;
    const sessions = Math.max(1, Math.round(options.events / (answersPerSession + 2)));
    log(`  seeding ${options.events} events in one organisation (${sessions} sessions)…`);
    const actionIds: string[] = [];
    const streams: { streamId: string; events: NewEvent[] }[] = [];
    for (let index = 0; index < sessions; index++) {
      const session = sessionContext(index);
      if (index % SESSIONS_PER_ACTION === 0) actionIds.push(newId());
      const trainingActionId = actionIds.at(-1)!;
      const actionStream = streams.find(
        (stream) => stream.streamId === trainingActionStream(trainingActionId),
      );
      const scheduled: NewEvent = {
        id: newId(),
        type: 'SessionScheduled',
        data: {
          sessionId: session.sessionId,
          trainingActionId,
          title: session.sessionTitle,
          startsOn: session.startsOn,
          endsOn: session.endsOn,
          site: session.site,
        },
        metadata: metadataFor(organisationId, { type: 'user', id: newId() }),
      };
      if (actionStream) actionStream.events.push(scheduled);
      else {
        const created: NewEvent = {
          id: newId(),
          type: 'TrainingActionCreated',
          data: { trainingActionId, title: session.trainingTitle, category: 'training', certifying: false },
          metadata: metadataFor(organisationId, { type: 'user', id: newId() }),
        };
        streams.push({ streamId: trainingActionStream(trainingActionId), events: [created, scheduled] });
      }
      const link = newLink(organisationId, { ...session, trainingActionId }, 'learner');
      // Answers in the link's stream, as the first version recorded them: the fastest way to seed, same reads.
      const answers = Array.from({ length: answersPerSession }, (_, answer) =>
        feedbackSubmitted(link, answer),
      );
      streams.push({ streamId: link.streamId, events: [linkOpened(link), ...answers] });
    }
    let next = 0;
    const writer = async () => {
      for (let index = next++; index < streams.length; index = next++) {
        const { streamId, events } = streams[index]!;
        await context.store.append(streamId, events, { expectedRevision: 'no_stream' });
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    const total = streams.reduce((sum, stream) => sum + stream.events.length, 0);

    const started = performance.now();
    await context.runner.catchUp();
    const catchUpMs = performance.now() - started;
    // What autovacuum does after a bulk load: without statistics the planner may scan instead of using an index.
    await sql`ANALYZE`.execute(context.database.db);
    log(`  ${total} events seeded; projections caught up in ${(catchUpMs / 1000).toFixed(1)} s`);

    const login = await context.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    const cookie = `sid=${login.cookies.find((candidate) => candidate.name === 'sid')!.value}`;
    const time = async (query: string, variables: Record<string, unknown> = {}) => {
      const latencies: number[] = [];
      for (let sample = 0; sample < options.samples; sample++) {
        const t0 = performance.now();
        const response = await context.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { cookie, 'content-type': 'application/json' },
          payload: { query, variables },
        });
        latencies.push(performance.now() - t0);
        if (response.statusCode !== 200 || response.json().errors)
          throw new Error(`read failed: ${response.body}`);
      }
      return latencies.sort((a, b) => a - b);
    };

    const reads: ReadResult[] = [];
    for (const [read, query] of Object.entries(READS)) {
      const baseline = await time(BASELINE);
      const latencies = await time(query, { id: actionIds[0] });
      const p95 = percentile(latencies, 95);
      reads.push({
        read,
        p50: percentile(latencies, 50),
        p95,
        baselineP95: percentile(baseline, 95),
        target: READ_P95_TARGET_MS,
        met: p95 <= READ_P95_TARGET_MS,
      });
    }
    const binder =
      options.binder === false ? undefined : await measureBinder(context, cookie, organisationId);
    return { events: total, catchUpMs, reads, binder };
  } finally {
    await context.close();
    await rm(config.DATA_DIR, { recursive: true, force: true });
  }
};

export const readsTable = (result: ReadsSuiteResult): string => {
  const rows = result.reads.map(
    (read) =>
      `${read.read.padEnd(40)}  ${read.p50.toFixed(1).padStart(8)}  ${read.p95.toFixed(1).padStart(8)}  ${read.baselineP95.toFixed(1).padStart(13)}  ${`≤ ${read.target}`.padStart(6)}  ${read.met ? 'met' : 'NOT MET'}`,
  );
  return [
    `Reads at scale — ${result.events} events in one organisation (projections caught up in ${(result.catchUpMs / 1000).toFixed(1)} s); GraphQL through the app, ms`,
    `${'read'.padEnd(40)}  ${'p50'.padStart(8)}  ${'p95'.padStart(8)}  ${'baseline p95'.padStart(13)}  ${'target'.padStart(6)}`,
    ...rows,
    ...(result.binder ? ['', binderTable(result.binder)] : []),
  ].join('\n');
};
