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
import { type Mat, orthonormalBasis, matTmul, matTvec, matmul, norm2 } from './linalg.ts';
import { solveIpm, type IpmBlock } from './ipm.ts';
import type { BlockFamily } from './blocks.ts';
import { solveAllBlocks, type AllBlocksProgram } from './allBlocks.ts';
import type { Kernels } from './kernels/index.ts';

export interface ActiveSetOptions {
  beta: number;
  /** blocks to start from (indices into family.blocks) */
  initial: number[];
  maxRounds?: number;
  /** relative violation that makes a block enter */
  enterTol?: number;
  /** blocks that take no part (never enter, never priced) */
  exclude?: Set<number>;
  /** price with plain norms ||A_j^T lambda|| even for exact programs (no cone projection) */
  noProjection?: boolean;
  /**
   * Constraints B (sum_b A_b u_b) = rhs instead of sum_b A_b u_b = y (B: r x n with orthonormal rows);
   * dual vectors are mapped back to R^n as B^T mu for pricing.
   */
  rowMap?: { B: Mat; rhs: Float64Array };
  /**
   * 'auto' (default): one interior-point solve over all blocks (allBlocks.ts) where it applies (plain and
   * skip programs, no row map or exclusions), else column generation; 'column-generation' forces the latter.
   */
  strategy?: 'auto' | 'column-generation';
  kernels?: Kernels;
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
  /** how optimality over all patterns was established */
  certifiedBy?: string;
  /** the solution is an interior-point solve's limit over all blocks: the centre of the optimal set when that is not a point */
  analyticCenter?: boolean;
}

export function solveActiveSet(family: BlockFamily, yIn: Float64Array, opts: ActiveSetOptions): ActiveSetResult {
  if (allBlocksApplies(family, opts)) {
    const r = solveOverAllBlocks(family, yIn, opts);
    if (r) return r;
  }
  return solveColumnGeneration(family, yIn, opts);
}

function allBlocksApplies(family: BlockFamily, opts: ActiveSetOptions): boolean {
  if ((opts.strategy ?? (process.env.RLAB_SOLVER === 'column-generation' ? 'column-generation' : 'auto')) !== 'auto') return false;
  if (opts.rowMap || (opts.exclude && opts.exclude.size > 0) || opts.noProjection) return false;
  return family.architecture !== 'normalized';
}

/** the exact penalty's scale: lambda scales like 1 / (typical entry of X) */
function elasticRho(family: BlockFamily): number {
  let fro = 0;
  for (let i = 0; i < family.X.a.length; i++) fro += family.X.a[i]! * family.X.a[i]!;
  const entry = Math.sqrt(fro / Math.max(1, family.X.a.length)) || 1;
  return 100 / entry;
}

/**
 * One interior-point solve over every block (allBlocks.ts), then the float64 pricing of every block with
 * its dual vector, which decides optimality: ||A_b^T lambda|| (relaxed), or for exact programs the bound
 * ||A_b^T lambda + G_b^T mu_b|| with the solve's own cone multipliers mu_b >= 0 (an upper bound of the
 * projection norm, so a block it clears is dual feasible), and the cone projection by NNLS only where
 * that bound does not clear the block. Returns null when the pricing finds a violator (the caller then
 * runs column generation).
 */
