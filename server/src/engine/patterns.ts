/**
 * Arrangement patterns D = diag(1[X h >= 0]) (science.md section 3): sampled directions, duplicates
 * and the all-zero mask removed, the planted neurons' own patterns added, and the all-ones pattern
 * added exactly when some h has X h > 0 for every row (decided by the minimum-norm point of the
 * convex hull of the rows: Gordan's alternative, solved exactly by Wolfe's algorithm).
 */
import type { Mat } from './linalg.ts';
import { Rng } from './rng.ts';
import { kernels, tsKernels } from './kernels/index.ts';

export function maskOf(X: Mat, h: ArrayLike<number>): Uint8Array {
  // the sign of (X h)_i, summed in matvec's order (so the masks are the same bits as before)
  // four rows at a time: independent sums, each still in matvec's order
  const n = X.r, d = X.c, a = X.a;
  const m = new Uint8Array(n);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    const a0 = i * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
    for (let j = 0; j < d; j++) {
      const hj = h[j]!;
      s0 += a[a0 + j]! * hj;
      s1 += a[a1 + j]! * hj;
      s2 += a[a2 + j]! * hj;
      s3 += a[a3 + j]! * hj;
    }
    m[i] = s0 >= 0 ? 1 : 0;
    m[i + 1] = s1 >= 0 ? 1 : 0;
    m[i + 2] = s2 >= 0 ? 1 : 0;
    m[i + 3] = s3 >= 0 ? 1 : 0;
  }
  for (; i < n; i++) {
    let s = 0;
    const ai = i * d;
    for (let j = 0; j < d; j++) s += a[ai + j]! * h[j]!;
    m[i] = s >= 0 ? 1 : 0;
  }
  return m;
}

function maskKey(m: Uint8Array): string {
  let s = '';
  for (let i = 0; i < m.length; i += 16) {
    let v = 0;
    for (let j = i; j < Math.min(i + 16, m.length); j++) v = (v << 1) | m[j]!;
    s += String.fromCharCode(v + 1);
  }
  return s;
}

export function isAllOnes(m: Uint8Array): boolean {
  for (let i = 0; i < m.length; i++) if (!m[i]) return false;
  return true;
}

/** x . row i of X (row-major, d columns), in dot()'s order */
function rowDot(a: Float64Array, i: number, d: number, x: ArrayLike<number>): number {
  let s = 0;
  const ai = i * d;
  for (let t = 0; t < d; t++) s += x[t]! * a[ai + t]!;
  return s;
}

/** row i . row j of X, in dot()'s order */
function rowRowDot(a: Float64Array, i: number, j: number, d: number): number {
  let s = 0;
  const ai = i * d, aj = j * d;
  for (let t = 0; t < d; t++) s += a[ai + t]! * a[aj + t]!;
  return s;
}

/**
 * Gaussian elimination with partial pivoting on the k x k system in M (row-major, overwritten), right-hand
 * side and solution in x: the operations of linalg's solveLinear, in the same order, without its copies.
 * Returns false on a zero pivot (where solveLinear throws). From k = 12 on in the kernels (gaussSolve: the
 * same operations in WebAssembly, the same bits), below on this thread (no call overhead).
 */
function solveLinearInPlace(M: Float64Array, k: number, x: Float64Array): boolean {
  if (k >= 12) return kernels().gaussSolve(k, M, 0, x, 0);
  return tsKernels.gaussSolve(k, M, 0, x, 0);
}

/**
 * Minimum-norm point of conv{rows of X} (Wolfe 1976). If it is nonzero, h = p satisfies X h >= ||p||^2 > 0.
 * Returns h when the all-ones pattern is an arrangement (some h with X h > 0), else null.
 *
 * Allocation-free in its loops: the rows are read in place, the Gram matrix of the corral S is kept and
 * updated as S changes (each entry computed once, by the same dot product as before), and the affine
 * system is solved in preallocated storage. Every floating-point operation is the one of the earlier
 * version, in the same order, so the answers are the same bits (test/engine/patterns.test.ts keeps that
 * version as the reference).
 */
