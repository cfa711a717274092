/**
 * The allocation-free strictlyPositiveDirection (Wolfe's minimum-norm point) and maskOf give the same bits
 * as the earlier versions, kept here verbatim as the reference (they allocated a subarray per row, the
 * Gram matrix and the linear system per inner step). Random, planted-like and degenerate matrices.
 */
import { describe, expect, it } from 'vitest';
import { type Mat, matvec, dot, solveLinear, zeros } from '../../src/engine/linalg.ts';
import { strictlyPositiveDirection, maskOf } from '../../src/engine/patterns.ts';
import { Rng } from '../../src/engine/rng.ts';

function referenceMaskOf(X: Mat, h: ArrayLike<number>): Uint8Array {
  const v = matvec(X, h);
  const m = new Uint8Array(X.r);
  for (let i = 0; i < X.r; i++) m[i] = v[i]! >= 0 ? 1 : 0;
  return m;
}

/* the version before the allocation-free rewrite, unchanged */
function referenceStrictlyPositiveDirection(X: Mat): Float64Array | null {
  const n = X.r, d = X.c;
  const row = (i: number) => X.a.subarray(i * d, (i + 1) * d);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, dot(row(i), row(i)));
  if (scale === 0) return null;
  // start from the row of least norm
  let start = 0;
  for (let i = 1; i < n; i++) if (dot(row(i), row(i)) < dot(row(start), row(start))) start = i;
  let S: number[] = [start];
  let lam: number[] = [1];
  const x = Float64Array.from(row(start));
  const tol = 1e-12 * scale;
  for (let outer = 0; outer < 50 * (n + d); outer++) {
    const xx = dot(x, x);
    if (xx <= 1e-24 * scale) return null; // origin is in the hull
    let j = -1, best = Infinity;
    for (let i = 0; i < n; i++) {
      const v = dot(x, row(i));
      if (v < best) { best = v; j = i; }
    }
    if (best >= xx - tol || S.includes(j)) break;
    S.push(j);
    lam.push(0);
    for (let inner = 0; inner < 2 * d + 10; inner++) {
      const k = S.length;
      // affine minimizer: [G 1; 1^T 0][mu; nu] = [0; 1]
      const K = zeros(k + 1, k + 1);
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) K.a[a * (k + 1) + b] = dot(row(S[a]!), row(S[b]!));
        K.a[a * (k + 1) + k] = 1;
        K.a[k * (k + 1) + a] = 1;
      }
      const rhs = new Float64Array(k + 1);
      rhs[k] = 1;
      let mu: Float64Array;
      try {
        mu = solveLinear(K, rhs);
      } catch {
        break;
      }
      let allPos = true;
      for (let a = 0; a < k; a++) if (mu[a]! <= 1e-14) { allPos = false; break; }
      if (allPos) {
        lam = Array.from(mu.subarray(0, k));
        break;
      }
      let theta = 1;
      for (let a = 0; a < k; a++) {
        if (mu[a]! <= 1e-14 && lam[a]! - mu[a]! > 0) theta = Math.min(theta, lam[a]! / (lam[a]! - mu[a]!));
      }
      lam = lam.map((l, a) => l + theta * (mu[a]! - l));
      const keep = lam.map((l) => l > 1e-14);
      S = S.filter((_, a) => keep[a]);
      lam = lam.filter((_, a) => keep[a]);
      const sum = lam.reduce((s, v) => s + v, 0);
      lam = lam.map((l) => l / sum);
    }
    x.fill(0);
    for (let a = 0; a < S.length; a++) {
      const r = row(S[a]!);
      for (let t = 0; t < d; t++) x[t]! += lam[a]! * r[t]!;
    }
  }
  // verify: the candidate must make every row strictly positive
  const v = matvec(X, x);
  let minv = Infinity;
  for (let i = 0; i < n; i++) minv = Math.min(minv, v[i]!);
  return minv > 1e-10 * Math.sqrt(scale) * Math.sqrt(dot(x, x)) ? x : null;
}

function matrix(n: number, d: number, rng: Rng, shift = 0): Mat {
  const X = zeros(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X.a[i * d + j] = rng.normal() + (j === 0 ? shift : 0);
  return X;
}

function same(a: Float64Array | null, b: Float64Array | null): void {
  if (a === null || b === null) {
    expect(a).toBe(b);
    return;
  }
  expect(Array.from(a)).toEqual(Array.from(b)); // toEqual on numbers is Object.is: bit-identical (and -0 vs 0)
}

describe('strictlyPositiveDirection (allocation-free) = the reference, bit for bit', () => {
  it('random matrices, with and without a strictly positive direction', () => {
    const rng = new Rng('patterns-test');
    let found = 0, none = 0;
    for (const [n, d] of [[1, 1], [2, 1], [3, 2], [5, 3], [10, 10], [20, 5], [40, 20], [100, 40], [120, 10], [60, 59]] as const) {
      for (const shift of [0, 0.5, 1, 3]) {
        const X = matrix(n, d, rng, shift);
        const got = strictlyPositiveDirection(X);
        same(got, referenceStrictlyPositiveDirection(X));
        if (got) found++; else none++;
      }
    }
    // both outcomes occur, so both branches are compared
    expect(found).toBeGreaterThan(5);
    expect(none).toBeGreaterThan(5);
  });

  it('degenerate inputs: zero rows, repeated rows, a single row, collinear rows', () => {
    const rng = new Rng('patterns-degenerate');
    const cases: Mat[] = [zeros(4, 3), zeros(0, 3)];
    const rep = matrix(1, 4, rng, 1);
    const R = zeros(6, 4);
    for (let i = 0; i < 6; i++) R.a.set(rep.a, i * 4);
    cases.push(R);
    const C = zeros(5, 2);
    for (let i = 0; i < 5; i++) { C.a[i * 2] = i - 2; C.a[i * 2 + 1] = 2 * (i - 2); }
    cases.push(C);
    const Z = matrix(8, 3, rng, 2);
    Z.a.fill(0, 0, 3); // one zero row: no strictly positive direction
    cases.push(Z);
    for (const X of cases) same(strictlyPositiveDirection(X), referenceStrictlyPositiveDirection(X));
  });

  it('maskOf gives the masks of X h >= 0 computed by matvec', () => {
    const rng = new Rng('patterns-masks');
    for (const [n, d] of [[1, 1], [7, 3], [100, 40]] as const) {
      const X = matrix(n, d, rng);
      for (let t = 0; t < 20; t++) {
        const h = rng.normals(d);
        expect(Array.from(maskOf(X, h))).toEqual(Array.from(referenceMaskOf(X, h)));
      }
    }
  });
});
