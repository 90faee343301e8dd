import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time from Linux's /proc, for the figures that say where a run's CPU went. Every reader answers NaN where
 * /proc is missing or says nothing (another system, a database on another machine).
 */

/** USER_HZ: 100 on Linux whatever the kernel's own tick. */
const CLOCK_TICKS_PER_SECOND = 100;
const ticksToMs = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;

/** The fields of /proc/<pid>/stat after the parenthesised name (which may hold spaces), and that name. */
const statOf = (pid: number | string): { name: string; fields: string[] } => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const close = stat.lastIndexOf(')');
  return { name: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
};

/** CPU time a process has used so far (user + system, ms). */
export const processCpuMs = (pid: number | undefined): number => {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields 14 and 15 of the whole line: utime and stime, in clock ticks.
    const { fields } = statOf(pid);
    return ticksToMs(Number(fields[11]) + Number(fields[12]));
  } catch {
    return Number.NaN;
  }
};

/**
 * CPU time every PostgreSQL process on this machine has used so far (ms): the live ones' own, and the postmaster's
 * count of its children that have exited (fields 16 and 17, cutime and cstime), so a connection closed during a
 * run still counts. The whole server: other databases' work too. NaN when no PostgreSQL process is found here.
 */
export const postgresCpuMs = (): number => {
  let ticks = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return Number.NaN;
  }
  const postgres = new Map<string, string[]>();
  for (const pid of pids) {
    try {
      const { name, fields } = statOf(pid);
      if (name === 'postgres') postgres.set(pid, fields);
    } catch {
      // Gone meanwhile.
    }
  }
  for (const [, fields] of postgres) {
    found = true;
    ticks += Number(fields[11]) + Number(fields[12]);
    // The postmaster: its parent (field 4) is not a PostgreSQL process.
    if (!postgres.has(fields[1]!)) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return found ? ticksToMs(ticks) : Number.NaN;
};

/** The machine's CPU time so far, busy and in all (clock ticks), from /proc/stat. */
export const machineCpu = (): { busy: number; total: number } => {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    // idle and iowait are the time nothing ran.
    const busy = total - (fields[3] ?? 0) - (fields[4] ?? 0);
    return { busy, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
};