export function strictlyPositiveDirection(X: Mat): Float64Array | null {
  const n = X.r, d = X.c, a = X.a;
  if (n === 0) return null;
  const norms = new Float64Array(n);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    norms[i] = rowRowDot(a, i, i, d);
    scale = Math.max(scale, norms[i]!);
  }
  if (scale === 0) return null;
  // start from the row of least norm
  let start = 0;
  for (let i = 1; i < n; i++) if (norms[i]! < norms[start]!) start = i;
  // corral S (row indices) with weights lam; G = Gram matrix of S (capacity cap x cap, grown if needed)
  let cap = Math.min(n, d + 2) + 1;
  let S = new Int32Array(cap);
  let lam = new Float64Array(cap);
  let G = new Float64Array(cap * cap);
  let K = new Float64Array((cap + 1) * (cap + 1));
  let mu = new Float64Array(cap + 1);
  let keepBuf = new Uint8Array(cap);
  let k = 1;
  S[0] = start;
  lam[0] = 1;
  G[0] = norms[start]!;
  const x = Float64Array.from(a.subarray(start * d, (start + 1) * d));
  const tol = 1e-12 * scale;
  for (let outer = 0; outer < 50 * (n + d); outer++) {
    let xx = 0;
    for (let t = 0; t < d; t++) xx += x[t]! * x[t]!;
    if (xx <= 1e-24 * scale) return null; // origin is in the hull
    // the row most opposed to x: x . row i for four rows at a time (four independent sums, each in
    // dot()'s order, so the same bits), compared in row order
    let j = -1, best = Infinity;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const a0 = i * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
      for (let t = 0; t < d; t++) {
        const xt = x[t]!;
        s0 += xt * a[a0 + t]!;
        s1 += xt * a[a1 + t]!;
        s2 += xt * a[a2 + t]!;
        s3 += xt * a[a3 + t]!;
      }
      if (s0 < best) { best = s0; j = i; }
      if (s1 < best) { best = s1; j = i + 1; }
      if (s2 < best) { best = s2; j = i + 2; }
      if (s3 < best) { best = s3; j = i + 3; }
    }
    for (; i < n; i++) {
      const v = rowDot(a, i, d, x);
      if (v < best) { best = v; j = i; }
    }
    if (best >= xx - tol) break;
    let inS = false;
    for (let s = 0; s < k; s++) if (S[s] === j) { inS = true; break; }
    if (inS) break;
    if (k === cap) {
      // grow the corral's storage (rare: more than d + 2 points)
      const ncap = 2 * cap;
      const nG = new Float64Array(ncap * ncap);
      for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) nG[r * ncap + c] = G[r * cap + c]!;
      const nS = new Int32Array(ncap); nS.set(S);
      const nl = new Float64Array(ncap); nl.set(lam);
      S = nS; lam = nl; G = nG; cap = ncap;
      K = new Float64Array((cap + 1) * (cap + 1));
      mu = new Float64Array(cap + 1);
      keepBuf = new Uint8Array(cap);
    }
    S[k] = j;
    lam[k] = 0;
    for (let s = 0; s < k; s++) {
      // dot(row(S[s]), row(j)) and dot(row(j), row(S[s])) are the same bits (products commute)
      const g = rowRowDot(a, S[s]!, j, d);
      G[s * cap + k] = g;
      G[k * cap + s] = g;
    }
    G[k * cap + k] = norms[j]!;
    k++;
    for (let inner = 0; inner < 2 * d + 10; inner++) {
      // affine minimizer: [G 1; 1^T 0][mu; nu] = [0; 1]
      const k1 = k + 1;
      for (let r = 0; r < k; r++) {
        for (let c = 0; c < k; c++) K[r * k1 + c] = G[r * cap + c]!;
        K[r * k1 + k] = 1;
        K[k * k1 + r] = 1;
        mu[r] = 0;
      }
      K[k * k1 + k] = 0;
      mu[k] = 1;
      if (!solveLinearInPlace(K, k1, mu)) break;
      let allPos = true;
      for (let r = 0; r < k; r++) if (mu[r]! <= 1e-14) { allPos = false; break; }
      if (allPos) {
        for (let r = 0; r < k; r++) lam[r] = mu[r]!;
        break;
      }
      let theta = 1;
      for (let r = 0; r < k; r++) {
        if (mu[r]! <= 1e-14 && lam[r]! - mu[r]! > 0) theta = Math.min(theta, lam[r]! / (lam[r]! - mu[r]!));
      }
      for (let r = 0; r < k; r++) {
        lam[r] = lam[r]! + theta * (mu[r]! - lam[r]!);
        keepBuf[r] = lam[r]! > 1e-14 ? 1 : 0;
      }
      // drop the points whose weight vanished, compacting S, lam and G in place (order kept)
      let w = 0;
      for (let r = 0; r < k; r++) {
        if (!keepBuf[r]) continue;
        S[w] = S[r]!;
        lam[w] = lam[r]!;
        let wc = 0;
        for (let c = 0; c < k; c++) if (keepBuf[c]) G[w * cap + wc++] = G[r * cap + c]!;
        w++;
      }
      k = w;
      let sum = 0;
      for (let r = 0; r < k; r++) sum += lam[r]!;
      for (let r = 0; r < k; r++) lam[r] = lam[r]! / sum;
    }
    x.fill(0);
    for (let r = 0; r < k; r++) {
      const off = S[r]! * d;
      for (let t = 0; t < d; t++) x[t]! += lam[r]! * a[off + t]!;
    }
  }
  // verify: the candidate must make every row strictly positive
  let minv = Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const ai = i * d;
    for (let t = 0; t < d; t++) s += a[ai + t]! * x[t]!;
    minv = Math.min(minv, s);
  }
  let xx = 0;
  for (let t = 0; t < d; t++) xx += x[t]! * x[t]!;
  return minv > 1e-10 * Math.sqrt(scale) * Math.sqrt(xx) ? x : null;
}

