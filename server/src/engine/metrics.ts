/**
 * Recovery metrics of science.md section 5, shared by the convex path (solve.ts: a solution of the
 * convex program, block by block) and the trained path (train/metrics.ts: a network out of gradient
 * training): the network a convex solution encodes, the recovered criteria, distance, test error and
 * active neurons.
 */
import type { NeuronOut, SolveResult } from '@rlab/shared';
import type { Instance, PlantedModel } from './instance.ts';
import type { BlockFamily } from './blocks.ts';
import type { PlantedBlock } from './certificates.ts';
import { matvec, norm2, type Mat } from './linalg.ts';
import { relu, plantedPredict } from './data.ts';

/** the authors' np.allclose criterion (science.md 5): atol 1e-4, numpy's rtol 1e-5 */
export const RECOVERY_ATOL = 1e-4;
/** the looser criterion an interior-point reference needs near ties (science.md 5) */
export const RECOVERY_LOOSE_TOL = 1e-3;
/** a block (neuron) is active when its norm exceeds ACTIVE_REL times the largest (science.md 5) */
export const ACTIVE_REL = 1e-3;
/** relative test error under which the function counts as right (convex programs, float64) */
export const TEST_OK_REL = 1e-3;
/**
 * Support (science.md 5: "the planted patterns carry the largest blocks and every other block is small
 * relative to them"): every planted block is present and the largest other block is at most SUPPORT_REL
 * times the smallest planted block. 0.1 is the default tolerance of approximate recovery: a block a tenth
 * of the planted ones is the error that tolerance admits.
 */
export const SUPPORT_REL = 0.1;

/** relative distance (science.md 5): distance over ||planted weights|| (the distance itself when those are 0) */
export function relativeDistance(distance: number, plantedNorm: number): number {
  return plantedNorm > 0 ? distance / plantedNorm : distance;
}

function cosineOf(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let xy = 0, xx = 0, yy = 0;
  for (let i = 0; i < x.length; i++) {
    xy += x[i]! * y[i]!;
    xx += x[i]! ** 2;
    yy += y[i]! ** 2;
  }
  return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
}

export interface SignedNeuron {
  w: ArrayLike<number>;
  a: number;
}

/**
 * Cosine of each planted neuron with its closest recovered neuron of the same output sign (science.md 5;
 * null when no recovered neuron has that sign), then, when the planted model has a skip, of the recovered
 * skip with the planted one (0 when the recovered skip is zero). Directions only: for every architecture
 * a neuron's direction is that of its w.
 */
export function closestCosines(
  planted: { neurons: SignedNeuron[]; skip: ArrayLike<number> | null },
  recovered: { neurons: SignedNeuron[]; skip: ArrayLike<number> | null },
): (number | null)[] {
  const out: (number | null)[] = [];
  for (const p of planted.neurons) {
    let best: number | null = null;
    for (const r of recovered.neurons) {
      if (Math.sign(r.a) !== Math.sign(p.a) || r.a === 0) continue;
      const c = cosineOf(r.w, p.w);
      if (best === null || c > best) best = c;
    }
    out.push(best);
  }
  if (planted.skip) out.push(recovered.skip ? cosineOf(recovered.skip, planted.skip) : 0);
  return out;
}

/** the run's cosine: the worst planted neuron's (a planted neuron with no recovered neuron of its sign counts 0); null without planted neurons */
export function worstCosine(cosines: (number | null)[]): number | null {
  if (cosines.length === 0) return null;
  return Math.min(...cosines.map((c) => c ?? 0));
}

/**
 * Support right (science.md 5, SUPPORT_REL): `plantedNorms` are the recovered norms of the planted
 * blocks (0 for a missing one), `otherMax` the largest other block. ratio = otherMax / min planted norm.
 */
export function supportOf(plantedNorms: number[], otherMax: number): { support: boolean; ratio: number } {
  const minPlanted = plantedNorms.length ? Math.min(...plantedNorms) : 0;
  const ratio = minPlanted > 0 ? otherMax / minPlanted : Infinity;
  return { support: plantedNorms.length > 0 && minPlanted > 0 && ratio <= SUPPORT_REL, ratio };
}

