// A worker thread's entry under tsx and Vitest, where our modules are TypeScript: it registers tsx's loader in this
// thread (workers do not inherit it), then loads the worker module named in workerData. Built code never uses it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.typescriptModule);
