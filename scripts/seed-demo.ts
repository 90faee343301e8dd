// npm run seed:demo: a demo organisation with a year of activity in every slice.
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from './demo/seed';
import { openStore } from './open-store';

const { store, database, runner, close } = await openStore();
const result = await seedDemo({
  db: database.db,
  store,
  log: (line) => process.stderr.write(`${line}\n`),
});
if (!result.created) {
  console.log(`The demo organisation already exists. Sign in with ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
} else {
  await runner.prepare();
  await runner.catchUp();
  const counts = Object.entries(result.counts).map(([what, count]) => `${count} ${what}`);
  console.log(`Demo organisation ready: ${counts.join(', ')}.`);
  console.log(`Sign in at http://localhost:3000/login with ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
}
await close();
