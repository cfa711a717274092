/**
 * One solve, end to end: patterns, the convex program (by column generation), the network it encodes,
 * and every metric of science.md section 5, in the result format of case-format.md.
 */
import { certifies, type SolveResult, type NeuronOut } from '@rlab/shared';
import type { Instance } from './instance.ts';
import { samplePatterns, givenPatterns, type PatternSet } from './patterns.ts';
import { BlockFamily } from './blocks.ts';
import { solveActiveSet, type ActiveSetResult } from './activeSet.ts';
import { isometryCondition, bestDualCertificate, type PlantedBlock } from './certificates.ts';
import { matvec, norm2, type Mat } from './linalg.ts';
import { relu, plantedPredict } from './data.ts';

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
}

export interface SolveOutput {
  result: SolveResult;
  /** the network, for storage */
  network: { neurons: NeuronOut[]; skip: number[] | null };
  patterns: PatternSet;
}

/** allclose(a, b, atol, rtol = 1e-5) of numpy */
function allclose(a: ArrayLike<number>, b: ArrayLike<number>, atol: number): boolean {
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= atol + 1e-5 * Math.abs(b[i]!))) return false;
  return true;
}

export function solveInstance(inst: Instance, options: SolveOptions = {}): SolveOutput {
  const t0 = performance.now();
  const { X, y } = inst;
  const n = X.r;
  const plantedW = inst.planted ? inst.planted.neurons.map((p) => p.w) : [];
  const patterns = inst.patterns
    ? givenPatterns(inst.patterns, X, plantedW)
    : samplePatterns(X, { samples: options.patternSamples, plantedW, seedKey: options.seedKey ?? inst.name });
  const family = new BlockFamily(X, patterns.masks, inst.architecture, inst.program);
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
  if (options.certificateShortcut !== false && cert && cert.lambda && certifies(cert.nic) && beta === 0 && plantedComplete && plantedBlocks.length > 0) {
    const fit = new Float64Array(n);
    for (const p of plantedBlocks) {
      const f = matvec(family.matrix(family.blocks[p.block]!), p.coef);
      for (let i = 0; i < n; i++) fit[i]! += f[i]!;
    }
    let res = 0;
    for (let i = 0; i < n; i++) res += (fit[i]! - y[i]!) ** 2;
    if (Math.sqrt(res) <= 1e-10 * Math.max(1e-300, norm2(y))) {
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
        residualNorm: Math.sqrt(res),
        maxDualOutside: cert.nic!,
        maxDualAll: 1,
        certifiedBy: 'least-squares dual (isometry condition < 1)',
      };
    }
  }
  if (!as && family.exact && options.relaxedFirst !== false) as = exactFromRelaxed(family, y, beta, initial);
  if (!as) as = solveActiveSet(family, y, { beta, initial });

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
  const maxNorm = Math.max(0, ...blockNorms);
  const activeTol = 1e-3 * maxNorm;

  // the network
  const neurons: NeuronOut[] = [];
  let skip: number[] | null = null;
  const order = Array.from(blockNorms.keys()).sort((a, b) => blockNorms[b]! - blockNorms[a]!);
  let activeNeurons = 0;
  for (const b of order) {
    const u = as.solution[b];
    const nu = blockNorms[b]!;
    const ref = family.blocks[b]!;
    if (ref.pattern < 0) {
      skip = u ? Array.from(u) : Array.from(new Float64Array(family.d));
      if (nu > activeTol && nu > 0) activeNeurons++;
      continue;
    }
    if (!u || !(nu > activeTol) || nu === 0) continue;
    activeNeurons++;
    if (inst.architecture === 'normalized') {
      const w = matvec(family.basis(ref.pattern).VSinv, u);
      const nw = norm2(w);
      const wu = Array.from(w, (x) => x / nw);
      const normalizer = norm2(relu(matvec(X, wu)));
      neurons.push({ w: wu, a: ref.sign * nu, pattern: ref.pattern, block: ref.sign > 0 ? 'u' : 'v', normalizer });
    } else {
      const s = Math.sqrt(nu);
      neurons.push({ w: Array.from(u, (x) => x / s), a: ref.sign * s, pattern: ref.pattern, block: ref.sign > 0 ? 'u' : 'v' });
    }
  }
  if (inst.architecture === 'skip' && skip === null) skip = Array.from(new Float64Array(family.d));

  // recovery metrics
  let recovered: boolean | null = null;
  let recoveredAllclose: boolean | null = null;
  let recoveredTolerance: number | null = null;
  let distance: number | null = null;
  let relErrPlanted: number | null = null;
  let maxOtherBlockNorm: number | null = null;
  let plantedObjective: number | null = null;
  if (inst.planted) {
    const plantedSet = new Set(plantedBlocks.map((p) => p.block));
    let dist2 = 0, plantedNorm2 = 0, maxRel = 0, plantedMax = 0;
    let closeAll = plantedComplete;
    let pobj = 0;
    for (const p of plantedBlocks) {
      const u = as.solution[p.block] ?? new Float64Array(p.coef.length);
      let e2 = 0;
      for (let i = 0; i < p.coef.length; i++) e2 += (u[i]! - p.coef[i]!) ** 2;
      const pn = norm2(p.coef);
      dist2 += e2;
      plantedNorm2 += pn * pn;
      plantedMax = Math.max(plantedMax, pn);
      maxRel = Math.max(maxRel, Math.sqrt(e2) / Math.max(pn, 1e-300));
      if (!allclose(u, p.coef, 1e-4)) closeAll = false;
      pobj += pn;
    }
    let maxOther = 0;
    as.solution.forEach((u, b) => {
      if (!u || plantedSet.has(b)) return;
      maxOther = Math.max(maxOther, blockNorms[b]!);
      for (let i = 0; i < u.length; i++) if (Math.abs(u[i]!) > 1e-4) closeAll = false;
    });
    distance = Math.sqrt(dist2);
    relErrPlanted = maxRel;
    maxOtherBlockNorm = maxOther;
    const strict = plantedComplete && as.status === 'optimal' && maxRel <= 1e-3 && maxOther <= 1e-3 * Math.max(plantedMax, 1e-300);
    recoveredAllclose = closeAll && as.status === 'optimal';
    recovered = recoveredAllclose || strict;
    recoveredTolerance = recoveredAllclose === strict ? 1e-4 : recoveredAllclose ? 1e-4 : 1e-3;
    if (beta > 0) {
      const fp = plantedPredict(inst.architecture, inst.planted, X);
      let mis = 0;
      for (let i = 0; i < n; i++) mis += (fp[i]! - y[i]!) ** 2;
      plantedObjective = 0.5 * mis + beta * pobj;
    } else plantedObjective = pobj;
    void plantedNorm2;
  }

  let testError: number | null = null;
  let testErrorRel: number | null = null;
  if (inst.test && inst.planted) {
    const f = predictNetwork(inst.architecture, neurons, skip, inst.test.X);
    let e = 0, ref = 0;
    for (let i = 0; i < f.length; i++) {
      e += (f[i]! - inst.test.y[i]!) ** 2;
      ref += inst.test.y[i]! ** 2;
    }
    testError = Math.sqrt(e);
    testErrorRel = ref > 0 ? testError / Math.sqrt(ref) : null;
  }

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

