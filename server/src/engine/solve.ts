/**
 * One solve, end to end: patterns, the convex program (by column generation), the network it encodes,
 * and every metric of science.md section 5, in the result format of case-format.md.
 */
import { certifies, type SolveResult, type NeuronOut } from '@rlab/shared';
import type { Instance } from './instance.ts';
import { samplePatterns, givenPatterns, type PatternSet } from './patterns.ts';
import { BlockFamily } from './blocks.ts';
import type { Kernels } from './kernels/index.ts';
import { solveActiveSet, type ActiveSetResult } from './activeSet.ts';
import { isometryCondition, bestDualCertificate, type PlantedBlock } from './certificates.ts';
import { matvec, norm2 } from './linalg.ts';
import { convexRecoveryMetrics, networkFromBlocks, plantedComparisonFields, plantedObjectiveOf, testErrorOf, type PlantedComparisonFields } from './metrics.ts';

/** moved to engine/metrics.ts; re-exported for existing importers */
export { predictNetwork } from './metrics.ts';

export interface SolveOptions {
  /** sampled directions when the instance has no patterns (default max(n, 50)) */
  patternSamples?: number;
  /** key for the pattern sampler's random stream */
  seedKey?: string;
  /** skip the isometry condition */
  skipCertificate?: boolean;
  /** also compute the best-dual certificate (a second convex program; costs about one solve) */
  bestDual?: boolean;
  /** exact programs: solve the (much cheaper) relaxed program first and keep its answer when it is exact-feasible (default true) */
  relaxedFirst?: boolean;
  /** accept the least-squares dual certificate as proof of optimality without an interior-point solve (default true) */
  certificateShortcut?: boolean;
  /** dense kernels for this solve (default: RLAB_KERNELS, else wasm where available); tsKernels is the reference path */
  kernels?: Kernels;
  /** 'auto' (default): one interior-point solve over all blocks where it applies; 'column-generation': the working-set solver (the reference design) */
  strategy?: 'auto' | 'column-generation';
  /** normalized programs: 'factor' (default) prices patterns by Cholesky factors, 'basis' by eigendecomposition bases (the reference path) */
  normalizedPricing?: 'factor' | 'basis';
  /** exact programs' cone projections in pricing: Gram-form NNLS (default) or the reference nnls (engine/blocks.ts) */
  conePricing?: 'gram' | 'reference';
}

export interface SolveOutput {
  result: SolveResult;
  /** the network, for storage */
  network: { neurons: NeuronOut[]; skip: number[] | null };
  patterns: PatternSet;
}