/** allclose(a, b, atol, rtol = 1e-5) of numpy */
export function allclose(a: ArrayLike<number>, b: ArrayLike<number>, atol: number): boolean {
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= atol + 1e-5 * Math.abs(b[i]!))) return false;
  return true;
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

/** test error (science.md 5): ||f(X_test) - f*(X_test)||, and the same relative to ||f*(X_test)|| */
export function testErrorOf(
  architecture: Instance['architecture'],
  neurons: NeuronOut[],
  skip: number[] | null,
  test: { X: Mat; y: Float64Array },
): { testError: number; testErrorRel: number | null } {
  const f = predictNetwork(architecture, neurons, skip, test.X);
  let e = 0, ref = 0;
  for (let i = 0; i < f.length; i++) {
    e += (f[i]! - test.y[i]!) ** 2;
    ref += test.y[i]! ** 2;
  }
  const testError = Math.sqrt(e);
  return { testError, testErrorRel: ref > 0 ? testError / Math.sqrt(ref) : null };
}

export interface ConvexNetwork {
  /** ReLU neurons of the active blocks, largest block first */
  neurons: NeuronOut[];
  /** skip weights (skip architecture; zeros when the skip block is absent) */
  skip: number[] | null;
  /** blocks (skip included) with norm > ACTIVE_REL of the largest */
  activeNeurons: number;
}

/**
 * The network a convex solution encodes (science.md 3): a plain/skip block u of norm s gives the neuron
 * (u / sqrt(s), sign * sqrt(s)); a normalized block gives the unit direction V S^-1 u with coefficient
 * sign * ||u|| and its training normalizer. Blocks below ACTIVE_REL of the largest are dropped.
 */
export function networkFromBlocks(family: BlockFamily, solution: (Float64Array | null)[], blockNorms: number[]): ConvexNetwork {
  const maxNorm = Math.max(0, ...blockNorms);
  const activeTol = ACTIVE_REL * maxNorm;
  const neurons: NeuronOut[] = [];
  let skip: number[] | null = null;
  const order = Array.from(blockNorms.keys()).sort((a, b) => blockNorms[b]! - blockNorms[a]!);
  let activeNeurons = 0;
  for (const b of order) {
    const u = solution[b];
    const nu = blockNorms[b]!;
    const ref = family.blocks[b]!;
    if (ref.pattern < 0) {
      skip = u ? Array.from(u) : Array.from(new Float64Array(family.d));
      if (nu > activeTol && nu > 0) activeNeurons++;
      continue;
    }
    if (!u || !(nu > activeTol) || nu === 0) continue;
    activeNeurons++;
    if (family.architecture === 'normalized') {
      const w = matvec(family.basis(ref.pattern).VSinv, u);
      const nw = norm2(w);
      const wu = Array.from(w, (x) => x / nw);
      const normalizer = norm2(relu(matvec(family.X, wu)));
      neurons.push({ w: wu, a: ref.sign * nu, pattern: ref.pattern, block: ref.sign > 0 ? 'u' : 'v', normalizer });
    } else {
      const s = Math.sqrt(nu);
      neurons.push({ w: Array.from(u, (x) => x / s), a: ref.sign * s, pattern: ref.pattern, block: ref.sign > 0 ? 'u' : 'v' });
    }
  }
  if (family.architecture === 'skip' && skip === null) skip = Array.from(new Float64Array(family.d));
  return { neurons, skip, activeNeurons };
}

export interface ConvexRecoveryMetrics {
  /** science.md 5: allclose at RECOVERY_ATOL, or the looser RECOVERY_LOOSE_TOL criterion */
  recovered: boolean;
  recoveredAllclose: boolean;
  /** which tolerance decided */
  recoveredTolerance: number;
  /** ||recovered planted blocks - planted blocks|| in the convex variables (dis_abs) */
  distance: number;
  /** largest per-block relative error over the planted blocks */
  relErrPlanted: number;
  /** largest norm of a block that is not planted */
  maxOtherBlockNorm: number;
  /** sum of the planted blocks' norms (the planted point's min-norm objective) */
  plantedNormSum: number;
  /** distance / ||planted blocks|| */
  relDistance: number;
  /** support right (supportOf): planted blocks present and every other block <= SUPPORT_REL of the smallest */
  support: boolean;
  supportRatio: number;
}

