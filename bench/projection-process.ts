import type { BenchConfig } from './config';
import { closeBench, type Opened, openBench } from './open';
import { runProjectionSuite } from './projection';

/**
 * The catch-up suite's own process (see runProjectionSuiteInChild): it receives the database and the settings,
 * sends its log lines and then its result or its error, and ends. A bench stopped meanwhile (Ctrl-C, a failure)
 * drops the database and closes the channel: then nobody waits for the result, so it ends at once.
 */
process.once('disconnect', () => process.exit(1));

process.once('message', async (message: { databaseUrl: string; config: BenchConfig }) => {
  const send = (payload: object) =>
    new Promise<void>((resolve) => {
      if (process.connected) process.send!(payload, () => resolve());
      else resolve();
    });
  let opened: Opened | undefined;
  try {
    opened = await openBench({ databaseUrl: message.databaseUrl }, message.config.poolSize);
    const result = await runProjectionSuite({
      ...opened,
      config: message.config,
      log: (line) => void send({ log: line }),
    });
    await send({ result });
  } catch (error) {
    await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    await closeBench(opened);
    process.removeAllListeners('disconnect');
    if (process.connected) process.disconnect();
  }
});
