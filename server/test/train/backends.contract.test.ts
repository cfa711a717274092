/**
 * One contract every training backend passes (style.md 8): where it is available, the first gradient step
 * matches float64 arithmetic done by hand (loss = unhalved sum of squares, torch's GD and AdamW updates),
 * and the same seed gives the same network; where it is not, asking for it fails with a clear error.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { BACKENDS, probeBackends, useBackend, BackendError, type BackendStatus } from '../../src/engine/train/backends.ts';
import { initNetwork, trainLoop, type NetworkWeights } from '../../src/engine/train/trainer.ts';
import { trainSpec } from '../../src/engine/train/index.ts';
import { Rng } from '../../src/engine/rng.ts';

const n = 8, d = 3, m = 4;
const rng = new Rng('contract');
const X = rng.normals(n * d).map((x) => x / Math.sqrt(n));
const y = rng.normals(n);

/** float64 loss and gradients of the skip network at the initial weights */
function reference(w: NetworkWeights) {
  const f = new Float64Array(n);
  const Z = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let z = 0;
      for (let k = 0; k < d; k++) z += X[i * d + k]! * w.W[k * m + j]!;
      Z[i * m + j] = z;
      if (z > 0) f[i]! += z * w.a[j]!;
    }
    for (let k = 0; k < d; k++) f[i]! += X[i * d + k]! * w.w0![k]!;
  }
  const r2 = f.map((v, i) => 2 * (v - y[i]!));
  const loss = f.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0);
  const gW = new Float64Array(d * m), ga = new Float64Array(m), gw0 = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const z = Z[i * m + j]!;
      if (z <= 0) continue;
      ga[j]! += z * r2[i]!;
      for (let k = 0; k < d; k++) gW[k * m + j]! += X[i * d + k]! * r2[i]! * w.a[j]!;
    }
    for (let k = 0; k < d; k++) gw0[k]! += X[i * d + k]! * r2[i]!;
  }
  return { loss, gW, ga, gw0 };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number) {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(tol);
}

let statuses: BackendStatus[] = [];
beforeAll(async () => {
  statuses = await probeBackends();
});

describe('backend list', () => {
  it('probes every backend once, in order, with a reason', async () => {
    expect(statuses.map((s) => s.name)).toEqual([...BACKENDS]);
    for (const s of statuses) expect(s.detail.length).toBeGreaterThan(10);
    expect(statuses.find((s) => s.name === 'wasm')!.available).toBe(true);
    expect(statuses.find((s) => s.name === 'cpu')!.available).toBe(true);
  });
});

/** skip a backend test with its reason printed (this machine lacks the backend; the unavailable path is tested above) */
function skipUnavailable(ctx: { skip: (note?: string) => void }, name: string): void {
  const reason = `backend ${name} unavailable here: ${statuses.find((s) => s.name === name)!.detail}`;
  console.warn(`[skipped] ${reason}`);
  ctx.skip(reason);
}

for (const name of BACKENDS) {
  describe(`backend contract: ${name}`, () => {
    it('is usable where probed available, and fails clearly where not', async () => {
      const st = statuses.find((s) => s.name === name)!;
      if (st.available) {
        await expect(useBackend(name)).resolves.toBe(name);
      } else {
        const err = await useBackend(name).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(BackendError);
        expect((err as BackendError).code).toBe('BACKEND_UNAVAILABLE');
        expect((err as Error).message).toContain(name);
        if (name === 'tensorflow') expect((err as Error).message).toMatch(/tfjs-node.*neither is installed/);
      }
    });

    it('first GD step = p - lr (grad + beta p) with grad of the unhalved sum of squares', async (ctx) => {
      if (!statuses.find((s) => s.name === name)!.available) return skipUnavailable(ctx, name);
      await useBackend(name);
      const init = initNetwork('skip', d, m, 'contract-gd');
      const ref = reference(init);
      const lr = 1e-2, wd = 0.1;
      const out = await trainLoop(X, y, init, { architecture: 'skip', optimizer: 'gd', lr, weightDecay: wd, epochs: 1, tol: 0, curvePoints: 1 });
      expect(out.lossCurve[0]!.loss).toBeCloseTo(ref.loss, 4);
      expectClose(out.weights.W, Array.from(init.W, (p, i) => p - lr * (ref.gW[i]! + wd * p)), 2e-6);
      expectClose(out.weights.a, Array.from(init.a, (p, i) => p - lr * (ref.ga[i]! + wd * p)), 2e-6);
      expectClose(out.weights.w0!, Array.from(init.w0!, (p, i) => p - lr * (ref.gw0[i]! + wd * p)), 2e-6);
    });

    it('first AdamW step = p (1 - lr beta) - lr g / (|g| + eps) (torch.optim.AdamW)', async (ctx) => {
      if (!statuses.find((s) => s.name === name)!.available) return skipUnavailable(ctx, name);
      await useBackend(name);
      const init = initNetwork('skip', d, m, 'contract-adamw');
      const ref = reference(init);
      const lr = 1e-2, wd = 0.5;
      const out = await trainLoop(X, y, init, { architecture: 'skip', optimizer: 'adamw', lr, weightDecay: wd, epochs: 1, tol: 0, curvePoints: 1 });
      const step = (p: number, g: number) => p * (1 - lr * wd) - (lr * g) / (Math.abs(g) + 1e-8);
      expectClose(out.weights.W, Array.from(init.W, (p, i) => step(p, ref.gW[i]!)), 2e-6);
      expectClose(out.weights.a, Array.from(init.a, (p, i) => step(p, ref.ga[i]!)), 2e-6);
      expectClose(out.weights.w0!, Array.from(init.w0!, (p, i) => step(p, ref.gw0[i]!)), 2e-6);
    });

    it('same seed, same network; another init seed, another network', async (ctx) => {
      if (!statuses.find((s) => s.name === name)!.available) return skipUnavailable(ctx, name);
      const spec = { architecture: 'plain', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' }, data: 'gaussian', n: 30, d: 5, seed: 2, sigma: 0, beta: 0, testSize: 50 } as const;
      const opts = { epochs: 40, backend: name, width: 12 };
      const a = await trainSpec(spec, opts);
      const b = await trainSpec(spec, opts);
      const c = await trainSpec(spec, { ...opts, seed: 'other' });
      expect(b.network).toEqual(a.network);
      expect(b.result.lossCurve).toEqual(a.result.lossCurve);
      expect(c.network).not.toEqual(a.network);
      expect(a.result.backend).toBe(name);
      expect(a.result.lossCurve.at(-1)!.loss).toBeLessThan(a.result.lossCurve[0]!.loss);
    });
  });
}
