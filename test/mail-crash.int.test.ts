import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, freePort, startChildServer, waitForOk } from './support/child-server';
import { createTestDatabase, primaryKind, type TestDatabase } from './support/databases';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const WORKER = ['--import', 'tsx', 'test/support/mail-worker.ts'];

/** Polls `check` with growing pauses until it answers true; fails with the server's output after the bound. */
const eventually = async (server: ChildServer, check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  let pause = 50;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 1.5, 500);
  }
};

describe(`a message survives a kill -9 between "due" and "sent" (${primaryKind()})`, () => {
  let smtp: TestSmtpServer;
  let testDb: TestDatabase | undefined;
  let dataDir: string | undefined;
  let env: Record<string, string | undefined>;
  const servers: ChildServer[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    if (primaryKind() === 'postgres') {
      testDb = await createTestDatabase('postgres', 2);
      env = { DATABASE_URL: testDb.url };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'mail-crash-'));
      env = { DATABASE_URL: undefined, DATA_DIR: dataDir };
    }
    // Load shedding off, as in startTestApp: a busy machine must not turn the test's reads away.
    env = {
      ...env,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'ne-pas-repondre@horizon.example.fr',
      LOG_LEVEL: 'warn',
      SHED_EVENT_LOOP_DELAY_MS: '0',
      SHED_HEAP_USED_MB: '0',
      SHED_POOL_WAITING: '0',
    };
  });
  afterAll(async () => {
    for (const server of servers) await server.kill();
    await smtp?.close();
    await testDb?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const server = startChildServer(WORKER, await freePort(), env);
    servers.push(server);
    await waitForOk(server, '/health', 120_000);
    return server;
  };

  it('is sent again after the restart, with the same Message-ID, and accepted exactly once', async () => {
    // The server receives the first attempt's content but answers only after the process is gone.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    smtp.answer((_, index) => (index === 0 ? { hold: held } : 'accept'));

    const first = await start();
    await smtp.waitForReceived(1);
    await first.kill();
    release();
    // The Message-ID header is derived from the message id.
    const messageId = /^<([0-9a-f-]+)@/.exec(smtp.received[0]!.messageId)?.[1];
    expect(messageId).toBeDefined();
    expect(smtp.accepted).toHaveLength(0);

    const second = await start();
    /** The message's events, or none while the server does not answer 200. */
    const stream = async (): Promise<{ type: string; data: object }[]> => {
      const response = await fetch(`${second.url}/test/mail/${messageId}`).catch(() => undefined);
      if (response?.status !== 200) {
        await response?.body?.cancel();
        return [];
      }
      return (await response.json()) as { type: string; data: object }[];
    };
    let events: { type: string; data: object }[] = [];
    await eventually(
      second,
      async () => {
        events = await stream();
        return events.some((event) => event.type === 'MailSent');
      },
      60_000,
    );

    expect(events.map((event) => event.type)).toEqual(['MailQueued', 'MailSent']);
    // The interrupted attempt counts: the message cannot crash the process for ever.
    expect(events[1]!.data).toMatchObject({ attempt: 2, outbox: 'smtp' });
    expect(smtp.accepted).toHaveLength(1);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.messageId).toBe(smtp.received[0]!.messageId);
    expect(smtp.accepted[0]!.to).toEqual(['learner@example.fr']);
    expect(smtp.accepted[0]!.text).toContain('https://app.example.fr/reset?token=t0k3n');
    // Two cold starts of the app on a loaded machine: each waits up to 120 s for /health.
  }, 400_000);
});
