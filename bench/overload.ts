import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createOrganisationWithAdmin } from '../services/access/accounts';
import { loadConfig } from '../services/config';
import { openRuntime } from '../services/runtime';
import { createLoadClient, type LoadAnswer } from './load-client';
import { machineCpu, processCpuMs } from './proc';
import { checkpoint } from './server';
import { alternatingRounds, type LatencySummary, summarise } from './stats';

/**
 * Overload: the whole application over HTTP, in its own process as in production, on a fresh PostgreSQL
 * database. First its capacity for public answers (a closed loop), then twice that rate offered as an open
 * loop (arrivals do not wait for answers, as a class does not wait for the server) for a while.
 */
export interface OverloadSettings {
  /** Seconds of warm-up of each server process before anything is measured. */
  warmupSeconds: number;
  /** Seconds of each step of the capacity measurement. */
  capacitySeconds: number;
  /** Requests in flight in each step of the capacity measurement; the best step is the capacity. */
  capacityConcurrency: readonly number[];
  /** Seconds of the overload phase. */
  overloadSeconds: number;
  /** Offered rate in the overload phase, as a multiple of the measured capacity. */
  overloadFactor: number;
  /** A client gives up on an answer after this long (what a browser's fetch with a timeout would do). */
  timeoutMs: number;
  /** Feedback links the answers are spread over: a link takes at most 500 answers, a whole run many more. */
  links: number;
  /** Rounds of public answers against raw INSERTs (their order alternating); the ratio is their median. */
  publicAnswersRounds: number;
  /** Settings given to the server process (load shedding, pool) on top of the bench's own. */
  serverEnv: Record<string, string>;
  /** Also run the overload phase with load shedding off, to show what it prevents. */
  baseline: boolean;
}

// The seeding runtime and the servers it starts share one key-encryption key (PostgreSQL requires one).
process.env.PERSONAL_DATA_KEY ??= randomBytes(32).toString('base64');

const numberFrom = (name: string, fallback: number, min: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
};

/** The server's own settings a run may override from the bench's environment. */
const PASSED_SETTINGS = [
  'DATABASE_POOL_SIZE',
  'LISTEN_BACKLOG',
  'DATABASE_CONNECTION_TIMEOUT_MS',
  'DATABASE_IDLE_TIMEOUT_MS',
  'SHED_EVENT_LOOP_DELAY_MS',
  'SHED_HEAP_USED_MB',
  'SHED_POOL_WAITING',
  'LOG_LEVEL',
  'APPEND_BATCH_MAX',
];

export const readOverloadSettings = (): OverloadSettings => ({
  warmupSeconds: numberFrom('BENCH_OVERLOAD_WARMUP_SECONDS', 5, 0),
  capacitySeconds: numberFrom('BENCH_CAPACITY_SECONDS', 5, 1),
  capacityConcurrency: (process.env.BENCH_CAPACITY_CONCURRENCY ?? '8,16,32,64')
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((value) => Number.isInteger(value) && value > 0),
  overloadSeconds: numberFrom('BENCH_OVERLOAD_SECONDS', 30, 1),
  overloadFactor: numberFrom('BENCH_OVERLOAD_FACTOR', 2, 0.1),
  timeoutMs: numberFrom('BENCH_TIMEOUT_MS', 10_000, 100),
  links: Math.round(numberFrom('BENCH_LINKS', 500, 1)),
  publicAnswersRounds: Math.round(numberFrom('BENCH_PUBLIC_ANSWERS_ROUNDS', 3, 1)),
  serverEnv: Object.fromEntries(
    PASSED_SETTINGS.flatMap((name) => {
      const value = process.env[`BENCH_SERVER_${name}`];
      return value === undefined ? [] : [[name, value]];
    }),
  ),
  baseline: ['1', 'true', 'yes'].includes((process.env.BENCH_OVERLOAD_BASELINE ?? '').toLowerCase()),
});

/** Shedding off: the behaviour before it existed (an unbounded wait for a connection included). */
const NO_SHEDDING = {
  SHED_EVENT_LOOP_DELAY_MS: '0',
  SHED_HEAP_USED_MB: '0',
  SHED_POOL_WAITING: '0',
  DATABASE_CONNECTION_TIMEOUT_MS: '60000',
};

/** What a phase keeps of each answer (the load client's, without its body and headers). */
type Answer = Pick<LoadAnswer, 'status' | 'ms' | 'code'>;

export type Client = ReturnType<typeof createLoadClient>;
export type Send = ReturnType<typeof answerer>;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

