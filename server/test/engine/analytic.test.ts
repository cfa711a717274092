/**
 * Cases whose optimum is known in closed form, so the solver is checked against mathematics, not only
 * against another solver. Tolerances: the interior-point method stops at a relative gap of 1e-10, so
 * objectives agree to ~1e-8.
 */
import { describe, expect, it } from 'vitest';
import { solveInstance } from '../../src/engine/solve.ts';
import { solveIpm } from '../../src/engine/ipm.ts';
import { solveAllBlocks } from '../../src/engine/allBlocks.ts';
import { tsKernels, getKernels, wasmSimdAvailable } from '../../src/engine/kernels/index.ts';
import type { Instance } from '../../src/engine/instance.ts';
import { fromRows, zeros, matvec, norm2, solveLinear, matmulT, matTvec, symEig, symEigQL } from '../../src/engine/linalg.ts';
import { Rng } from '../../src/engine/rng.ts';
import { maskOf } from '../../src/engine/patterns.ts';

function identity(n: number) {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I.a[i * n + i] = 1;
  return I;
}

function unitMasks(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => {
    const m = new Uint8Array(n);
    m[i] = 1;
    return m;
  });
}

describe('closed-form optima', () => {
  it('orthogonal design, one-sample patterns: the objective is sum |y_i| (relaxed)', () => {
    const n = 6;
    const y = Float64Array.from([0.5, -1.25, 2, 0, 0.75, -0.1]);
    const inst: Instance = { name: 'ortho', architecture: 'plain', program: 'relaxed', beta: 0, X: identity(n), y, patterns: unitMasks(n), planted: null, test: null };
    const { result } = solveInstance(inst);
    expect(result.objective).toBeCloseTo(y.reduce((s, v) => s + Math.abs(v), 0), 8);
    // every nonzero label needs its own neuron
    expect(result.activeNeurons).toBe(5);
  });

  it('orthogonal design, exact program: positive labels on u blocks, negative on v blocks', () => {
    const n = 5;
    const y = Float64Array.from([1, -2, 0.5, -0.25, 3]);
    const inst: Instance = { name: 'ortho-exact', architecture: 'plain', program: 'exact', beta: 0, X: identity(n), y, patterns: unitMasks(n), planted: null, test: null };
    const { result } = solveInstance(inst);
    expect(result.objective).toBeCloseTo(6.75, 8);
    for (const nrn of result.neurons) {
      const i = nrn.pattern!;
      expect(Math.sign(nrn.a)).toBe(Math.sign(y[i]!));
      expect(nrn.a * nrn.a).toBeCloseTo(Math.abs(y[i]!), 7); // a^2 = ||u||
    }
  });

  it('skip only (a single all-zero-free pattern set is absent): min-norm least squares w = X^T (X X^T)^{-1} y', () => {
    const rng = new Rng('skip-minnorm');
    const n = 4, d = 7;
    const X = fromRows(Array.from({ length: n }, () => Array.from(rng.normals(d))));
    const y = rng.normals(n);
    // one pattern that is never useful: the all-ones mask would duplicate X, so give a single-sample mask
    const mask = new Uint8Array(n);
    mask[0] = 1;
    const inst: Instance = { name: 'skip', architecture: 'skip', program: 'relaxed', beta: 0, X, y, patterns: [mask], planted: null, test: null };
    const { result } = solveInstance(inst);
    // compare with the relaxation that has only the skip: objective can only be <= ||w_ls||
    const w = matTvec(X, solveLinear(matmulT(X, X), y));
    expect(result.objective).toBeLessThanOrEqual(norm2(w) + 1e-9);
    expect(result.primalInfeasibility!).toBeLessThan(1e-9);
  });

  it('group soft-thresholding: one orthonormal block with beta > 0', () => {
    // min 1/2 ||u - y||^2 + beta ||u||  =>  u = max(0, 1 - beta/||y||) y
    const n = 5;
    const y = Float64Array.from([1, 2, -1, 0.5, 3]);
    const beta = 0.7;
    const res = solveIpm({ m: n, blocks: [{ d: n, A: identity(n).a, weight: beta }], b: y, residual: { kind: 'quadratic' } });
    const ny = norm2(y);
    const shrink = 1 - beta / ny;
    for (let i = 0; i < n; i++) expect(res.u[0]![i]).toBeCloseTo(shrink * y[i]!, 8);
    const obj = 0.5 * (beta * beta) + beta * shrink * ny;
    expect(res.primalObjective).toBeCloseTo(obj, 8);
    expect(res.status).toBe('optimal');
  });

  it('minimum-norm interpolation with one block: ||A^T (A A^T)^{-1} b|| and a feasible dual', () => {
    const rng = new Rng('minnorm');
    const m = 6, d = 9;
    const A = { r: m, c: d, a: rng.normals(m * d) };
    const b = rng.normals(m);
    for (const residual of [{ kind: 'none' as const }, { kind: 'elastic' as const, rho: 1e3 }]) {
      const res = solveIpm({ m, blocks: [{ d, A: A.a, weight: 1 }], b, residual });
      const u = matTvec(A, solveLinear(matmulT(A, A), b));
      expect(res.primalObjective).toBeCloseTo(norm2(u), 7);
      // dual: ||A^T lambda|| = 1 at the optimum (the block is active) and b^T lambda = objective
      expect(norm2(matTvec(A, res.lambda))).toBeCloseTo(1, 7);
      expect(res.lambda.reduce((s, v, i) => s + v * b[i]!, 0)).toBeCloseTo(norm2(u), 7);
    }
  });

  it('all blocks, elastic residual: labels no block can reach stay in r, in closed form (the start has r = 0)', () => {
    // X = I_5, patterns {0}, {1}, {2}: rows 3 and 4 are in no pattern. minimize sum_{i<3} |y_i - r_i| +
    // rho ||r|| with r_3 = y_3, r_4 = y_4: at the optimum r_i = sign(y_i) R / rho for i < 3 (while R / rho
    // < |y_i|), so R^2 = 3 R^2 / rho^2 + y_3^2 + y_4^2 and the objective is sum |y_i| - 3 R / rho + rho R
    const n = 5;
    const y = Float64Array.from([1, -2, 0.5, 0.75, -1]);
    const masks = unitMasks(n).slice(0, 3);
    const rho = 10;
    const R = Math.hypot(0.75, 1) / Math.sqrt(1 - 3 / (rho * rho));
    const rOpt = [R / rho, -R / rho, R / rho, 0.75, -1];
    const kernelSets = wasmSimdAvailable() ? [tsKernels, getKernels('wasm')] : [tsKernels];
    for (const kernels of kernelSets)
      for (const exact of [false, true]) {
        const blockPattern = Int32Array.from(exact ? [0, 0, 1, 1, 2, 2] : [0, 1, 2]);
        const blockSign = Int8Array.from(exact ? [1, -1, 1, -1, 1, -1] : [1, 1, 1]);
        const res = solveAllBlocks({ n, d: n, X: identity(n).a, masks, blockPattern, blockSign, exact, weight: 1, y, residual: { kind: 'elastic', rho } }, { kernels });
        expect(res.status).toBe('optimal');
        expect(res.primalObjective).toBeCloseTo(3.5 - (3 * R) / rho + rho * R, 7);
        for (let i = 0; i < n; i++) expect(res.r[i]).toBeCloseTo(rOpt[i]!, 7);
        // the fitted part of each label on its own pattern's blocks (exact: on u for positive labels, on v for negative)
        for (let j = 0; j < 3; j++) {
          let fit = 0;
          res.u.forEach((u, b) => {
            if (blockPattern[b] !== j) return;
            fit += blockSign[b]! * u[j]!;
            if (exact) expect(blockSign[b]! * u[j]!).toBeCloseTo(blockSign[b]! === Math.sign(y[j]!) ? y[j]! - rOpt[j]! : 0, 7);
          });
          expect(fit).toBeCloseTo(y[j]! - rOpt[j]!, 7);
        }
      }
  });

  it('a planted neuron on an orthogonal design is recovered, and the least-squares dual certifies it', () => {
    // X = I_n (n = d), planted w with all-positive entries on a subset: D_s = its support
    const n = 8;
    const X = identity(n);
    const w = new Float64Array(n);
    w[1] = 0.6;
    w[4] = 0.8;
    const y = matvec(X, w).map((v) => Math.max(v, 0));
    // one-sample masks plus the planted pattern 1[X w >= 0] (all ones here: zero entries count as >= 0)
    const masks = [...unitMasks(n), maskOf(X, w)];
    const inst: Instance = { name: 'ortho-planted', architecture: 'plain', program: 'relaxed', beta: 0, X, y, patterns: masks, planted: { neurons: [{ w, a: 1 }], skip: null }, test: null };
    const { result } = solveInstance(inst, { certificateShortcut: false });
    // splitting y over the two one-sample blocks costs 0.6 + 0.8 = 1.4 > ||w|| = 1
    expect(result.objective).toBeCloseTo(1, 8);
    expect(result.recovered).toBe(true);
    // without the planted pattern the optimum is the split, 1.4
    const split = solveInstance({ ...inst, patterns: unitMasks(n) }, { certificateShortcut: false }).result;
    expect(split.objective).toBeCloseTo(1.4, 8);
    expect(split.recovered).toBe(false);
  });
});

