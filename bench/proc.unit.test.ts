import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { machineCpu, postgresCpuMs, processCpuMs } from './proc';

const spin = (ms: number) => {
  const until = Date.now() + ms;
  let x = 0;
  while (Date.now() < until) x += Math.sqrt(x + 1);
  return x;
};

describe.runIf(process.platform === 'linux')('CPU time from /proc', () => {
  it('counts the CPU a process uses', () => {
    const before = processCpuMs(process.pid);
    spin(200);
    const after = processCpuMs(process.pid);
    expect(Number.isFinite(before)).toBe(true);
    // Clock ticks are 10 ms: 200 ms of spinning shows at least half of it even on a busy machine's share.
    expect(after - before).toBeGreaterThanOrEqual(50);
  });

  it('answers NaN for no process or one that is not there', () => {
    expect(processCpuMs(undefined)).toBeNaN();
    expect(processCpuMs(2 ** 30)).toBeNaN();
  });

  it('reads the machine’s busy time within its total', () => {
    const { busy, total } = machineCpu();
    expect(busy).toBeGreaterThan(0);
    expect(busy).toBeLessThanOrEqual(total);
  });
});

// On the PostgreSQL pass of the suite, when that server runs on this machine.
const local =
  process.env.DATABASE_URL && !Number.isNaN(postgresCpuMs()) ? process.env.DATABASE_URL : undefined;

describe.runIf(process.platform === 'linux' && local)('CPU time of PostgreSQL', () => {
  it('keeps counting the CPU of a connection that has closed', async () => {
    const client = new pg.Client({ connectionString: local });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]!.pid;
    await client.query('SELECT count(*) FROM generate_series(1, 5000000)');
    const own = processCpuMs(pid);
    const withIt = postgresCpuMs();
    await client.end();
    for (const until = Date.now() + 5000; !Number.isNaN(processCpuMs(pid)) && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(processCpuMs(pid)).toBeNaN();
    expect(own).toBeGreaterThanOrEqual(100);
    // Without the exited children's count the total would drop by the connection's own time.
    expect(postgresCpuMs()).toBeGreaterThan(withIt - own / 2);
  });
});