export function solveInstance(inst: Instance, options: SolveOptions = {}): SolveOutput {
  const t0 = performance.now();
  const { X, y } = inst;
  const n = X.r;
  const plantedW = inst.planted ? inst.planted.neurons.map((p) => p.w) : [];
  const patterns = inst.patterns
    ? givenPatterns(inst.patterns, X, plantedW)
    : samplePatterns(X, { samples: options.patternSamples, plantedW, seedKey: options.seedKey ?? inst.name });
  const family = new BlockFamily(X, patterns.masks, inst.architecture, inst.program, options.kernels, { normalizedPricing: options.normalizedPricing, conePricing: options.conePricing });
  const beta = inst.beta;

  // planted blocks in convex variables
  const plantedBlocks: PlantedBlock[] = [];
  let plantedComplete = !!inst.planted;
  if (inst.planted) {
    inst.planted.neurons.forEach((nrn, k) => {
      const pat = patterns.plantedIndex[k] ?? -1;
      const sign: 1 | -1 = nrn.a >= 0 ? 1 : -1;
      const block = pat >= 0 ? family.indexOf(pat, sign) : -1;
      if (block < 0) {
        plantedComplete = false;
        return;
      }
      let coef: Float64Array;
      if (inst.architecture === 'normalized') {
        // a NM((Xw)_+) = U_s u with u = a S V^T w / ||S V^T w||
        const B = family.basis(pat).SVt;
        const v = matvec(B, nrn.w);
        const nv = norm2(v);
        coef = v.map((x) => (nv > 0 ? (Math.abs(nrn.a) * x) / nv : 0));
      } else {
        coef = nrn.w.map((x) => Math.abs(nrn.a) * x);
        if (!family.exact && sign < 0) coef = coef.map((x) => -x);
      }
      plantedBlocks.push({ block, coef });
    });
    if (inst.planted.skip) {
      const block = family.indexOf(-1, 1);
      if (block >= 0) plantedBlocks.push({ block, coef: Float64Array.from(inst.planted.skip) });
      else plantedComplete = false;
    }
  }

  const initial = plantedBlocks.map((p) => p.block);
  const skipBlock = family.indexOf(-1, 1);
  if (skipBlock >= 0) initial.push(skipBlock);

  // The isometry condition is also the cheapest optimality certificate (science.md section 6): when the
  // planted network interpolates y exactly and its least-squares dual vector is strictly feasible for
  // every block, the planted network is the unique optimum (KKT with zero duality gap), and no
  // interior-point solve is needed. Otherwise the general column generation runs.
  const cert = options.skipCertificate || !inst.planted ? null : isometryCondition(family, plantedBlocks, patterns.plantedIndex);
  let as: ActiveSetResult | null = null;
  /** residual of the planted network against y, when it is a complete feasible point of a min-norm program */
  const plantedFit = (): number | null => {
    if (!(beta === 0 && plantedComplete && plantedBlocks.length > 0)) return null;
    const fit = new Float64Array(n);
    for (const p of plantedBlocks) {
      const f = matvec(family.matrix(family.blocks[p.block]!), p.coef);
      for (let i = 0; i < n; i++) fit[i]! += f[i]!;
    }
    let res = 0;
    for (let i = 0; i < n; i++) res += (fit[i]! - y[i]!) ** 2;
    return Math.sqrt(res);
  };
  if (options.certificateShortcut !== false && cert && cert.lambda && certifies(cert.nic) && beta === 0 && plantedComplete && plantedBlocks.length > 0) {
    const res = plantedFit()!;
    if (res <= 1e-10 * Math.max(1e-300, norm2(y))) {
      const solution: (Float64Array | null)[] = new Array(family.blocks.length).fill(null);
      for (const p of plantedBlocks) solution[p.block] = Float64Array.from(p.coef);
      as = {
        status: 'optimal',
        solution,
        lambda: cert.lambda,
        dual: new Float64Array(0),
        iterations: 0,
        rounds: 0,
        workingSet: plantedBlocks.map((p) => p.block),
        residualNorm: res,
        maxDualOutside: cert.nic!,
        maxDualAll: 1,
        certifiedBy: 'least-squares dual (isometry condition < 1)',
      };
    }
  }
  const runProgram = (strategy: SolveOptions['strategy'], seeds: number[]): ActiveSetResult => {
    const r = family.exact && options.relaxedFirst !== false ? exactFromRelaxed(family, y, beta, seeds, strategy) : null;
    return r ?? solveActiveSet(family, y, { beta, initial: seeds, strategy });
  };
  if (!as) {
    as = runProgram(options.strategy, initial.slice());
    if (as.analyticCenter && as.status === 'optimal' && plantedAttainsOptimum(as, plantedBlocks, plantedFit(), norm2(y))) {
      // a tie: keep the tie-break of column generation from the planted blocks (see plantedAttainsOptimum)
      const cg = runProgram('column-generation', initial.slice());
      as = { ...cg, certifiedBy: `${cg.certifiedBy ?? 'column generation: every block priced with the final dual vector'} (tie-break: the optimal set is not a point)` };
    }
  }

  // objective
  let sumNorms = 0;
  const blockNorms = as.solution.map((u) => (u ? norm2(u) : 0));
  for (const v of blockNorms) sumNorms += v;
  const pred = new Float64Array(n);
  as.solution.forEach((u, b) => {
    if (!u) return;
    const M = family.matrix(family.blocks[b]!);
    const p = matvec(M, u);
    for (let i = 0; i < n; i++) pred[i]! += p[i]!;
  });
  let misfit = 0;
  for (let i = 0; i < n; i++) misfit += (pred[i]! - y[i]!) ** 2;
  misfit *= 0.5;
  const objective = beta > 0 ? misfit + beta * sumNorms : sumNorms;
  // the network and the recovery metrics (science.md 5, engine/metrics.ts)
  const { neurons, skip, activeNeurons } = networkFromBlocks(family, as.solution, blockNorms);

  let recovered: boolean | null = null;
  let recoveredAllclose: boolean | null = null;
  let recoveredTolerance: number | null = null;
  let distance: number | null = null;
  let relErrPlanted: number | null = null;
  let maxOtherBlockNorm: number | null = null;
  let plantedObjective: number | null = null;
  let plantedFields: PlantedComparisonFields = {};
  if (inst.planted) {
    const m = convexRecoveryMetrics(as.solution, blockNorms, plantedBlocks, plantedComplete, as.status === 'optimal');
    ({ recovered, recoveredAllclose, recoveredTolerance, distance, relErrPlanted, maxOtherBlockNorm } = m);
    plantedObjective = plantedObjectiveOf(inst, m.plantedNormSum);
    plantedFields = plantedComparisonFields(m, inst.planted, { neurons, skip });
  }

  let testError: number | null = null;
  let testErrorRel: number | null = null;
  if (inst.test && inst.planted) ({ testError, testErrorRel } = testErrorOf(inst.architecture, neurons, skip, inst.test));

  const certificate: SolveResult['certificate'] = cert ? { nic: cert.nic, kind: cert.kind ?? null } : { nic: null, kind: null };
  if (options.bestDual && inst.planted && plantedComplete && plantedBlocks.length > 0) {
    certificate.bestDual = bestDualCertificate(family, plantedBlocks, patterns.plantedIndex);
  }
  const nearTie =
    recovered === false && plantedObjective !== null && Math.abs(objective - plantedObjective) <= 1e-5 * Math.max(1, Math.abs(plantedObjective));

  const result: SolveResult = {
    name: inst.name,
    recovered,
    objective,
    distance,
    testError,
    activeNeurons,
    patterns: patterns.masks.length,
    iterations: as.iterations,
    timeMs: performance.now() - t0,
    neurons,
    skip,
    certificate,
    recoveredTolerance,
    recoveredAllclose,
    testOk: testErrorRel === null ? null : testErrorRel < 1e-3,
    testErrorRel,
    nearTie,
    allOnesPattern: patterns.allOnesIndex >= 0,
    plantedObjective,
    relErrPlanted,
    maxOtherBlockNorm,
    ...plantedFields,
    status: as.status,
    certifiedBy: as.certifiedBy ?? 'column generation: every block priced with the final dual vector',
    rounds: as.rounds,
    workingSet: as.workingSet.length,
    primalInfeasibility: beta > 0 ? 0 : norm2(pred.map((v, i) => v - y[i]!)) / Math.max(1, norm2(y)),
    dualInfeasibility: Math.max(0, as.maxDualAll - 1),
    sumNorms,
  };
  if (beta > 0) result.dataMisfit = misfit;
  return { result, network: { neurons, skip }, patterns };
}