function solveOverAllBlocks(family: BlockFamily, y: Float64Array, opts: ActiveSetOptions): ActiveSetResult | null {
  const beta = opts.beta;
  const weight = beta > 0 ? beta : 1;
  const enterTol = opts.enterTol ?? 1e-7;
  const { n, d } = family;
  const B = family.blocks.length;
  const blockPattern = new Int32Array(B);
  const blockSign = new Int8Array(B);
  family.blocks.forEach((b, i) => {
    blockPattern[i] = b.pattern;
    blockSign[i] = b.sign;
  });
  const ynorm = Math.max(norm2(y), 1e-300);
  let rho = elasticRho(family);
  let iterations = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    const prog: AllBlocksProgram = {
      n, d, X: family.X.a, masks: family.masks, blockPattern, blockSign, exact: family.exact, weight, y,
      residual: beta > 0 ? { kind: 'quadratic' } : { kind: 'elastic', rho },
    };
    const res = solveAllBlocks(prog, { kernels: opts.kernels ?? family.kernels });
    iterations += res.iterations;
    if (process.env.RLAB_IPM_STATS) console.error(`all-blocks ${family.program} n=${n} d=${d} B=${B}: ${res.status}, ${res.iterations} iterations, ${res.refinements} refinements`);
    if (res.status !== 'optimal') return null;
    const residualNorm = beta === 0 ? norm2(res.r) : 0;
    if (beta === 0 && residualNorm > 1e-9 * ynorm && rho < 1e12) {
      rho *= 100;
      continue;
    }
    const lambda = res.lambda;
    const dual = family.dualValues(lambda, Infinity);
    const limit = weight * (1 + enterTol);
    if (family.exact && res.coneDual) {
      const mu = res.coneDual;
      const X = family.X.a;
      const c = new Float64Array(d);
      const v = new Float64Array(n);
      for (let b = res.coneStart; b < B; b++) {
        if (dual[b]! <= limit) continue;
        const ref = family.blocks[b]!;
        const mask = family.masks[ref.pattern]!;
        // c = A_b^T lambda + G_b^T mu_b = X^T (sigma m o lambda + (2m - 1) o mu_b)
        const mo = (b - res.coneStart) * n;
        for (let i = 0; i < n; i++) v[i] = (mask[i] ? ref.sign * lambda[i]! : 0) + (mask[i] ? 1 : -1) * mu[mo + i]!;
        c.fill(0);
        for (let i = 0; i < n; i++) {
          const vi = v[i]!;
          if (vi === 0) continue;
          for (let a = 0; a < d; a++) c[a]! += X[i * d + a]! * vi;
        }
        let bound = 0;
        for (let a = 0; a < d; a++) bound += c[a]! * c[a]!;
        bound = Math.sqrt(bound);
        if (bound <= limit) {
          dual[b] = Math.min(dual[b]!, bound);
          continue;
        }
        // the exact projection norm (NNLS), from A_b^T lambda
        c.fill(0);
        for (let i = 0; i < n; i++) {
          if (!mask[i]) continue;
          const li = ref.sign * lambda[i]!;
          for (let a = 0; a < d; a++) c[a]! += X[i * d + a]! * li;
        }
        dual[b] = family.coneProjectionNorm(ref, c);
      }
    }
    if (process.env.RLAB_IPM_STATS) {
      const plain = family.dualValues(lambda, Infinity);
      const h = [0.5, 0.8, 0.9, 0.99, 0.999999].map((t) => `${t}:${plain.filter((v) => v >= t * weight).length}/${dual.filter((v) => v >= t * weight).length}`);
      console.error(`  dual values (plain/projected) >= t: ${h.join(' ')} of ${B}`);
    }
    for (let b = 0; b < B; b++) if (dual[b]! > limit) {
      if (process.env.RLAB_IPM_STATS) console.error(`  pricing: block ${b} dual ${dual[b]} > ${limit}; status ${res.status} gap ${res.gap}`);
      return null;
    }
    const solution: (Float64Array | null)[] = res.u;
    let maxNorm = 0;
    for (const u of solution) maxNorm = Math.max(maxNorm, norm2(u!));
    let maxDualOutside = 0;
    let maxDualAll = 0;
    for (let b = 0; b < B; b++) {
      const val = dual[b]! / weight;
      maxDualAll = Math.max(maxDualAll, val);
      if (norm2(solution[b]!) <= 1e-3 * maxNorm) maxDualOutside = Math.max(maxDualOutside, val);
    }
    return {
      status: 'optimal', solution, lambda, dual, iterations, rounds,
      workingSet: Array.from({ length: B }, (_, i) => i), residualNorm, maxDualOutside, maxDualAll,
      certifiedBy: 'one interior-point solve over all blocks; every block priced with the final dual vector',
      analyticCenter: true,
    };
  }
}

