import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { allProjections } from '../projections/index';
import type { Projection } from '../projections/runner/projection';
import { rebuildProjection } from '../projections/runner/rebuild';
import {
  createProjectionRunner,
  createSharedFeed,
  createSharedSkip,
  ensureProjection,
  runBatch,
  skipOthersEvents,
} from '../projections/runner/runner';
import { execute } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { createPostgresEventStore, type PostgresEventStore } from '../services/eventstore/postgres';
import { type Checkpoint, START } from '../services/eventstore/types';
import { migrations } from '../services/runtime';
import { createTestDatabase, type DatabaseKind, databaseKinds, type TestDatabase } from './support/databases';
import { appendFeedbackHistory, feedSettled } from './support/feedback-fixture';
import { appendTrainingCorrections } from './support/training-history-fixture';

const feedback = allProjections.find((projection) => projection.name === 'feedback')!;
const training = allProjections.find((projection) => projection.name === 'training')!;
const evidence = allProjections.find((projection) => projection.name === 'evidence')!;
const complaints = allProjections.find((projection) => projection.name === 'complaints')!;

/** Every row of a projection's tables, in a stable order. */
const snapshot = async (testDb: TestDatabase, projection: Projection) => {
  const tables: Record<string, unknown[]> = {};
  for (const table of projection.tables) {
    tables[table] = await execute(testDb.database.db, `SELECT * FROM ${table} ORDER BY 1, 2`);
  }
  return tables;
};

/** Applies the first `failAt` events of its batch, then crashes: the batch's writes must all roll back. */
const crashingAt = (projection: Projection, failAt: number): Projection => ({
  ...projection,
  async apply(tx, events) {
    await projection.apply(tx, events.slice(0, failAt));
    throw new Error('simulated crash in the middle of a batch');
  },
});