/** f(X) of a network: ReLU neurons (normalized ones divided by their training normalizer) and the skip */
export function predictNetwork(architecture: Instance['architecture'], neurons: NeuronOut[], skip: number[] | null, X: Mat): Float64Array {
  const out = new Float64Array(X.r);
  if (skip) {
    const lin = matvec(X, skip);
    for (let i = 0; i < X.r; i++) out[i]! += lin[i]!;
  }
  for (const nrn of neurons) {
    const act = relu(matvec(X, nrn.w));
    const s = architecture === 'normalized' ? (nrn.normalizer && nrn.normalizer > 0 ? 1 / nrn.normalizer : 0) : 1;
    for (let i = 0; i < X.r; i++) out[i]! += nrn.a * s * act[i]!;
  }
  return out;
}

/**
 * The relaxed program is a relaxation of the exact one (every exact-feasible network gives a relaxed
 * feasible point with a smaller or equal objective), and its dual constraints ||A_j^T lambda|| <= 1 imply
 * the exact ones ||P_C(A_j^T lambda)|| <= 1. So when the relaxed optimum satisfies the cone constraints
 * (each active u_j, or -u_j, lies in its pattern's cone), it is optimal for the exact program too, with
 * the relaxed dual vector as the certificate. Otherwise the exact column generation starts from the
 * relaxed answer's patterns. Returns null when the exact solve is still needed (after seeding it).
 */
function exactFromRelaxed(family: BlockFamily, y: Float64Array, beta: number, initial: number[]): ActiveSetResult | null {
  const relaxed = new BlockFamily(family.X, family.masks, family.architecture, 'relaxed');
  const toRelaxed = (b: number) => {
    const ref = family.blocks[b]!;
    return relaxed.indexOf(ref.pattern, 1);
  };
  const r = solveActiveSet(relaxed, y, { beta, initial: [...new Set(initial.map(toRelaxed).filter((b) => b >= 0))] });
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
    certifiedBy: "the relaxed program's optimum satisfies the cone constraints; the relaxed dual vector certifies it for the exact program",
  };
}