export interface PatternSet {
  masks: Uint8Array[];
  /** index of each planted neuron's own pattern */
  plantedIndex: number[];
  allOnesIndex: number;
  sampled: boolean;
}

/** sampled pattern set of science.md section 3 */
export function samplePatterns(
  X: Mat,
  options: { samples?: number; plantedW?: Float64Array[]; seedKey: string },
): PatternSet {
  const n = X.r, d = X.c;
  const P = options.samples ?? Math.max(n, 50);
  const rng = new Rng(`${options.seedKey}|patterns|${P}`);
  const seen = new Map<string, number>();
  const masks: Uint8Array[] = [];
  const add = (m: Uint8Array): number => {
    const key = maskKey(m);
    const at = seen.get(key);
    if (at !== undefined) return at;
    let any = false;
    for (let i = 0; i < n; i++) if (m[i]) { any = true; break; }
    if (!any) return -1;
    seen.set(key, masks.length);
    masks.push(m);
    return masks.length - 1;
  };
  for (let p = 0; p < P; p++) add(maskOf(X, rng.normals(d)));
  const plantedIndex = (options.plantedW ?? []).map((w) => add(maskOf(X, w)));
  let allOnesIndex = -1;
  const ones = new Uint8Array(n).fill(1);
  const existing = seen.get(maskKey(ones));
  if (existing !== undefined) allOnesIndex = existing;
  else if (strictlyPositiveDirection(X)) allOnesIndex = add(ones);
  return { masks, plantedIndex, allOnesIndex, sampled: true };
}

/** the pattern set given by a case file, used as is */
export function givenPatterns(masks: Uint8Array[], X: Mat, plantedW: Float64Array[]): PatternSet {
  const keys = masks.map(maskKey);
  const plantedIndex = plantedW.map((w) => keys.indexOf(maskKey(maskOf(X, w))));
  const allOnesIndex = masks.findIndex(isAllOnes);
  return { masks, plantedIndex, allOnesIndex, sampled: false };
}
