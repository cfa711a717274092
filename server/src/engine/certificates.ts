/**
 * Neural isometry conditions (science.md section 6). Each is max_{j not planted} ||A_j^T lambda|| for
 * the least-squares dual vector lambda = A_S (A_S^T A_S)^{-1} g_S, the minimum-norm solution of
 * A_S^T lambda = g_S, where S are the planted blocks and g_S their unit directions:
 *   NIC     (linear planted, skip):     A_S = X,          lambda = X (X^T X)^{-1} w
 *   NIC-1   (one planted ReLU, plain):  A_S = D_s X,      lambda = D_s X (X^T D_s X)^{-1} w
 *   NNIC-1/k (normalized):              A_S = [U_s ...],  lambda = U_S (U_S^T U_S)^{-1} [w_hat ...]
 * A value below 1 means the planted solution is optimal, and unique (dual strictly feasible), for the
 * relaxed program, and for the exact program too, since projecting onto a cone never increases a norm.
 */
import { type Mat, zeros, choleskyInPlace, cholSolveInPlace, norm2, orthonormalBasis } from './linalg.ts';
import { solveActiveSet } from './activeSet.ts';
import type { BlockFamily } from './blocks.ts';
import type { Certificate } from '@rlab/shared';

export interface PlantedBlock {
  block: number;
  /** planted coefficients in block coordinates */
  coef: Float64Array;
}

export function leastSquaresDual(family: BlockFamily, planted: PlantedBlock[]): Float64Array | null {
  const mats: Mat[] = planted.map((p) => family.matrix(family.blocks[p.block]!));
  const n = family.n;
  const k = mats.reduce((s, M) => s + M.c, 0);
  if (k === 0 || k > n) return null;
  // A_S (n x k), g (k)
  const A = zeros(n, k);
  const g = new Float64Array(k);
  let off = 0;
  planted.forEach((p, idx) => {
    const M = mats[idx]!;
    const nc = norm2(p.coef);
    for (let i = 0; i < n; i++) for (let c = 0; c < M.c; c++) A.a[i * k + off + c] = M.a[i * M.c + c]!;
    for (let c = 0; c < M.c; c++) g[off + c] = nc > 0 ? p.coef[c]! / nc : 0;
    off += M.c;
  });
  // (A^T A) x = g, lambda = A x
  const G = new Float64Array(k * k);
  family.kernels.syrkRows(k, n, null, 0, A.a, 0, k, null, 0, 0, G, 0, k);
  let maxDiag = 0;
  for (let a = 0; a < k; a++) maxDiag = Math.max(maxDiag, G[a * k + a]!);
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) G[a * k + b] = G[b * k + a]!;
  const L = G.slice();
  if (!choleskyInPlace(L, k)) return null;
  // reject numerically singular Gram matrices
  let minPivot = Infinity;
  for (let a = 0; a < k; a++) minPivot = Math.min(minPivot, L[a * k + a]! * L[a * k + a]!);
  if (minPivot < 1e-12 * maxDiag) return null;
  const x = g.slice();
  cholSolveInPlace(L, k, x);
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < k; a++) s += A.a[i * k + a]! * x[a]!;
    lambda[i] = s;
  }
  return lambda;
}

/** the isometry condition for an instance's planted blocks; null when none applies */
export function isometryCondition(family: BlockFamily, planted: PlantedBlock[], plantedPatterns: number[]): Certificate & { lambda?: Float64Array } {
  if (planted.length === 0) return { nic: null, kind: null };
  const lambda = leastSquaresDual(family, planted);
  const kind = certificateKind(family, planted.length);
  if (!lambda) return { nic: null, kind };
  const exclude = new Set(planted.map((p) => p.block));
  const excludedPatterns = new Set(plantedPatterns);
  // the plain value of every block (no cone projection: the conditions are stated without it)
  const values = family.dualValues(lambda, Infinity);
  let nic = 0;
  family.blocks.forEach((b, i) => {
    if (exclude.has(i) || (b.pattern >= 0 && excludedPatterns.has(b.pattern))) return;
    nic = Math.max(nic, values[i]!);
  });
  return { nic, kind, lambda };
}

function certificateKind(family: BlockFamily, k: number): Certificate['kind'] {
  if (family.architecture === 'skip') return 'NIC';
  if (family.architecture === 'normalized') return k === 1 ? 'NNIC-1' : 'NNIC-k';
  return k === 1 ? 'NIC-1' : 'NIC-k';
}

/**
 * The sharper certificate: the best dual vector, tau* = min_lambda max_{j not planted} ||A_j^T lambda||
 * subject to A_S^T lambda = g_S (science.md section 6). tau* <= NIC always (the least-squares lambda is
 * feasible), and tau* < 1 still certifies recovery. Solved through its conic dual,
 *   1 / tau* = min sum_j ||u_j||  s.t.  P_perp sum_j A_j u_j = 0,  lambda_LS^T sum_j A_j u_j = -1,
 * (P_perp projects onto range(A_S)^perp), a group lasso of the same shape as the recovery programs, so
 * the same column generation and interior-point method solve it.
 */
export function bestDualCertificate(family: BlockFamily, planted: PlantedBlock[], plantedPatterns: number[]): number | null {
  const lambdaLS = leastSquaresDual(family, planted);
  if (!lambdaLS) return null;
  const n = family.n;
  const mats = planted.map((p) => family.matrix(family.blocks[p.block]!));
  const cols: Float64Array[] = [];
  for (const M of mats)
    for (let c = 0; c < M.c; c++) {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = M.a[i * M.c + c]!;
      cols.push(col);
    }
  const k = orthonormalBasis(cols, n, 1e-10).c;
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(n);
    e[i] = 1;
    cols.push(e);
  }
  const full = orthonormalBasis(cols, n, 1e-8);
  const r = n - k + 1;
  const B = zeros(r, n);
  for (let j = k; j < full.c; j++) for (let i = 0; i < n; i++) B.a[(j - k) * n + i] = full.a[i * full.c + j]!;
  const nl = norm2(lambdaLS);
  for (let i = 0; i < n; i++) B.a[(r - 1) * n + i] = lambdaLS[i]! / nl;
  const rhs = new Float64Array(r);
  rhs[r - 1] = -1 / nl;
  const exclude = new Set<number>(planted.map((p) => p.block));
  const pats = new Set(plantedPatterns);
  family.blocks.forEach((b, i) => {
    if (b.pattern >= 0 && pats.has(b.pattern)) exclude.add(i);
  });
  const res = solveActiveSet(family, new Float64Array(n), { beta: 0, initial: [], exclude, noProjection: true, rowMap: { B, rhs } });
  if (res.status !== 'optimal' || res.residualNorm > 1e-7) return null;
  let obj = 0;
  for (const u of res.solution) if (u) obj += norm2(u);
  return obj > 0 ? 1 / obj : null;
}