/**
 * Ties: when the optimal set holds more than one solution (science.md section 5: the all-ones pattern
 * duplicates the skip neuron), an interior-point solve over all blocks returns the centre of that set,
 * while column generation from the planted blocks (the engine before issue 10) returns a vertex, often
 * the planted one. The planted network attains the optimum (it interpolates y and its objective equals
 * the optimum to 1e-9 relative) exactly in those cases; the solve is then redone by column generation,
 * so that ties are broken as before and no verdict changes.
 */
function plantedAttainsOptimum(as: ActiveSetResult, planted: PlantedBlock[], fit: number | null, ynorm: number): boolean {
  if (fit === null || !(fit <= 1e-10 * Math.max(1e-300, ynorm))) return false;
  let optimum = 0;
  for (const u of as.solution) if (u) optimum += norm2(u);
  let plantedSum = 0, plantedMax = 0, far = 0;
  const isPlanted = new Set<number>();
  for (const p of planted) {
    const pn = norm2(p.coef);
    plantedSum += pn;
    plantedMax = Math.max(plantedMax, pn);
    isPlanted.add(p.block);
    const u = as.solution[p.block];
    let e2 = 0;
    for (let i = 0; i < p.coef.length; i++) e2 += ((u ? u[i]! : 0) - p.coef[i]!) ** 2;
    far = Math.max(far, Math.sqrt(e2) / Math.max(pn, 1e-300));
  }
  if (!(Math.abs(plantedSum - optimum) <= 1e-9 * Math.max(1, plantedSum))) return false;
  // the solve found the planted network itself: a unique optimum, no tie to break
  as.solution.forEach((u, b) => {
    if (u && !isPlanted.has(b)) far = Math.max(far, norm2(u) / Math.max(plantedMax, 1e-300));
  });
  return far > 1e-6;
}