const serverEntry = fileURLToPath(new URL('../services/server.ts', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Resident memory of the server process now (MiB), from /proc; NaN where /proc is missing. */
  rssMiB(): number;
  /** CPU time the server process has used so far (user + system, ms), from /proc; NaN where /proc is missing. */
  cpuMs(): number;
  /** The last lines it wrote (to explain a failure). */
  tail(): string;
  /** The signals its load-shedding warnings named (one warning per 10 s at most), counted. */
  shedSignals(): Record<string, number>;
  stop(): Promise<void>;
}

/** Starts `services/server.ts` as production does (its own process, tsx) and waits for /health. */
export const startServer = async (
  env: Record<string, string>,
  entry: string = serverEntry,
): Promise<ServerProcess> => {
  const port = await freePort();
  // BENCH_SERVER_CPU_PROFILE=<dir>: each server process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_SERVER_CPU_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const signals: Record<string, number> = {};
  const keep = (chunk: Buffer) => {
    const fresh = chunk.toString('utf8').split('\n').filter(Boolean);
    for (const line of fresh) {
      if (!line.includes('shedding load')) continue;
      try {
        const { signal } = JSON.parse(line) as { signal?: string };
        if (signal) signals[signal] = (signals[signal] ?? 0) + 1;
      } catch {
        // Not a JSON log line.
      }
    }
    lines.push(...fresh);
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ServerProcess = {
    child,
    port,
    rssMiB() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return kib / 1024;
      } catch {
        return Number.NaN;
      }
    },
    cpuMs: () => processCpuMs(child.pid),
    tail: () => lines.join('\n'),
    shedSignals: () => ({ ...signals }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
  const client = createLoadClient(port);
  try {
    for (const deadline = Date.now() + 60_000; ; ) {
      if (child.exitCode !== null) throw new Error(`the server exited at start:\n${server.tail()}`);
      const health = await client.send('GET', '/health', { timeoutMs: 2000 });
      if (health.status === 200) return server;
      if (Date.now() > deadline) throw new Error(`the server never became healthy:\n${server.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    client.close();
  }
};

/**
 * Waits until the server's projections have applied everything (its /health shows no lag; 60 s at most), then
 * flushes dirty pages: what one measured side left behind (read models catching up on its answers, pages to
 * write) then does not weigh on the next one.
 */
export const settle = async (server: ServerProcess, databaseUrl: string): Promise<void> => {
  const client = createLoadClient(server.port);
  try {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const health = await client.send('GET', '/health', { timeoutMs: 5000 });
      if (health.status === 200) {
        const { projections } = JSON.parse(health.body) as { projections: { lag: number }[] };
        if (projections.every((projection) => projection.lag === 0)) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.close();
  }
  await checkpoint(databaseUrl);
};

const PASSWORD = 'benchmark password, long enough';

/** Migrates the database and creates the organisation whose admin opens the links. */
export const prepareDatabase = async (databaseUrl: string): Promise<string> => {
  const runtime = await openRuntime(
    loadConfig({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      PERSONAL_DATA_KEY: process.env.PERSONAL_DATA_KEY,
    }),
  );
  try {
    const email = 'direction@bench.example.fr';
    await createOrganisationWithAdmin(
      { db: runtime.database.db, store: runtime.store, clock: { now: () => new Date() } },
      { organisationName: 'Organisme de banc d’essai', name: 'Direction', email, password: PASSWORD },
    );
    return email;
  } finally {
    await runtime.close();
    await runtime.database.close();
  }
};

/** Signs in, opens a training action, a session and `links` public feedback links: answers the tokens. */
export const openLinks = async (client: Client, email: string, links: number): Promise<string[]> => {
  const expectStatus = (answer: { status: number; body: string }, status: number, what: string) => {
    if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${answer.body}`);
  };
  const login = await client.send('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expectStatus(login, 200, 'sign-in');
  const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((value) => value.split(';')[0]).join('; ');
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    client.send('POST', path, { body, headers: { cookie, ...headers } });
  const action = await post('/api/training-actions', {
    title: 'Gestion de projet agile',
    category: 'training',
  });
  expectStatus(action, 201, 'training action');
  const session = await post(`/api/training-actions/${JSON.parse(action.body).id}/sessions`, {
    title: 'Session de printemps',
    startsOn: '2026-03-02',
    endsOn: '2026-03-06',
    site: 'Lyon',
  });
  expectStatus(session, 201, 'session');
  const { id: sessionId, position } = JSON.parse(session.body) as { id: string; position: number };
  const tokens: string[] = [];
  for (let i = 0; i < links; i++) {
    const link = await post(
      `/api/sessions/${sessionId}/feedback-links`,
      { audience: 'learner' },
      { 'x-min-position': String(position) },
    );
    expectStatus(link, 201, 'feedback link');
    tokens.push((JSON.parse(link.body) as { token: string }).token);
  }
  return tokens;
};

const COMMENTS = ['Formatrice claire, exercices concrets.', '', 'Salle trop petite.', 'Je recommande.'];

/**
 * Signs in and prepares one campaign of the "à chaud" questionnaire with one shared link (a room's QR code):
 * answers its public path.
 */
const openSurveyLink = async (client: Client, email: string): Promise<string> => {
  const login = await client.send('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  const cookie = ([] as string[])
    .concat(login.headers['set-cookie'] ?? [])
    .map((value) => value.split(';')[0])
    .join('; ');
  let position = '0';
  const post = async (path: string, body: unknown) => {
    const answer = await client.send('POST', path, {
      body,
      headers: { cookie, 'x-min-position': position },
    });
    if (answer.status !== 201 && answer.status !== 200) {
      throw new Error(`${path}: HTTP ${answer.status} ${answer.body}`);
    }
    const parsed = JSON.parse(answer.body) as { id: string; position: number; url?: string };
    position = String(parsed.position);
    return parsed;
  };
  const action = await post('/api/training-actions', { title: 'Bureautique', category: 'training' });
  const session = await post(`/api/training-actions/${action.id}/sessions`, {
    title: 'Session d’hiver',
    startsOn: '2026-11-02',
    endsOn: '2026-11-06',
    site: 'Lyon',
  });
  const questionnaire = await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' });
  const campaign = await post('/api/campaigns', {
    questionnaireId: questionnaire.id,
    audience: 'learner',
    target: { sessionId: session.id },
    send: { anchor: 'session_end', offsetDays: 0 },
    openDays: 180,
  });
  const link = await post(`/api/campaigns/${campaign.id}/shared-links`, { label: 'Salle 1' });
  const path = `/api/public/answers/${link.url!.split('/').at(-1)}`;
  // The public form reads the link from the read model: measure once it is there.
  for (const deadline = Date.now() + 30_000; ; ) {
    const form = await client.send('GET', path, { headers: { 'x-min-position': position } });
    if (form.status === 200) return path;
    if (Date.now() > deadline)
      throw new Error(`the survey link never opened: HTTP ${form.status} ${form.body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** One respondent's answers to the "à chaud" questionnaire, varied by n. */
const surveyAnswers = (n: number) => ({
  overall: 1 + (n % 5),
  objectives: 1 + ((n + 1) % 5),
  content_fit: 1 + ((n + 2) % 5),
  trainer: 1 + ((n + 3) % 5),
  organisation: 1 + ((n + 4) % 5),
  pace: ['too_slow', 'right', 'too_fast'][n % 3],
  skills: 1 + (n % 5),
  recommend: n % 11,
  ...(COMMENTS[n % COMMENTS.length] ? { liked: COMMENTS[n % COMMENTS.length] } : {}),
});

/** Sends one public answer to the n-th link, as the form page does. */
export const answerer = (client: Client, tokens: readonly string[], timeoutMs: number) => {
  let counter = 0;
  return (dueAt?: number) => {
    const n = counter++;
    return client.send('POST', `/api/public/feedback/${tokens[n % tokens.length]}`, {
      body: { submissionId: randomUUID(), rating: 1 + (n % 5), comment: COMMENTS[n % COMMENTS.length] },
      timeoutMs,
      dueAt,
    });
  };
};

export interface PhaseResult {
  seconds: number;
  /** Respondents in flight (closed loop only). */
  concurrency?: number;
  sent: number;
  accepted: number;
  acceptedPerSec: number;
  /** 503 answers, by code (`overloaded`, `database_unavailable`). */
  shed: Record<string, number>;
  shedCount: number;
  /** Anything else: other statuses, client timeouts, network errors, by status or code. */
  failed: Record<string, number>;
  acceptedLatencyMs: LatencySummary;
  shedLatencyMs: LatencySummary;
  /** Accepted answers received in each second of the phase: a steady line, or a collapse. */
  acceptedPerSecond: number[];
  /** Accepted answers received after the phase's last second (a late tail; not in `acceptedPerSec`). */
  acceptedLate: number;
  rssMiB: { start: number; max: number; end: number };
  /** CPU time of the server process (user + system) per accepted answer during the phase (ms). */
  serverCpuMsPerAnswer: number;
  /** The server's CPU time during the phase ÷ its length: the cores it kept busy. */
  serverCpuShare: number;
  /** CPU time of the load generator (this process) per request sent during the phase (ms). */
  clientCpuMsPerRequest: number;
  /** The load generator's CPU time during the phase ÷ its length: the cores it kept busy. */
  clientCpuShare: number;
  /** The share of the machine's CPU time (all cores) that was busy during the phase, whoever used it. */
  machineBusy: number;
}

const tally = (
  answers: readonly (Answer & { at: number })[],
  seconds: number,
  { cpuMs, clientCpuMs, machineBusy, ...rss }: ReturnType<ReturnType<typeof watchPhase>>,
): PhaseResult => {
  const accepted = answers.filter((answer) => answer.status === 201);
  const shed: Record<string, number> = {};
  const failed: Record<string, number> = {};
  for (const answer of answers) {
    if (answer.status === 201) continue;
    if (answer.status === 503) shed[answer.code ?? 'unknown'] = (shed[answer.code ?? 'unknown'] ?? 0) + 1;
    else {
      const key =
        answer.status === 0 ? (answer.code ?? 'error') : `${answer.status} ${answer.code ?? ''}`.trim();
      failed[key] = (failed[key] ?? 0) + 1;
    }
  }
  // By the moment each answer came back: the server's goodput as its clients saw it, second by second.
  const perSecond = Array.from({ length: Math.ceil(seconds) }, () => 0);
  let inTime = 0;
  for (const answer of accepted) {
    if (answer.at >= seconds * 1000) continue;
    inTime++;
    perSecond[Math.floor(answer.at / 1000)]! += 1;
  }
  return {
    seconds,
    sent: answers.length,
    accepted: accepted.length,
    acceptedPerSec: inTime / seconds,
    acceptedLate: accepted.length - inTime,
    shed,
    shedCount: Object.values(shed).reduce((sum, count) => sum + count, 0),
    failed,
    acceptedLatencyMs: summarise(accepted.map((answer) => answer.ms)),
    shedLatencyMs: summarise(answers.filter((answer) => answer.status === 503).map((answer) => answer.ms)),
    acceptedPerSecond: perSecond,
    rssMiB: rss,
    serverCpuMsPerAnswer: cpuMs / Math.max(1, accepted.length),
    serverCpuShare: cpuMs / (seconds * 1000),
    clientCpuMsPerRequest: clientCpuMs / Math.max(1, answers.length),
    clientCpuShare: clientCpuMs / (seconds * 1000),
    machineBusy,
  };
};

/**
 * Watches the server's resident memory once a second, the CPU time it uses meanwhile, and what the load generator
 * (this process) and the whole machine use: on a shared two-core machine the generator's own CPU is taken from
 * the server and the database.
 */
const watchPhase = (server: ServerProcess) => {
  const cpuAtStart = server.cpuMs();
  const clientAtStart = process.cpuUsage();
  const machineAtStart = machineCpu();
  const start = server.rssMiB();
  let max = start;
  const timer = setInterval(() => {
    max = Math.max(max, server.rssMiB());
  }, 1000);
  return () => {
    clearInterval(timer);
    const end = server.rssMiB();
    const client = process.cpuUsage(clientAtStart);
    const machine = machineCpu();
    return {
      start,
      max: Math.max(max, end),
      end,
      cpuMs: server.cpuMs() - cpuAtStart,
      clientCpuMs: (client.user + client.system) / 1000,
      machineBusy: (machine.busy - machineAtStart.busy) / (machine.total - machineAtStart.total),
    };
  };
};

/** A closed loop: `concurrency` respondents, each sending the next answer when the last one came back. */
export const closedLoop = async (
  send: Send,
  server: ServerProcess,
  concurrency: number,
  seconds: number,
): Promise<PhaseResult> => {
  const answers: (Answer & { at: number })[] = [];
  const stopWatching = watchPhase(server);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const answer = await send();
        answers.push({ ...answer, at: performance.now() - started });
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return tally(answers, elapsed, stopWatching());
};

/**
 * An open loop: answers leave on a fixed schedule whatever happens to the earlier ones, and each latency counts
 * from the moment its answer was due, so a client held up by the server is not hidden (no coordinated omission).
 */
const openLoop = async (
  send: Send,
  server: ServerProcess,
  ratePerSec: number,
  seconds: number,
): Promise<PhaseResult> => {
  const answers: (Answer & { at: number })[] = [];
  const pending: Promise<void>[] = [];
  const stopWatching = watchPhase(server);
  const started = performance.now();
  const total = Math.floor(ratePerSec * seconds);
  const interval = 1000 / ratePerSec;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * interval <= now) {
        const dueAt = started + next * interval;
        next++;
        pending.push(
          send(dueAt).then((answer) => {
            answers.push({ ...answer, at: performance.now() - started });
          }),
        );
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(1, Math.min(5, started + next * interval - now)));
    };
    tick();
  });
  await Promise.all(pending);
  return tally(answers, seconds, stopWatching());
};

/** Answers to one shared survey link (a room) over HTTP, beside raw single-row INSERTs with as many in flight. */
export interface SharedLinkAnswersResult {
  respondents: number;
  http: PhaseResult;
  raw: { inserts: number; perSec: number; latencyMs: LatencySummary };
  ratio: number;
}

export interface OverloadResult {
  settings: Omit<OverloadSettings, 'serverEnv'> & { serverEnv: Record<string, string> };
  capacity: PhaseResult;
  offeredPerSec: number;
  overload: PhaseResult;
  /** Accepted answers per second received during the overload ÷ capacity (goal ≥ 0.8). */
  ratio: number;
  /** Which signals the server's shedding warnings named (one warning per 10 s at most). */
  shedSignals: Record<string, number>;
  baseline: { overload: PhaseResult; ratio: number } | null;
  publicAnswers: PublicAnswersResult;
  /** A campaign's shared link answered by 1, then 60 respondents at once. */
  sharedLink: SharedLinkAnswersResult[];
}

export const OVERLOAD_RATIO_TARGET = 0.8;
/** Public answers over HTTP ÷ raw single-row INSERTs, both with this many in flight. */
export const PUBLIC_ANSWERS_CONCURRENCY = 32;
export const PUBLIC_ANSWERS_RATIO_TARGET = 0.3;
/** Respondents answering one shared survey link at once: one person, then a class of 60 behind one address. */
export const SHARED_LINK_RESPONDENTS = [1, 60] as const;

/** The raw baseline of one run: single-row INSERTs of an answer-sized row, a connection per respondent. */
export type RawInserts = Awaited<ReturnType<typeof rawInserts>>;

/** One round of public answers against raw INSERTs: the two sides one after the other, in the round's order. */
export interface PublicAnswersRound {
  http: PhaseResult;
  raw: RawInserts;
  /** Whether the raw INSERTs ran first this round. */
  rawFirst: boolean;
  ratio: number;
}

export interface PublicAnswersResult {
  concurrency: number;
  /**
   * Each round: public answers over HTTP, a closed loop with `concurrency` respondents spread over the links, and
   * single-row INSERTs of an answer-sized row through node-postgres with as many connections, one after the other
   * in an order that alternates from round to round.
   */
  rounds: PublicAnswersRound[];
  /** The round whose ratio is the median: its HTTP and raw sides are the ones printed. */
  http: PhaseResult;
  raw: RawInserts;
  /** HTTP ÷ raw: the median of the rounds' own ratios (target ≥ PUBLIC_ANSWERS_RATIO_TARGET). */
  ratio: number;
  /** Classes of `concurrency` respondents answering one fresh link at the same moment. */
  classes: { classes: number; answers: number; accepted: number; refused: Record<string, number> };
}

/** The raw baseline: one INSERT per answer-sized row, as many connections as respondents. */
export const rawInserts = async (databaseUrl: string, concurrency: number, seconds: number) => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_public_raw (id uuid PRIMARY KEY, link text NOT NULL,
         rating smallint NOT NULL, comment text, submitted_at timestamptz NOT NULL)`,
    );
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const i = n++;
          const t0 = performance.now();
          await pool.query(
            'INSERT INTO bench_public_raw (id, link, rating, comment, submitted_at) VALUES ($1, $2, $3, $4, $5)',
            [randomUUID(), `link-${i % 500}`, 1 + (i % 5), COMMENTS[i % COMMENTS.length], new Date()],
          );
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    return { inserts: latencies.length, perSec: latencies.length / elapsed, latencyMs: summarise(latencies) };
  } finally {
    await pool.end();
  }
};

/** `classes` times, `size` respondents answer one fresh link at once: how many are refused, and why. */
export const classesAnswering = async (
  client: Client,
  email: string,
  classes: number,
  size: number,
  timeoutMs: number,
) => {
  const tokens = await openLinks(client, email, classes);
  const refused: Record<string, number> = {};
  let accepted = 0;
  for (const token of tokens) {
    const answers = await Promise.all(
      Array.from({ length: size }, (_, i) =>
        client.send('POST', `/api/public/feedback/${token}`, {
          body: { submissionId: randomUUID(), rating: 1 + (i % 5), comment: COMMENTS[i % COMMENTS.length] },
          timeoutMs,
        }),
      ),
    );
    for (const answer of answers) {
      if (answer.status === 201) accepted++;
      else {
        const key =
          answer.status === 0 ? (answer.code ?? 'error') : `${answer.status} ${answer.code ?? ''}`.trim();
        refused[key] = (refused[key] ?? 0) + 1;
      }
    }
  }
  return { classes, answers: classes * size, accepted, refused };
};

/** What every bench server process runs with, on top of the run's own settings. */
export const benchServerEnv = (databaseUrl: string): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  // The per-address and per-link limits would answer 429 long before capacity: lift them to see the overload.
  PUBLIC_RATE_LIMIT_PER_MINUTE: '100000000',
  PUBLIC_LINK_RATE_LIMIT_PER_MINUTE: '100000000',
  // One shared link takes every answer of the survey scenario.
  SHARED_LINK_MAX_ANSWERS: '1000000',
});

/** Runs the overload scenario on the database at `databaseUrl` (fresh and empty). */
export const runOverloadSuite = async (options: {
  databaseUrl: string;
  settings: OverloadSettings;
  log: (message: string) => void;
}): Promise<OverloadResult> => {
  const { databaseUrl, settings, log } = options;
  const email = await prepareDatabase(databaseUrl);
  const baseEnv = benchServerEnv(databaseUrl);

  /** A server process with these settings, warmed up (JIT, pool, caches) before anything is measured. */
  const withServer = async <T>(
    env: Record<string, string>,
    run: (send: Send, server: ServerProcess) => Promise<T>,
  ) => {
    const server = await startServer({ ...baseEnv, ...env });
    const client = createLoadClient(server.port);
    try {
      const send = answerer(client, await openLinks(client, email, settings.links), settings.timeoutMs);
      log(`  warm-up: ${settings.warmupSeconds} s`);
      await closedLoop(send, server, settings.capacityConcurrency[0]!, settings.warmupSeconds);
      return await run(send, server);
    } finally {
      client.close();
      await server.stop();
    }
  };

  const env = settings.serverEnv;
  const { capacity, overload, offeredPerSec, shedSignals, publicAnswers, sharedLink } = await withServer(
    env,
    async (send, server) => {
      // The most answers per second any number of respondents got through: the closed loop's throughput stops
      // growing once the server is saturated.
      let best: PhaseResult | undefined;
      for (const concurrency of settings.capacityConcurrency) {
        const step = await closedLoop(send, server, concurrency, settings.capacitySeconds);
        log(`  capacity with ${concurrency} in flight: ${step.acceptedPerSec.toFixed(1)} answers/s`);
        if (!best || step.acceptedPerSec > best.acceptedPerSec) best = { ...step, concurrency };
      }
      // Public answers against raw inserts with as many in flight on the same server, as the appends are
      // measured (bench/append.ts): each side starts settled (the read models caught up on the answers before it,
      // a checkpoint), the order alternates from round to round (HTTP first in the first), and the ratio is the
      // median of the rounds' own ratios, since a busy moment on a shared machine moves both sides of a round.
      const size = PUBLIC_ANSWERS_CONCURRENCY;
      const answered = await alternatingRounds({
        rounds: settings.publicAnswersRounds,
        a: async () => {
          await settle(server, databaseUrl);
          return closedLoop(send, server, size, settings.capacitySeconds);
        },
        b: async () => {
          await settle(server, databaseUrl);
          return rawInserts(databaseUrl, size, settings.capacitySeconds);
        },
        ratio: (http, raw) => http.acceptedPerSec / raw.perSec,
        onRound: ({ a: http, b: raw, bFirst, ratio }, index) =>
          log(
            `  public answers with ${size} in flight, round ${index + 1} (${bFirst ? 'raw first' : 'HTTP first'}): ` +
              `${http.acceptedPerSec.toFixed(1)}/s over HTTP (server CPU ${http.serverCpuMsPerAnswer.toFixed(2)} ms ` +
              `per answer), ${raw.perSec.toFixed(1)}/s raw single-row INSERTs = ${ratio.toFixed(2)}×`,
          ),
      });
      const classClient = createLoadClient(server.port);
      const classes = await classesAnswering(classClient, email, 5, size, settings.timeoutMs).finally(() =>
        classClient.close(),
      );
      log(
        `  ${classes.classes} classes of ${size} on one link each: ${classes.accepted}/${classes.answers} accepted`,
      );
      const publicAnswers: PublicAnswersResult = {
        concurrency: size,
        rounds: answered.rounds.map(({ a, b, bFirst, ratio }) => ({
          http: a,
          raw: b,
          rawFirst: bFirst,
          ratio,
        })),
        http: { ...answered.middle.a, concurrency: size },
        raw: answered.middle.b,
        ratio: answered.median,
        classes,
      };

      const surveyClient = createLoadClient(server.port);
      const sharedLink: SharedLinkAnswersResult[] = [];
      try {
        const path = await openSurveyLink(surveyClient, email);
        let n = 0;
        const sendSurvey = () =>
          surveyClient.send('POST', path, {
            body: { submissionId: randomUUID(), answers: surveyAnswers(n++) },
            timeoutMs: settings.timeoutMs,
          });
        for (const respondents of SHARED_LINK_RESPONDENTS) {
          const http = await closedLoop(sendSurvey, server, respondents, settings.capacitySeconds);
          const raw = await rawInserts(databaseUrl, respondents, settings.capacitySeconds);
          log(
            `  one shared survey link, ${respondents} respondent(s) at once: ${http.acceptedPerSec.toFixed(1)}/s ` +
              `(p99 ${http.acceptedLatencyMs.p99.toFixed(1)} ms), raw ${raw.perSec.toFixed(1)}/s`,
          );
          sharedLink.push({
            respondents,
            http: { ...http, concurrency: respondents },
            raw,
            ratio: http.acceptedPerSec / raw.perSec,
          });
        }
      } finally {
        surveyClient.close();
      }

      const rate = best!.acceptedPerSec * settings.overloadFactor;
      // Started settled, as every measured side: the survey answers just before leave the read models work that
      // would otherwise be counted against the overload's first seconds.
      await settle(server, databaseUrl);
      log(`  overload: ${rate.toFixed(0)} answers/s offered for ${settings.overloadSeconds} s`);
      const overload = await openLoop(send, server, rate, settings.overloadSeconds);
      return {
        capacity: best!,
        offeredPerSec: rate,
        overload,
        shedSignals: server.shedSignals(),
        publicAnswers,
        sharedLink,
      };
    },
  );
  const ratio = overload.acceptedPerSec / capacity.acceptedPerSec;
  log(`  accepted ${overload.acceptedPerSec.toFixed(1)} answers/s = ${ratio.toFixed(2)}× capacity`);
  let baseline: OverloadResult['baseline'] = null;
  if (settings.baseline) {
    log('  baseline: the same overload with load shedding off');
    const off = await withServer({ ...env, ...NO_SHEDDING }, (send, server) =>
      openLoop(send, server, offeredPerSec, settings.overloadSeconds),
    );
    baseline = { overload: off, ratio: off.acceptedPerSec / capacity.acceptedPerSec };
    log(`  accepted ${off.acceptedPerSec.toFixed(1)} answers/s = ${baseline.ratio.toFixed(2)}× capacity`);
  }
  return {
    settings,
    capacity,
    offeredPerSec,
    overload,
    ratio,
    shedSignals,
    baseline,
    publicAnswers,
    sharedLink,
  };
};

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([key, count]) => `${count} ${key}`)
    .join(', ') || '0';

/** The scenario as a small table, and the per-second line of accepted answers. */
export const overloadTable = (result: OverloadResult): string => {
  const rows: string[][] = [
    [
      'phase',
      'offered/s',
      'accepted/s',
      '× capacity',
      'p50 / p99 ms (accepted)',
      '503s',
      'other failures',
      'RSS MiB start→max',
    ],
  ];
  const line = (name: string, phase: PhaseResult, offered: string, ratio: string) => [
    name,
    offered,
    fixed(phase.acceptedPerSec, 1),
    ratio,
    `${fixed(phase.acceptedLatencyMs.p50, 1)} / ${fixed(phase.acceptedLatencyMs.p99, 1)}`,
    `${phase.shedCount}${phase.shedCount ? ` (${counts(phase.shed)})` : ''}`,
    counts(phase.failed),
    `${fixed(phase.rssMiB.start)}→${fixed(phase.rssMiB.max)}`,
  ];
  const { settings } = result;
  rows.push(
    line(`capacity (closed loop, ${result.capacity.concurrency} in flight)`, result.capacity, '—', '1.00'),
  );
  rows.push(
    line(
      `overload ${settings.overloadFactor}× (open loop, shedding on)`,
      result.overload,
      fixed(result.offeredPerSec, 1),
      fixed(result.ratio, 2),
    ),
  );
  if (result.baseline) {
    rows.push(
      line(
        `overload ${settings.overloadFactor}× (shedding off)`,
        result.baseline.overload,
        fixed(result.offeredPerSec, 1),
        fixed(result.baseline.ratio, 2),
      ),
    );
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [
    `Overload — public answers over HTTP, server in its own process on PostgreSQL (client timeout ${settings.timeoutMs} ms, ${settings.links} links)`,
    format(rows[0]!),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.slice(1).map(format),
    `201s received per second under overload: ${result.overload.acceptedPerSecond.join(' ')}`,
  ];
  if (result.baseline) {
    out.push(
      `  … with shedding off:                   ${result.baseline.overload.acceptedPerSecond.join(' ')}`,
    );
  }
  const cpu = (phase: PhaseResult) =>
    `server ${fixed(phase.serverCpuShare, 2)}, load generator ${fixed(phase.clientCpuShare, 2)} ` +
    `(${fixed(phase.clientCpuMsPerRequest * 1000, 0)} µs per request), machine ${fixed(phase.machineBusy * 100, 0)} % busy`;
  out.push(
    `CPU in cores — capacity: ${cpu(result.capacity)}; overload: ${cpu(result.overload)}`,
    `shedding warnings by signal (at most one per 10 s): ${counts(result.shedSignals)}`,
  );
  const answers = result.publicAnswers;
  const met = answers.ratio >= PUBLIC_ANSWERS_RATIO_TARGET ? 'met' : 'NOT met';
  const refusals = Object.values(answers.classes.refused).reduce((sum, count) => sum + count, 0);
  out.push(
    '',
    `Public answers over HTTP vs raw single-row INSERT, ${answers.concurrency} in flight each (closed loops, ${settings.capacitySeconds} s)`,
    `  HTTP ${fixed(answers.http.acceptedPerSec, 1)}/s (p50 / p99 ${fixed(answers.http.acceptedLatencyMs.p50, 1)} / ${fixed(answers.http.acceptedLatencyMs.p99, 1)} ms, server CPU ${fixed(answers.http.serverCpuMsPerAnswer, 2)} ms per answer)` +
      ` ÷ raw ${fixed(answers.raw.perSec, 1)}/s (p50 / p99 ${fixed(answers.raw.latencyMs.p50, 1)} / ${fixed(answers.raw.latencyMs.p99, 1)} ms)` +
      ` = ${fixed(answers.http.acceptedPerSec / answers.raw.perSec, 2)}× in the median round`,
    `  HTTP ÷ raw, median of ${answers.rounds.length} rounds (order alternating): ${fixed(answers.ratio, 2)}× ` +
      `(target ≥ ${PUBLIC_ANSWERS_RATIO_TARGET}×: ${met}; rounds ${answers.rounds.map((round) => fixed(round.ratio, 2)).join(' ')})`,
    `  ${answers.classes.classes} classes of ${answers.concurrency} answering one link each at once: ` +
      `${answers.classes.accepted}/${answers.classes.answers} accepted, ${refusals} refused` +
      `${refusals ? ` (${counts(answers.classes.refused)})` : ''} (target: 0 refused)`,
  );
  if (result.sharedLink.length > 0) {
    out.push(
      '',
      'A campaign survey (9 questions and a comment) answered through one shared link, vs raw single-row INSERT',
    );
    for (const shared of result.sharedLink) {
      out.push(
        `  ${shared.respondents} at once: HTTP ${fixed(shared.http.acceptedPerSec, 1)}/s (p50 / p99 ${fixed(shared.http.acceptedLatencyMs.p50, 1)} / ${fixed(shared.http.acceptedLatencyMs.p99, 1)} ms, ` +
          `${counts(shared.http.failed)} failed) ÷ raw ${fixed(shared.raw.perSec, 1)}/s (p99 ${fixed(shared.raw.latencyMs.p99, 1)} ms) = ${fixed(shared.ratio, 2)}×`,
      );
    }
  }
  if (result.ratio < OVERLOAD_RATIO_TARGET) {
    out.push(
      `! accepted ${fixed(result.ratio, 2)}× capacity under overload, below the ${OVERLOAD_RATIO_TARGET}× target`,
    );
  }
  return out.join('\n');
};
