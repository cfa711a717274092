/**
 * Training end to end: the planted function is reached on an easy instance, the convex answer sits beside
 * it, bad options and backends fail with messages that name the value and what is allowed.
 */
import { describe, it, expect } from 'vitest';
import { trainSpec, resolveBackendName, BackendError, type TrainOptions } from '../../src/engine/train/index.ts';
import type { InstanceSpec } from '@rlab/shared';

const easy: InstanceSpec = { architecture: 'skip', program: 'relaxed', planted: { kind: 'linear', k: 1, weights: 'gaussian' }, data: 'gaussian', n: 100, d: 5, seed: 1, sigma: 0, beta: 0, testSize: 200 };

describe('trainSpec', () => {
  it('reaches the planted linear function on an easy instance (n = 20 d), and reports it beside the convex answer', async () => {
    const out = await trainSpec(easy, { epochs: 400, backend: 'wasm', compare: true });
    const r = out.result;
    expect(r.method).toBe('train');
    expect(r.precision).toBe('float32');
    expect(r.width).toBe(101);
    expect(r.neurons).toHaveLength(101);
    expect(r.skip).toHaveLength(5);
    expect(r.iterations).toBe(400);
    expect(r.objective).toBeLessThan(1e-3);
    expect(r.testErrorRel!).toBeLessThan(0.05);
    expect(r.lossCurve.length).toBeGreaterThanOrEqual(50);
    expect(r.lossCurve.length).toBeLessThanOrEqual(52);
    expect(r.alignment).toHaveLength(1);
    expect(r.alignment[0]!).toBeGreaterThan(0);
    // the convex program recovers exactly; the comparison measures the trained network against it
    expect(out.convex!.result.recovered).toBe(true);
    const c = out.convex!.comparison!;
    expect(c.functionGapRel!).toBeCloseTo(r.testErrorRel!, 3);
    expect(c.convexSignificant).toBe(1);
  });

  it('stops when the loss drops below tol', async () => {
    const out = await trainSpec(easy, { epochs: 2000, tol: 1e-2, backend: 'wasm', width: 20 });
    expect(out.result.stoppedEarly).toBe(true);
    expect(out.result.iterations).toBeLessThan(2000);
    expect(out.result.lossCurve.at(-2)!.loss).toBeLessThan(1e-2);
  });

  it('trains the plain and normalized architectures (GD too)', async () => {
    const plain = await trainSpec({ ...easy, architecture: 'plain', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' }, n: 40 }, { epochs: 100, optimizer: 'gd', lr: 0.05 });
    expect(plain.result.skip).toBeNull();
    expect(plain.result.optimizer).toBe('gd');
    expect(plain.result.lossCurve.at(-1)!.loss).toBeLessThan(plain.result.lossCurve[0]!.loss);
    const norm = await trainSpec({ ...easy, architecture: 'normalized', program: 'relaxed', planted: { kind: 'normalized', k: 1, weights: 'gaussian' }, n: 40 }, { epochs: 100 });
    expect(norm.result.neurons.every((nrn) => nrn.normalizer !== undefined)).toBe(true);
    expect(norm.result.lossCurve.at(-1)!.loss).toBeLessThan(norm.result.lossCurve[0]!.loss);
  });

  it('refuses bad options naming the field, the value and what is allowed', async () => {
    const bad: [TrainOptions, RegExp][] = [
      [{ width: 0 }, /"width" = 0: must be an integer/],
      [{ lr: -1 }, /"lr" = -1/],
      [{ optimizer: 'sgd' as never }, /"optimizer" = "sgd": allowed: adamw, gd/],
      [{ backend: 'cuda' }, /unknown backend "cuda" \(from --backend\); allowed: wasm, cpu, tensorflow, webgpu/],
    ];
    for (const [opts, msg] of bad) await expect(trainSpec(easy, { epochs: 1, ...opts })).rejects.toThrow(msg);
  });
});

describe('backend selection', () => {
  it('flag, then RLAB_BACKEND, then wasm', () => {
    expect(resolveBackendName(undefined, {})).toBe('wasm');
    expect(resolveBackendName(undefined, { RLAB_BACKEND: 'cpu' })).toBe('cpu');
    expect(resolveBackendName('wasm', { RLAB_BACKEND: 'cpu' })).toBe('wasm');
  });
  it('an unknown name is an error that names it, where it came from and the allowed ones', () => {
    expect(() => resolveBackendName(undefined, { RLAB_BACKEND: 'tpu' })).toThrow(BackendError);
    expect(() => resolveBackendName(undefined, { RLAB_BACKEND: 'tpu' })).toThrow('unknown backend "tpu" (from RLAB_BACKEND); allowed: wasm, cpu, tensorflow, webgpu');
    try {
      resolveBackendName('x', {});
    } catch (e) {
      expect((e as BackendError).code).toBe('BACKEND_UNKNOWN');
      expect((e as BackendError).field).toBe('backend');
    }
  });
});

describe('trainBatch (worker threads)', () => {
  it('trains in worker threads and gets the same networks as in this thread', async () => {
    const { trainBatch } = await import('../../src/engine/train/batch.ts');
    const specs = [1, 2, 3].map((seed) => ({ ...easy, n: 30, seed }));
    const opts = { epochs: 30, width: 8, backend: 'wasm' };
    const recs = await trainBatch(specs, opts, 2);
    expect(recs.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    for (let i = 0; i < specs.length; i++) {
      const here = await trainSpec(specs[i]!, opts);
      expect(recs[i]!.spec.seed).toBe(specs[i]!.seed);
      expect(recs[i]!.result!.neurons).toEqual(here.result.neurons);
    }
  });
});