/**
 * The relaxed program is a relaxation of the exact one (every exact-feasible network gives a relaxed
 * feasible point with a smaller or equal objective), and its dual constraints ||A_j^T lambda|| <= 1 imply
 * the exact ones ||P_C(A_j^T lambda)|| <= 1. So when the relaxed optimum satisfies the cone constraints
 * (each active u_j, or -u_j, lies in its pattern's cone), it is optimal for the exact program too, with
 * the relaxed dual vector as the certificate. Otherwise the exact column generation starts from the
 * relaxed answer's patterns. Returns null when the exact solve is still needed (after seeding it).
 */
function exactFromRelaxed(family: BlockFamily, y: Float64Array, beta: number, initial: number[], strategy: SolveOptions['strategy']): ActiveSetResult | null {
  const relaxed = new BlockFamily(family.X, family.masks, family.architecture, 'relaxed', family.kernels, family.options);
  const toRelaxed = (b: number) => {
    const ref = family.blocks[b]!;
    return relaxed.indexOf(ref.pattern, 1);
  };
  const r = solveActiveSet(relaxed, y, { beta, initial: [...new Set(initial.map(toRelaxed).filter((b) => b >= 0))], strategy });
  if (r.status !== 'optimal') return null;
  const norms = r.solution.map((u) => (u ? norm2(u) : 0));
  const maxNorm = Math.max(0, ...norms);
  const solution: (Float64Array | null)[] = new Array(family.blocks.length).fill(null);
  const seeds: number[] = [...initial];
  let feasible = true;
  r.solution.forEach((u, b) => {
    if (!u || norms[b]! <= 1e-9 * maxNorm) return;
    const ref = relaxed.blocks[b]!;
    if (ref.pattern < 0) {
      solution[family.indexOf(-1, 1)] = u;
      return;
    }
    const up = family.indexOf(ref.pattern, 1), down = family.indexOf(ref.pattern, -1);
    seeds.push(up, down);
    const G = family.cone(family.blocks[up]!)!;
    // G u >= 0 (u block) or G (-u) >= 0 (v block, v = -u), to a tolerance relative to the block's scale
    let minPos = Infinity, minNeg = Infinity, scale = 0;
    for (let i = 0; i < G.r; i++) {
      let g = 0, gn = 0;
      for (let j = 0; j < G.c; j++) {
        g += G.a[i * G.c + j]! * u[j]!;
        gn += G.a[i * G.c + j]! ** 2;
      }
      scale = Math.max(scale, Math.sqrt(gn) * norms[b]!);
      minPos = Math.min(minPos, g);
      minNeg = Math.min(minNeg, -g);
    }
    const tol = 1e-7 * scale;
    if (minPos >= -tol) solution[up] = u;
    else if (minNeg >= -tol) solution[down] = u.map((x) => -x);
    else feasible = false;
  });
  if (!feasible) {
    initial.splice(0, initial.length, ...new Set(seeds));
    return null;
  }
  return {
    status: 'optimal',
    solution,
    lambda: r.lambda,
    dual: new Float64Array(0),
    iterations: r.iterations,
    rounds: r.rounds,
    workingSet: r.workingSet,
    residualNorm: r.residualNorm,
    maxDualOutside: r.maxDualOutside,
    maxDualAll: r.maxDualAll,
    analyticCenter: r.analyticCenter,
    certifiedBy: "the relaxed program's optimum satisfies the cone constraints; the relaxed dual vector certifies it for the exact program",
  };
}
