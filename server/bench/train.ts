/**
 * Training throughput (issue 3): epochs per second of full-batch AdamW at n = 200, d = 20, m = 201 on every
 * backend available here, and a batch of trials over worker threads (one per core: wasm has no threads in
 * Node). Called by the bench runner; `node --import tsx/esm bench/train.ts` runs it alone.
 */
import { availableParallelism } from 'node:os';
import type { InstanceSpec } from '@rlab/shared';
import { generateInstance } from '../src/engine/data.ts';
import { probeBackends, useBackend, releaseGpu } from '../src/engine/train/backends.ts';
import { initNetwork, trainLoop } from '../src/engine/train/trainer.ts';
import { trainBatch } from '../src/engine/train/batch.ts';

const SPEC: InstanceSpec = { architecture: 'skip', program: 'relaxed', planted: { kind: 'linear', k: 1, weights: 'smallest-singular' }, data: 'gaussian', n: 200, d: 20, seed: 0, sigma: 0, beta: 0, testSize: 0 };

/** epochs per second of trainLoop on the active backend (after a short warm-up that compiles kernels) */
async function epochsPerSecond(epochs: number): Promise<number> {
  const inst = generateInstance(SPEC);
  const init = initNetwork('skip', SPEC.d, SPEC.n + 1, 'bench');
  const opts = { architecture: 'skip' as const, optimizer: 'adamw' as const, lr: 2e-3, weightDecay: 1e-6, tol: 0, curvePoints: 50 };
  await trainLoop(inst.X.a, inst.y, init, { ...opts, epochs: 5 });
  const t0 = performance.now();
  await trainLoop(inst.X.a, inst.y, init, { ...opts, epochs });
  return epochs / ((performance.now() - t0) / 1000);
}

/** a batch of training trials (n = 100, d = 20, m = 101, 200 epochs), one worker thread per core */
async function batchOfTrials(trials: number, workers: number): Promise<{ seconds: number; failed: number }> {
  const specs = Array.from({ length: trials }, (_, seed) => ({ ...SPEC, n: 100, seed, testSize: 100 }));
  const t0 = performance.now();
  const recs = await trainBatch(specs, { epochs: 200, backend: 'wasm' }, workers);
  return { seconds: (performance.now() - t0) / 1000, failed: recs.filter((r) => !r || r.error || !r.result).length };
}

export async function benchTrain(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const b of await probeBackends()) {
    if (!b.available) continue;
    await useBackend(b.name);
    out[`train.${b.name}.epochsPerSec.n200d20m201`] = await epochsPerSecond(b.name === 'cpu' ? 40 : 200);
  }
  releaseGpu();
  await useBackend('wasm');
  const workers = Math.max(1, availableParallelism());
  const trials = 4 * workers;
  const batch = await batchOfTrials(trials, workers);
  out['train.batch.trials'] = trials;
  out['train.batch.workers'] = workers;
  out['train.batch.seconds'] = batch.seconds;
  out['train.batch.trialsPerSec'] = trials / batch.seconds;
  out['train.batch.failed'] = batch.failed;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchTrain(), null, 2));
}