describe('symEigQL (the per-pattern bases of normalized programs)', () => {
  it('agrees with the Jacobi reference: reconstruction, orthogonality, eigenvalues (also rank-deficient Gram matrices)', () => {
    const rng = new Rng('symEigQL');
    for (const [n, r] of [[1, 3], [2, 1], [5, 9], [12, 4], [40, 60], [41, 20]] as const) {
      const G = zeros(r, n);
      for (let i = 0; i < G.a.length; i++) G.a[i] = rng.normal();
      const S = zeros(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) S.a[i * n + j]! += G.a[k * n + i]! * G.a[k * n + j]!;
      const scale = Math.max(...S.a.map(Math.abs));
      const { values, vectors: V } = symEigQL(S);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let rec = 0, orth = 0;
          for (let k = 0; k < n; k++) {
            rec += V.a[i * n + k]! * values[k]! * V.a[j * n + k]!;
            orth += V.a[k * n + i]! * V.a[k * n + j]!;
          }
          expect(Math.abs(rec - S.a[i * n + j]!)).toBeLessThan(1e-12 * scale);
          expect(Math.abs(orth - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        }
      const ref = Array.from(symEig(S).values).sort((a, b) => a - b);
      const got = Array.from(values).sort((a, b) => a - b);
      for (let i = 0; i < n; i++) expect(Math.abs(got[i]! - ref[i]!)).toBeLessThan(1e-12 * scale);
    }
  });
});
