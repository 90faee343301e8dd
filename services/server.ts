import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { loadConfig } from './config';

const config = loadConfig();
const context = await buildApp({ config });

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) context.app.log.error({ err }, 'shutting down after an error');
  await context.close();
});

await context.app.listen({ port: config.PORT, host: config.HOST, backlog: config.LISTEN_BACKLOG });
const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
context.app.log.info(`Database: ${context.database.description}`);
if (context.setupPath) {
  // Printed plainly so it stands out of the JSON log: the only way in on a fresh install.
  console.log(`\n  First start: create your organisation at\n  ${base}${context.setupPath}\n`);
}
