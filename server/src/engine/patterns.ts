/**
 * Arrangement patterns D = diag(1[X h >= 0]) (science.md section 3): sampled directions, duplicates
 * and the all-zero mask removed, the planted neurons' own patterns added, and the all-ones pattern
 * added exactly when some h has X h > 0 for every row (decided by the minimum-norm point of the
 * convex hull of the rows: Gordan's alternative, solved exactly by Wolfe's algorithm).
 */
import { type Mat, matvec, dot, solveLinear, zeros } from './linalg.ts';
import { Rng } from './rng.ts';

export function maskOf(X: Mat, h: ArrayLike<number>): Uint8Array {
  const v = matvec(X, h);
  const m = new Uint8Array(X.r);
  for (let i = 0; i < X.r; i++) m[i] = v[i]! >= 0 ? 1 : 0;
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

/**
 * Minimum-norm point of conv{rows of X} (Wolfe 1976). If it is nonzero, h = p satisfies X h >= ||p||^2 > 0.
 * Returns h when the all-ones pattern is an arrangement (some h with X h > 0), else null.
 */
export function strictlyPositiveDirection(X: Mat): Float64Array | null {
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
