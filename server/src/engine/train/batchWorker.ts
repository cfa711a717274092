/**
 * Worker thread of trainBatch: trains the specs it is sent, one at a time (the backend starts once per thread).
 */
import { parentPort } from 'node:worker_threads';
import type { InstanceSpec } from '@rlab/shared';
import { trainSpec, type TrainOptions } from './index.ts';

if (!parentPort) throw new Error('batchWorker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (msg: { id: number; spec: InstanceSpec; opts: TrainOptions }) => {
  trainSpec(msg.spec, msg.opts).then(
    (out) => port.postMessage({ id: msg.id, result: out.result, convex: out.convex ? { result: out.convex.result, comparison: out.convex.comparison } : undefined }),
    (err: unknown) => port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
