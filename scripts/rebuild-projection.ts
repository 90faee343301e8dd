// npm run projections:rebuild -- <name>: rebuilds one read model from the whole log and swaps it in.

import { rebuildProjection } from '../projections/runner/rebuild';
import { openStore } from './open-store';

const name = process.argv[2];
const { database, store, runner, close } = await openStore();
const projection = runner.projections.find((candidate) => candidate.name === name);
if (!projection) {
  console.error(
    `Usage: npm run projections:rebuild -- <name>\nProjections: ${runner.projections.map((p) => p.name).join(', ')}`,
  );
  await close();
  process.exit(1);
}
const total = await store.lastPosition();
const started = Date.now();
const result = await rebuildProjection(database, store, projection, {
  onProgress: ({ applied }) => {
    const percent = total === 0 ? 100 : Math.min(100, Math.round((applied / total) * 100));
    process.stderr.write(`\rRebuilding ${projection.name}: ${applied}/${total} events (${percent} %)`);
  },
});
process.stderr.write('\n');
console.log(
  `${projection.name} rebuilt from ${result.applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
await close();
