// Worker for kernels.test.ts: load the kernels in a worker thread (synchronous instantiation) and use them once.
import { register } from 'tsx/esm/api';
import { parentPort } from 'node:worker_threads';

register();
const { kernels } = await import('../../src/engine/kernels/index.ts');
const K = kernels();
const arena = K.createArena(4096);
const x = arena.f64(3);
x.set([1, 2, 3]);
parentPort.postMessage({ name: K.name, dot: K.dot(3, x, 0, x, 0) });
