import type { BenchConfig } from './config';
import { closeBench, openBench } from './open';
import { runProjectionSuite } from './projection';

/**
 * The catch-up suite's own process (see runProjectionSuiteInChild): it receives the database and the settings,
 * sends its log lines and then its result or its error, and ends.
 */
process.once('message', async (message: { databaseUrl: string; config: BenchConfig }) => {
  const send = (payload: object) => new Promise<void>((resolve) => process.send!(payload, () => resolve()));
  const opened = await openBench({ databaseUrl: message.databaseUrl }, message.config.poolSize);
  try {
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
    process.disconnect();
  }
});
