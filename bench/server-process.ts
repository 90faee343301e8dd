import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface ServerProcess {
  /** Milliseconds from spawn to the first 200 of /health. */
  ready: Promise<number>;
  /** SIGKILL to the whole process group, then wait until nothing answers on the port any more. */
  kill(): Promise<void>;
}

const POLL_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const answers = async (url: string): Promise<number | undefined> => {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
};

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Spawns a server in its own process group (tsx's CLI runs the server in a child process) and times it. */
export const startServer = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; port: number; timeoutMs: number },
): ServerProcess => {
  const health = `http://127.0.0.1:${options.port}/health`;
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = (async () => {
    for (;;) {
      if ((await answers(health)) === 200) return performance.now() - started;
      if (exited(child)) throw new Error(`${command} ${args.join(' ')} exited before answering:\n${stderr}`);
      if (performance.now() - started > options.timeoutMs) {
        throw new Error(`${command} ${args.join(' ')}: no 200 from /health in ${options.timeoutMs} ms`);
      }
      await sleep(POLL_MS);
    }
  })();
  ready.catch(() => {});

  return {
    ready,
    async kill() {
      if (!exited(child) && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await gone;
      // A grandchild (tsx) may outlive its parent by a moment; the next start must not meet it.
      while ((await answers(health)) !== undefined) await sleep(POLL_MS);
    },
  };
};