/**
 * Recovered criteria and distance in the convex variables (science.md 5). `plantedComplete` says that
 * every planted neuron's block exists in the family; `optimal` that the solver proved optimality.
 */
export function convexRecoveryMetrics(
  solution: (Float64Array | null)[],
  blockNorms: number[],
  plantedBlocks: PlantedBlock[],
  plantedComplete: boolean,
  optimal: boolean,
): ConvexRecoveryMetrics {
  const plantedSet = new Set(plantedBlocks.map((p) => p.block));
  let dist2 = 0, maxRel = 0, plantedMax = 0, plantedNorm2 = 0;
  let closeAll = plantedComplete;
  let pobj = 0;
  const plantedRecoveredNorms: number[] = [];
  for (const p of plantedBlocks) {
    const u = solution[p.block] ?? new Float64Array(p.coef.length);
    let e2 = 0;
    for (let i = 0; i < p.coef.length; i++) e2 += (u[i]! - p.coef[i]!) ** 2;
    const pn = norm2(p.coef);
    plantedRecoveredNorms.push(blockNorms[p.block] ?? 0);
    plantedNorm2 += pn * pn;
    dist2 += e2;
    plantedMax = Math.max(plantedMax, pn);
    maxRel = Math.max(maxRel, Math.sqrt(e2) / Math.max(pn, 1e-300));
    if (!allclose(u, p.coef, RECOVERY_ATOL)) closeAll = false;
    pobj += pn;
  }
  let maxOther = 0;
  solution.forEach((u, b) => {
    if (!u || plantedSet.has(b)) return;
    maxOther = Math.max(maxOther, blockNorms[b]!);
    for (let i = 0; i < u.length; i++) if (Math.abs(u[i]!) > RECOVERY_ATOL) closeAll = false;
  });
  const strict = plantedComplete && optimal && maxRel <= RECOVERY_LOOSE_TOL && maxOther <= RECOVERY_LOOSE_TOL * Math.max(plantedMax, 1e-300);
  const recoveredAllclose = closeAll && optimal;
  const recovered = recoveredAllclose || strict;
  const recoveredTolerance = recoveredAllclose === strict ? RECOVERY_ATOL : recoveredAllclose ? RECOVERY_ATOL : RECOVERY_LOOSE_TOL;
  const distance = Math.sqrt(dist2);
  // a planted neuron whose block is not in the family counts as a missing block
  const sup = supportOf(plantedComplete ? plantedRecoveredNorms : [...plantedRecoveredNorms, 0], maxOther);
  return {
    recovered,
    recoveredAllclose,
    recoveredTolerance,
    distance,
    relErrPlanted: maxRel,
    maxOtherBlockNorm: maxOther,
    plantedNormSum: pobj,
    relDistance: relativeDistance(distance, Math.sqrt(plantedNorm2)),
    support: sup.support,
    supportRatio: sup.ratio,
  };
}

/** the planted point's objective: sum of its block norms (min-norm), plus the misfit when beta > 0 */
export function plantedObjectiveOf(inst: Instance, plantedNormSum: number): number | null {
  if (!inst.planted) return null;
  if (!(inst.beta > 0)) return plantedNormSum;
  const fp = plantedPredict(inst.architecture, inst.planted, inst.X);
  let mis = 0;
  for (let i = 0; i < inst.X.r; i++) mis += (fp[i]! - inst.y[i]!) ** 2;
  return 0.5 * mis + inst.beta * plantedNormSum;
}

/** the section 5 fields of a result beyond the recovered criteria: relative distance, cosines, support */
export type PlantedComparisonFields = Pick<SolveResult, 'relDistance' | 'cosines' | 'cosine' | 'support' | 'supportRatio'>;

export function plantedComparisonFields(
  m: ConvexRecoveryMetrics,
  planted: PlantedModel,
  network: { neurons: SignedNeuron[]; skip: ArrayLike<number> | null },
): PlantedComparisonFields {
  const cosines = closestCosines(planted, network);
  return { relDistance: m.relDistance, cosines, cosine: worstCosine(cosines), support: m.support, supportRatio: Number.isFinite(m.supportRatio) ? m.supportRatio : null };
}