function solveColumnGeneration(family: BlockFamily, yIn: Float64Array, opts: ActiveSetOptions): ActiveSetResult {
  const nFull = family.n;
  const rowMap = opts.rowMap;
  // the space the equality lives in: R^n, or the rows of B
  const n = rowMap ? rowMap.B.r : nFull;
  const y = rowMap ? rowMap.rhs : yIn;
  const excluded = opts.exclude ?? new Set<number>();
  const screen = opts.noProjection ? Infinity : undefined;
  /** lambda in R^n for pricing */
  const toFull = (mu: Float64Array): Float64Array => (rowMap ? matTvec(rowMap.B, mu) : mu);
  const beta = opts.beta;
  const weight = beta > 0 ? beta : 1;
  const enterTol = opts.enterTol ?? 1e-7;
  const maxRounds = opts.maxRounds ?? 200;
  const W: number[] = [];
  const inW = new Uint8Array(family.blocks.length);
  const addBlock = (b: number) => {
    if (b < 0 || inW[b] || excluded.has(b)) return;
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
    const dv = family.dualValues(toFull(Float64Array.from(y, (v) => v / ynorm)), Infinity);
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
      if (rowMap) M = matmul(rowMap.B, M);
      matrices.set(b, M);
    }
    return M;
  };
  const coneOf = (b: number): Mat | undefined => {
    if (!cones.has(b)) cones.set(b, family.cone(family.blocks[b]!));
    return cones.get(b);
  };

  // A_b A_b^T in original coordinates: D_b (X X^T) D_b for ReLU blocks, X X^T for the skip
  let XXt: Float64Array | null = null;
  const grams = new Map<number, Float64Array>();
  const gramOf = (b: number): Float64Array | null => {
    const ref = family.blocks[b]!;
    if (rowMap) return null;
    const cached = grams.get(b);
    if (cached) return cached;
    if (family.architecture === 'normalized' && ref.pattern >= 0) {
      // U_j U_j^T (lower triangle) from the block's n x r columns: one syrk
      const U = fullMatrix(b);
      const M = new Float64Array(n * n);
      family.kernels.syrk(false, n, U.c, 1, U.a, 0, U.c, 0, M, 0, n);
      grams.set(b, M);
      return M;
    }
    if (!XXt) {
      const X = family.X, d = family.d;
      XXt = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) {
          let acc = 0;
          for (let t = 0; t < d; t++) acc += X.a[i * d + t]! * X.a[j * d + t]!;
          XXt[i * n + j] = acc;
        }
    }
    const M = new Float64Array(n * n);
    if (ref.pattern < 0) M.set(XXt);
    else {
      const mask = family.masks[ref.pattern]!;
      for (let i = 0; i < n; i++) {
        if (!mask[i]) continue;
        for (let j = 0; j <= i; j++) if (mask[j]) M[i * n + j] = XXt[i * n + j]!;
      }
    }
    grams.set(b, M);
    return M;
  };

  let iterations = 0;
  let rounds = 0;
  let lambda: Float64Array = new Float64Array(n);
  let dual: Float64Array = new Float64Array(family.blocks.length);
  let sol: Float64Array[] = [];
  let residualNorm = 0;
  let status: ActiveSetResult['status'] = 'max-rounds';

  for (rounds = 1; rounds <= maxRounds; rounds++) {
    // Coordinates: when the working set's columns can span R^n, stay in the original coordinates (the
    // elastic residual keeps the Newton systems nonsingular whatever the rank); otherwise project onto
    // the span of the working set's columns and y, which makes the Schur complement small.
    let totalDim = 1;
    for (const b of W) totalDim += family.blockDim(family.blocks[b]!);
    const full = totalDim >= n;
    let Q: Mat = { r: n, c: n, a: new Float64Array(0) };
    if (!full) {
      const cols: Float64Array[] = [Float64Array.from(y)];
      for (const b of W) {
        const M = fullMatrix(b);
        for (let c = 0; c < M.c; c++) {
          const col = new Float64Array(n);
          for (let i = 0; i < n; i++) col[i] = M.a[i * M.c + c]!;
          cols.push(col);
        }
      }
      Q = orthonormalBasis(cols, n, 1e-11);
    }
    const m = Q.c;
    const yq = full ? Float64Array.from(y) : new Float64Array(m);
    if (!full) for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) yq[k]! += Q.a[i * m + k]! * y[i]!;
    const blocks: IpmBlock[] = W.map((b) => {
      const Ahat = full ? fullMatrix(b) : matTmul(Q, fullMatrix(b));
      const G = coneOf(b);
      if (G) return { d: Ahat.c, A: Ahat.a, weight, G };
      const blk: IpmBlock = { d: Ahat.c, A: Ahat.a, weight };
      if (full) {
        const M = gramOf(b);
        if (M) blk.AAt = M;
      }
      return blk;
    });
    const res = solveIpm({ m, blocks, b: yq, residual: beta > 0 ? { kind: 'quadratic' } : { kind: 'elastic', rho }, kernels: family.kernels });
    if (process.env.RLAB_IPM_STATS) console.error(`round ${rounds}: W=${W.length} full=${full} m=${m} its=${res.iterations} status=${res.status}`);
    iterations += res.iterations;
    if (res.status !== 'optimal') status = 'ipm-failed';
    sol = res.u;
    lambda = new Float64Array(n);
    if (full) lambda.set(res.lambda);
    else
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += Q.a[i * m + k]! * res.lambda[k]!;
        lambda[i] = s;
      }
    residualNorm = res.r && beta === 0 ? norm2(res.r) : 0;
    // a cone projection never increases a norm: only blocks whose plain value could violate need one
    dual = family.dualValues(toFull(lambda), screen ?? weight * (1 + enterTol));
    const violators: number[] = [];
    for (let b = 0; b < dual.length; b++) if (!inW[b] && !excluded.has(b) && dual[b]! > weight * (1 + enterTol)) violators.push(b);
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
    if (excluded.has(b)) continue;
    const v = dual[b]! / weight;
    maxDualAll = Math.max(maxDualAll, v);
    const s = solution[b];
    if (!s || norm2(s) <= 1e-3 * maxNorm) maxDualOutside = Math.max(maxDualOutside, v);
  }
  return { status, solution, lambda: toFull(lambda), dual, iterations, rounds, workingSet: W.slice(), residualNorm, maxDualOutside, maxDualAll };
}

