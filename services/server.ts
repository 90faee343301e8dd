import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { loadConfig } from './config';

const config = loadConfig();
const context = await buildApp({ config });

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) context.app.log.error({ err }, 'shutting down after an error');
  await context.close();
});

/**
 * Connections the kernel holds for the server to accept. Node's default, 511, overflowed when a crowd opened
 * connections at once faster than a busy event loop accepted them (bench/overload.ts at twice the capacity: 9,000
 * refused SYNs in 5 s), and each refused client retried after 1 s, then 3 s: seconds of latency no shedding could
 * cut. The kernel caps it at net.core.somaxconn (4096 on Debian 12).
 */
const LISTEN_BACKLOG = 4096;

await context.app.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG });
const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
context.app.log.info(`Database: ${context.database.description}`);
if (context.setupPath) {
  // Printed plainly so it stands out of the JSON log: the only way in on a fresh install.
  console.log(`\n  First start: create your organisation at\n  ${base}${context.setupPath}\n`);
}
