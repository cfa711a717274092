/**
 * Many training trials in parallel: one worker thread per core (the wasm backend has no threads in Node),
 * each training its share of the specs in turn. Results come back in spec order.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { InstanceSpec, SolveResult } from '@rlab/shared';
import type { TrainOptions, TrainResult, NetworkComparison } from './index.ts';

export interface BatchRecord {
  spec: InstanceSpec;
  result: TrainResult | null;
  convex?: { result: SolveResult; comparison: NetworkComparison | null };
  error?: string;
}

export async function trainBatch(specs: InstanceSpec[], opts: TrainOptions = {}, workers = availableParallelism()): Promise<BatchRecord[]> {
  const out: BatchRecord[] = new Array(specs.length);
  if (specs.length === 0) return out;
  const count = Math.max(1, Math.min(workers, specs.length));
  const pool: Worker[] = [];
  let next = 0, done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next < specs.length) {
          const id = next++;
          w.postMessage({ id, spec: specs[id], opts });
        }
      };
      for (let i = 0; i < count; i++) {
        const w = new Worker(new URL('./worker.mjs', import.meta.url));
        pool.push(w);
        w.on('message', (msg: { id: number; result?: TrainResult; convex?: BatchRecord['convex']; error?: string }) => {
          const rec: BatchRecord = { spec: specs[msg.id]!, result: msg.result ?? null };
          if (msg.convex) rec.convex = msg.convex;
          if (msg.error !== undefined) rec.error = msg.error;
          out[msg.id] = rec;
          if (++done === specs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return out;
}
