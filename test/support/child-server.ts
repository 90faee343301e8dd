import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port that was free a moment ago (the kernel picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** What the process wrote so far, for failure messages. */
  output(): string;
  kill(): Promise<void>;
}

/** Starts `node <args>` listening on 127.0.0.1:port, without the test runner's NODE_OPTIONS. */
const NO_SHEDDING = { SHED_EVENT_LOOP_DELAY_MS: '0', SHED_HEAP_USED_MB: '0', SHED_POOL_WAITING: '0' };

/** Starts a server process (shedding off unless `env` says otherwise) and keeps its last output. */
export const startChildServer = (
  args: readonly string[],
  port: number,
  env: Record<string, string | undefined>,
): ChildServer => {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    // As in startTestApp: a busy CI machine stalls a starting server long enough to shed its first requests;
    // load shedding has its own tests, which set these.
    ...NO_SHEDDING,
    ...env,
    PORT: String(port),
  };
  childEnv.HOST = '127.0.0.1';
  delete childEnv.NODE_OPTIONS;
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
};

/** Polls `url` with growing pauses until it answers 200; fails early if the process exits first. */
export const waitForOk = async (server: ChildServer, path: string, timeoutMs: number): Promise<Response> => {
  const deadline = Date.now() + timeoutMs;
  let pause = 100;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `the server exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
      );
    }
    const response = await fetch(server.url + path).catch(() => undefined);
    if (response?.status === 200) return response;
    await response?.body?.cancel();
    if (Date.now() > deadline) {
      throw new Error(`${path} did not answer 200 within ${timeoutMs} ms:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 1.5, 1000);
  }
};
