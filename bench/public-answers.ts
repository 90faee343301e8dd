/**
 * Only the public-answers part of the overload scenario, in rounds, for working on the answer path without a
 * whole `npm run bench`: `npx tsx bench/public-answers.ts`. Each round runs 32 respondents over HTTP, then 32
 * raw single-row INSERTs, for BENCH_CAPACITY_SECONDS each; the figure that a busy machine moves least is the
 * server's CPU time per accepted answer. BENCH_COMPARE_ENTRY=<other checkout>/services/server.ts starts that
 * server too, on its own database, and the rounds alternate between the two (the order flips each round), so a
 * change is measured side by side with what it replaces. Writes `bench/results/public-answers-<time>.json`.
 */
import { loadavg } from 'node:os';
import { createLoadClient } from './load-client';
import {
  answerer,
  benchServerEnv,
  classesAnswering,
  closedLoop,
  openLinks,
  type PhaseResult,
  PUBLIC_ANSWERS_CONCURRENCY,
  prepareDatabase,
  rawInserts,
  readOverloadSettings,
  type Send,
  type ServerProcess,
  settle,
  startServer,
} from './overload';
import { resultStamp, writeResultFile } from './report';
import { createScratchDatabase, type ScratchDatabase } from './server';
import { median } from './stats';

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Contestant {
  name: string;
  entry?: string;
  scratch: ScratchDatabase;
  server: ServerProcess;
  send: Send;
  email: string;
  rounds: { http: PhaseResult; ratio: number }[];
}

const main = async () => {
  const settings = readOverloadSettings();
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
  const serverUrl =
    process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgresql://root@127.0.0.1:5432/test';
  const size = PUBLIC_ANSWERS_CONCURRENCY;
  const entries: { name: string; entry?: string }[] = [{ name: 'this checkout' }];
  if (process.env.BENCH_COMPARE_ENTRY) {
    entries.push({ name: process.env.BENCH_COMPARE_ENTRY, entry: process.env.BENCH_COMPARE_ENTRY });
  }
  const startedAt = new Date();
  const loadBefore = loadavg();
  const contestants: Contestant[] = [];
  const raws: number[] = [];
  try {
    for (const { name, entry } of entries) {
      const scratch = await createScratchDatabase(serverUrl);
      const email = await prepareDatabase(scratch.url);
      const server = await startServer({ ...benchServerEnv(scratch.url), ...settings.serverEnv }, entry);
      const client = createLoadClient(server.port);
      const send = answerer(client, await openLinks(client, email, settings.links), settings.timeoutMs);
      contestants.push({ name, entry, scratch, server, send, email, rounds: [] });
      log(`${name}: warm-up ${settings.warmupSeconds} s`);
      await closedLoop(send, server, size, settings.warmupSeconds);
    }
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...contestants].reverse() : contestants;
      const https = new Map<Contestant, PhaseResult>();
      // Each side settled first, as in the whole bench (overload.ts): the server before has caught up.
      for (const contestant of order) {
        await settle(contestant.server, contestant.scratch.url);
        https.set(
          contestant,
          await closedLoop(contestant.send, contestant.server, size, settings.capacitySeconds),
        );
      }
      for (const contestant of contestants) await settle(contestant.server, contestant.scratch.url);
      const raw = await rawInserts(contestants[0]!.scratch.url, size, settings.capacitySeconds);
      raws.push(raw.perSec);
      for (const contestant of contestants) {
        const http = https.get(contestant)!;
        contestant.rounds.push({ http, ratio: http.acceptedPerSec / raw.perSec });
        log(
          `round ${round + 1}, ${contestant.name}: ${http.acceptedPerSec.toFixed(0)}/s over HTTP, ` +
            `server CPU ${http.serverCpuMsPerAnswer.toFixed(3)} ms per answer; raw ${raw.perSec.toFixed(0)}/s ` +
            `= ${(http.acceptedPerSec / raw.perSec).toFixed(3)}×` +
            (Object.keys(http.failed).length ? ` failed ${JSON.stringify(http.failed)}` : ''),
        );
      }
    }
    const summary = [];
    for (const contestant of contestants) {
      const classClient = createLoadClient(contestant.server.port);
      const classes = await classesAnswering(
        classClient,
        contestant.email,
        5,
        size,
        settings.timeoutMs,
      ).finally(() => classClient.close());
      const line = {
        server: contestant.name,
        medianCpuMsPerAnswer: median(contestant.rounds.map((r) => r.http.serverCpuMsPerAnswer)),
        medianAnswersPerSec: median(contestant.rounds.map((r) => r.http.acceptedPerSec)),
        medianRatio: median(contestant.rounds.map((r) => r.ratio)),
        classes,
        rounds: contestant.rounds.map(({ http, ratio }) => ({
          answersPerSec: http.acceptedPerSec,
          cpuMsPerAnswer: http.serverCpuMsPerAnswer,
          p50: http.acceptedLatencyMs.p50,
          p99: http.acceptedLatencyMs.p99,
          failed: http.failed,
          ratio,
        })),
      };
      summary.push(line);
      process.stdout.write(
        `${contestant.name}: median server CPU ${line.medianCpuMsPerAnswer.toFixed(3)} ms per answer, ` +
          `${line.medianAnswersPerSec.toFixed(0)} answers/s, ${line.medianRatio.toFixed(3)}× raw ` +
          `(median of ${rounds}); classes ${classes.accepted}/${classes.answers} accepted\n`,
      );
    }
    const path = writeResultFile(`public-answers-${resultStamp(startedAt)}.json`, {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
      settings: {
        concurrency: size,
        seconds: settings.capacitySeconds,
        rounds,
        serverEnv: settings.serverEnv,
      },
      rawInsertsPerSec: raws,
      servers: summary,
    });
    process.stdout.write(`Results: ${path}\n`);
  } finally {
    for (const contestant of contestants) {
      await contestant.server.stop();
      await contestant.scratch.drop().catch(() => {});
    }
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
