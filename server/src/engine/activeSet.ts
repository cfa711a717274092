/**
 * Column generation (active set) for the convex programs: solve the program on a working set of blocks
 * with the interior-point method, price every other block with the dual vector lambda, add the violators,
 * repeat until no block violates its dual constraint. A recovered instance has one or a few active
 * blocks, so the working set stays small and each restricted solve is cheap; the final pricing pass is
 * the optimality certificate over ALL patterns.
 *
 * The restricted program lives in the span of the working set's columns and y (an orthonormal basis Q),
 * and carries an elastic residual r with an exact penalty rho ||r|| (min-norm programs), so that it is
 * always feasible; if rho turns out too small, it grows.
 */
import { type Mat, orthonormalBasis, matTmul, norm2 } from './linalg.ts';
import { solveIpm, type IpmBlock } from './ipm.ts';
import type { BlockFamily } from './blocks.ts';

export interface ActiveSetOptions {
  beta: number;
  /** blocks to start from (indices into family.blocks) */
  initial: number[];
  maxRounds?: number;
  /** relative violation that makes a block enter */
  enterTol?: number;
}

export interface ActiveSetResult {
  status: 'optimal' | 'max-rounds' | 'ipm-failed';
  /** per block of the family: its solution (null = zero) */
  solution: (Float64Array | null)[];
  lambda: Float64Array;
  dual: Float64Array;
  iterations: number;
  rounds: number;
  workingSet: number[];
  residualNorm: number;
  /** max over blocks outside the support of dual value / weight */
  maxDualOutside: number;
  maxDualAll: number;
}

export function solveActiveSet(family: BlockFamily, y: Float64Array, opts: ActiveSetOptions): ActiveSetResult {
  const n = family.n;
  const beta = opts.beta;
  const weight = beta > 0 ? beta : 1;
  const enterTol = opts.enterTol ?? 1e-7;
  const maxRounds = opts.maxRounds ?? 200;
  const W: number[] = [];
  const inW = new Uint8Array(family.blocks.length);
  const addBlock = (b: number) => {
    if (b < 0 || inW[b]) return;
    inW[b] = 1;
    W.push(b);
  };
  for (const b of opts.initial) addBlock(b);
  const ynorm = Math.max(norm2(y), 1e-300);
  // column scale for the exact penalty: lambda scales like 1 / (typical entry of X)
  let fro = 0;
  for (let i = 0; i < family.X.a.length; i++) fro += family.X.a[i]! * family.X.a[i]!;
  const entry = Math.sqrt(fro / Math.max(1, family.X.a.length)) || 1;
  let rho = 100 / entry;

  // seed the working set with the blocks most correlated with y
  if (W.length < 3) {
    const dv = family.dualValues(Float64Array.from(y, (v) => v / ynorm), Infinity);
    const order = Array.from(dv.keys()).sort((a, b) => dv[b]! - dv[a]!);
    for (const b of order) {
      if (W.length >= 3) break;
      addBlock(b);
    }
  }

  const matrices = new Map<number, Mat>();
  const cones = new Map<number, Mat | undefined>();
  const fullMatrix = (b: number): Mat => {
    let M = matrices.get(b);
    if (!M) {
      M = family.matrix(family.blocks[b]!);
      matrices.set(b, M);
    }
    return M;
  };
  const coneOf = (b: number): Mat | undefined => {
    if (!cones.has(b)) cones.set(b, family.cone(family.blocks[b]!));
    return cones.get(b);
  };

  let iterations = 0;
  let rounds = 0;
  let lambda: Float64Array = new Float64Array(n);
  let dual: Float64Array = new Float64Array(family.blocks.length);
  let sol: Float64Array[] = [];
  let residualNorm = 0;
  let status: ActiveSetResult['status'] = 'max-rounds';

  for (rounds = 1; rounds <= maxRounds; rounds++) {
    // reduced space: span of the working set's columns and y
    const cols: Float64Array[] = [Float64Array.from(y)];
    for (const b of W) {
      const M = fullMatrix(b);
      for (let c = 0; c < M.c; c++) {
        const col = new Float64Array(n);
        for (let i = 0; i < n; i++) col[i] = M.a[i * M.c + c]!;
        cols.push(col);
      }
    }
    const Q = orthonormalBasis(cols, n, 1e-11);
    const m = Q.c;
    const yq = new Float64Array(m);
    for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) yq[k]! += Q.a[i * m + k]! * y[i]!;
    const blocks: IpmBlock[] = W.map((b) => {
      const Ahat = matTmul(Q, fullMatrix(b));
      const G = coneOf(b);
      return G ? { d: Ahat.c, A: Ahat.a, weight, G } : { d: Ahat.c, A: Ahat.a, weight };
    });
    const res = solveIpm({ m, blocks, b: yq, residual: beta > 0 ? { kind: 'quadratic' } : { kind: 'elastic', rho } });
    iterations += res.iterations;
    if (res.status !== 'optimal') status = 'ipm-failed';
    sol = res.u;
    lambda = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += Q.a[i * m + k]! * res.lambda[k]!;
      lambda[i] = s;
    }
    residualNorm = res.r && beta === 0 ? norm2(res.r) : 0;
    dual = family.dualValues(lambda, weight * 0.99);
    const violators: number[] = [];
    for (let b = 0; b < dual.length; b++) if (!inW[b] && dual[b]! > weight * (1 + enterTol)) violators.push(b);
    if (violators.length === 0) {
      if (beta === 0 && residualNorm > 1e-9 * ynorm && rho < 1e12) {
        // the penalty was too small for this working set: make it larger and solve again
        rho *= 100;
        continue;
      }
      if (status !== 'ipm-failed') status = 'optimal';
      break;
    }
    status = 'max-rounds';
    violators.sort((a, b) => dual[b]! - dual[a]!);
    const batch = Math.max(4, Math.ceil(W.length / 2));
    for (const b of violators.slice(0, batch)) addBlock(b);
  }

  const solution: (Float64Array | null)[] = new Array(family.blocks.length).fill(null);
  let maxNorm = 0;
  W.forEach((b, k) => {
    solution[b] = sol[k] ?? null;
    maxNorm = Math.max(maxNorm, norm2(sol[k] ?? new Float64Array(0)));
  });
  let maxDualOutside = 0;
  let maxDualAll = 0;
  for (let b = 0; b < dual.length; b++) {
    const v = dual[b]! / weight;
    maxDualAll = Math.max(maxDualAll, v);
    const s = solution[b];
    if (!s || norm2(s) <= 1e-3 * maxNorm) maxDualOutside = Math.max(maxDualOutside, v);
  }
  return { status, solution, lambda, dual, iterations, rounds, workingSet: W.slice(), residualNorm, maxDualOutside, maxDualAll };
}