for (const kind of databaseKinds()) {
  describe(`projection runner on ${kind}`, () => {
    let testDb: TestDatabase | undefined;
    let store: PostgresEventStore;

    const settled = () =>
      feedSettled(store, async () => {
        const rows = await execute<{ hidden: number }>(
          testDb!.database.db,
          `SELECT count(*)::int AS hidden FROM es_events
            WHERE txid >= pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
        );
        return Number(rows[0]?.hidden ?? 0);
      });

    const setUp = async (k: DatabaseKind) => {
      testDb = await createTestDatabase(k);
      await migrate(testDb.database.db, migrations);
      store = createPostgresEventStore(testDb.database);
      return testDb;
    };
    afterEach(async () => {
      await store?.close();
      await testDb?.drop();
      testDb = undefined;
    });

    it('after a crash in the middle of a batch and a restart, the read model equals a clean rebuild', async () => {
      const db = await setUp(kind);
      await appendFeedbackHistory(store, { links: 20, answersPerLink: 14 });
      await settled();
      for (const projection of [feedback, evidence]) await ensureProjection(db.database, store, projection);

      await runBatch(db.database, store, evidence, 100);
      const crashed = await runBatch(db.database, store, crashingAt(evidence, 50), 100).catch(
        (error) => error,
      );
      expect(crashed).toBeInstanceOf(Error);
      const afterCrash = await execute<{ position: number }>(
        db.database.db,
        `SELECT position FROM projection_checkpoints WHERE name = 'evidence'`,
      );
      // Nothing of the failed batch stayed: the checkpoint is where the first batch left it.
      const rowsAfterCrash = await execute(db.database.db, 'SELECT 1 FROM evidence_items');
      expect(rowsAfterCrash).toHaveLength(100);

      const restarted = createProjectionRunner({
        database: db.database,
        store,
        projections: [feedback, evidence],
      });
      await restarted.catchUp();
      const live = await snapshot(db, evidence);
      expect(live.evidence_items).toHaveLength(20 * 15);
      expect(Number(afterCrash[0]!.position)).toBeGreaterThan(0);

      await rebuildProjection(db.database, store, evidence);
      expect(await snapshot(db, evidence)).toEqual(live);
    });

    it('the training read model, built in small batches through every correction, equals a clean rebuild', async () => {
      const db = await setUp(kind);
      await appendTrainingCorrections(store, { actions: 12 });
      await settled();
      await ensureProjection(db.database, store, training);
      // Batches of 7 cut the runs of one event type at many places.
      while ((await runBatch(db.database, store, training, 7)).more);
      const live = await snapshot(db, training);
      expect(live.training_actions).toHaveLength(12);
      expect(live.training_history).toHaveLength(12 * 15);
      const sessions = live.training_sessions as { cancelled: boolean; archived: boolean; site: string }[];
      expect(sessions.filter((row) => row.cancelled)).toHaveLength(12);
      expect(sessions.filter((row) => row.archived)).toHaveLength(12);
      expect(sessions.filter((row) => row.site === 'À distance')).toHaveLength(12);
      const actions = live.training_actions as { title: string; archived: boolean; revision: number }[];
      expect(actions.every((row) => row.title.endsWith('(v2)') && !row.archived)).toBe(true);
      expect(actions.map((row) => Number(row.revision))).toEqual(actions.map(() => 14));
      expect(live.training_counts).toEqual([expect.objectContaining({ actions: 12, sessions: 12 * 3 - 12 })]);
      await rebuildProjection(db.database, store, training);
      expect(await snapshot(db, training)).toEqual(live);
    });

    it("moves past other slices' events without a batch, and leaves its own events to a batch", async () => {
      const db = await setUp(kind);
      await ensureProjection(db.database, store, training);
      const first = await runBatch(db.database, store, training, 100);
      await appendFeedbackHistory(store, { links: 2, answersPerLink: 3 });
      await settled();
      const head = await store.head();

      // Only feedback events went by: the checkpoint moves to the readable end, and nothing else is written.
      expect(await skipOthersEvents(db.database.db, store, training, first.checkpoint)).toEqual({
        applied: 0,
        checkpoint: head,
        moved: true,
        more: false,
      });
      const [row] = await execute<{ txid: string; position: string }>(
        db.database.db,
        `SELECT txid::text AS txid, position FROM projection_checkpoints WHERE name = 'training'`,
      );
      expect({ txid: row!.txid, position: Number(row!.position) }).toEqual(head);
      expect(await skipOthersEvents(db.database.db, store, training, head)).toEqual({
        applied: 0,
        checkpoint: head,
        moved: false,
        more: false,
      });
      // A checkpoint that moved meanwhile (another batch, a rebuild) is left alone: the caller runs a batch.
      expect(await skipOthersEvents(db.database.db, store, training, first.checkpoint)).toBeUndefined();
      // Events of its own types are applied by a batch, never skipped.
      await appendTrainingCorrections(store, { actions: 1 });
      await settled();
      expect(await skipOthersEvents(db.database.db, store, training, head)).toBeUndefined();
      expect((await runBatch(db.database, store, training, 100)).applied).toBeGreaterThan(0);
      expect(await execute(db.database.db, 'SELECT 1 FROM training_actions')).toHaveLength(1);
    });

    it("moves several projections past other slices' events in one shared look, and leaves each its own events", async () => {
      const db = await setUp(kind);
      const shared = createSharedSkip(db.database.db, store);
      await ensureProjection(db.database, store, training);
      await ensureProjection(db.database, store, complaints);
      const start = (await runBatch(db.database, store, training, 100)).checkpoint;
      await runBatch(db.database, store, complaints, 100);
      await appendFeedbackHistory(store, { links: 2, answersPerLink: 3 });
      await settled();
      const head = await store.head();

      const moved = { applied: 0, checkpoint: head, moved: true, more: false };
      expect(await Promise.all([shared.skip(training, start), shared.skip(complaints, start)])).toEqual([
        moved,
        moved,
      ]);
      expect(
        await execute(
          db.database.db,
          'SELECT name FROM projection_checkpoints WHERE position = $1 ORDER BY name',
          [head.position],
        ),
      ).toEqual([{ name: 'complaints' }, { name: 'training' }]);

      // Training events arrive: training is left to a batch, the complaints move past them.
      await appendTrainingCorrections(store, { actions: 1 });
      await settled();
      const next = await store.head();
      expect(await Promise.all([shared.skip(training, head), shared.skip(complaints, head)])).toEqual([
        undefined,
        { applied: 0, checkpoint: next, moved: true, more: false },
      ]);
      expect((await runBatch(db.database, store, training, 100)).applied).toBeGreaterThan(0);
    });

    it('shares one read of the feed among projections at different checkpoints, each as its own read would be', async () => {
      const db = await setUp(kind);
      for (const projection of [feedback, evidence, training])
        await ensureProjection(db.database, store, projection);
      await appendFeedbackHistory(store, { links: 3, answersPerLink: 4 });
      await settled();
      // The feedback projection is one batch ahead of the others.
      const feedbackAt = (await runBatch(db.database, store, feedback, 1000)).checkpoint;
      await appendTrainingCorrections(store, { actions: 1 });
      await appendFeedbackHistory(store, { links: 2, answersPerLink: 3 });
      await settled();

      const reads: [Projection, Checkpoint][] = [
        [feedback, feedbackAt],
        [evidence, START],
        [training, START],
      ];
      const alone = await Promise.all(
        reads.map(([projection, after]) =>
          store.readFeedOfTypesIn(db.database.db, after, 1000, projection.handles),
        ),
      );
      const wide = createSharedFeed(db.database.db, store, 1000);
      expect(
        await Promise.all(reads.map(([projection, after]) => wide.read(after, projection.handles))),
      ).toEqual(alone);
      // In small batches (other types count towards the limit), read round after round, the same events and end.
      const narrow = createSharedFeed(db.database.db, store, 5);
      const rounds = reads.map(([, after]) => ({ after, events: [] as unknown[], more: true }));
      while (rounds.some((round) => round.more)) {
        await Promise.all(
          rounds.map(async (round, index) => {
            if (!round.more) return;
            const batch = await narrow.read(round.after, reads[index]![0].handles);
            round.events.push(...batch.events);
            round.after = batch.checkpoint;
            round.more = batch.more;
          }),
        );
      }
      expect(rounds.map(({ after, events }) => ({ events, checkpoint: after }))).toEqual(
        alone.map(({ events, checkpoint }) => ({ events, checkpoint })),
      );

      // Applied from the shared read, each read model equals a clean rebuild.
      const feed = createSharedFeed(db.database.db, store, 1000);
      const batches = await Promise.all(
        reads.map(([projection, after]) => feed.read(after, projection.handles)),
      );
      // Each has events of its own to apply.
      expect(batches.map((batch) => batch.events.length > 0)).toEqual([true, true, true]);
      const applied = [];
      for (const [index, [projection, after]] of reads.entries()) {
        const batch = await runBatch(db.database, store, projection, 1000, { after, batch: batches[index]! });
        expect(batch.applied).toBe(batches[index]!.events.length);
        applied.push(await snapshot(db, projection));
      }
      for (const [index, [projection]] of reads.entries()) {
        await rebuildProjection(db.database, store, projection);
        expect(await snapshot(db, projection)).toEqual(applied[index]);
      }
    });

    it('applies at once what a request waits for, even while gathering a large batch', async () => {
      const db = await setUp(kind);
      // Gathers a minute between batches unless someone waits.
      const runner = createProjectionRunner({
        database: db.database,
        store,
        projections: [feedback],
        gatherMs: 60_000,
        maxGatherMs: 60_000,
      });
      await runner.prepare();
      runner.start();
      try {
        for (let round = 0; round < 2; round++) {
          await appendFeedbackHistory(store, { links: 1, answersPerLink: 2 });
          expect(await runner.waitForPosition(await store.lastPosition(), 20_000)).toBe(true);
        }
      } finally {
        await runner.stop();
      }
    });

    it('rebuilds into fresh tables and swaps them in while appends go on', async () => {
      const db = await setUp(kind);
      await appendFeedbackHistory(store, { links: 10, answersPerLink: 9 });
      const runner = createProjectionRunner({ database: db.database, store, projections: [feedback] });
      await runner.prepare();
      runner.start();
      const appending = appendFeedbackHistory(store, { links: 10, answersPerLink: 9 });
      const progress: number[] = [];
      await rebuildProjection(db.database, store, feedback, {
        batchSize: 25,
        onProgress: (step) => progress.push(step.applied),
      });
      await appending;
      await settled();
      expect(
        await runner.waitForPosition(
          Number(
            (await execute<{ p: number }>(db.database.db, 'SELECT max(position) AS p FROM es_events'))[0]!.p,
          ),
          5000,
        ),
      ).toBe(true);
      await runner.stop();
      const responses = await execute(db.database.db, 'SELECT id FROM feedback_responses');
      expect(responses).toHaveLength(20 * 9);
      expect(progress.length).toBeGreaterThan(0);
      const schemas = await execute(
        db.database.db,
        `SELECT 1 FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`,
      );
      expect(schemas).toHaveLength(0);
    });

    it('rebuilds a projection whose version changed when the runner prepares', async () => {
      const db = await setUp(kind);
      await appendFeedbackHistory(store, { links: 3, answersPerLink: 4 });
      await settled();
      const first = createProjectionRunner({ database: db.database, store, projections: [feedback] });
      await first.prepare();
      await first.catchUp();
      await execute(db.database.db, 'DELETE FROM feedback_responses');
      const bumped = { ...feedback, version: feedback.version + 1 };
      await createProjectionRunner({ database: db.database, store, projections: [bumped] }).prepare();
      expect(await execute(db.database.db, 'SELECT 1 FROM feedback_responses')).toHaveLength(12);
      const [row] = await execute<{ version: number }>(
        db.database.db,
        `SELECT version FROM projection_checkpoints WHERE name = 'feedback'`,
      );
      expect(row!.version).toBe(feedback.version + 1);
    });

    it.skipIf(kind !== 'postgres')(
      'after kill -9 of a projection process mid-batch and a restart, the read model equals a clean rebuild',
      async () => {
        const db = await setUp(kind);
        await appendFeedbackHistory(store, { links: 40, answersPerLink: 19 });
        await settled();
        for (const projection of [feedback, evidence]) await ensureProjection(db.database, store, projection);
        const worker = spawn(
          process.execPath,
          ['--import', 'tsx', 'test/support/slow-projection-worker.ts'],
          {
            env: { ...process.env, WORKER_DATABASE_URL: db.url },
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        // Kill it once it has committed some batches and is inside another one.
        await new Promise<void>((resolve, reject) => {
          let out = '';
          worker.stdout.on('data', (chunk) => {
            out += String(chunk);
            if ((out.match(/batch committed/g) ?? []).length >= 3 && out.includes('inside batch')) resolve();
          });
          worker.on('exit', (code) => reject(new Error(`worker exited early (${code}): ${out}`)));
        });
        worker.kill('SIGKILL');
        await new Promise((resolve) => worker.once('exit', resolve));
        const partial = await execute(db.database.db, 'SELECT 1 FROM evidence_items');
        expect(partial.length).toBeGreaterThan(0);
        expect(partial.length).toBeLessThan(40 * 20);

        const restarted = createProjectionRunner({
          database: db.database,
          store,
          projections: [feedback, evidence],
        });
        await restarted.catchUp();
        const live = { feedback: await snapshot(db, feedback), evidence: await snapshot(db, evidence) };
        expect(live.evidence.evidence_items).toHaveLength(40 * 20);
        await rebuildProjection(db.database, store, feedback);
        await rebuildProjection(db.database, store, evidence);
        expect({ feedback: await snapshot(db, feedback), evidence: await snapshot(db, evidence) }).toEqual(
          live,
        );
      },
    );
  });
}
