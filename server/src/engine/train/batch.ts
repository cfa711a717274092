/**
 * Many training trials in parallel on the engine pool (../pool.ts: one worker thread per core, since the
 * wasm backend has no threads in Node; each worker starts its backend once). Results come back in spec order.
 */
import { availableParallelism } from 'node:os';
import type { InstanceSpec, SolveResult } from '@rlab/shared';
import type { TrainOptions, TrainResult, NetworkComparison } from './index.ts';
import { EnginePool } from '../pool.ts';

export interface BatchRecord {
  spec: InstanceSpec;
  result: TrainResult | null;
  convex?: { result: SolveResult; comparison: NetworkComparison | null };
  error?: string;
}

/** train every spec; on `pool` when given (its workers reused), else on a pool started for this call */
export async function trainBatch(specs: InstanceSpec[], opts: TrainOptions = {}, workers = availableParallelism(), pool?: EnginePool): Promise<BatchRecord[]> {
  if (pool) return pool.trainSpecs(specs, opts);
  if (specs.length === 0) return [];
  const own = new EnginePool(Math.max(1, Math.min(workers, specs.length)));
  try {
    return await own.trainSpecs(specs, opts);
  } finally {
    await own.destroy();
  }
}
