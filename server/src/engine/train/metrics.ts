/**
 * Metrics of a trained network against the planted model (science.md section 5, adapted to networks that
 * come out of gradient training rather than out of the convex program). Pure float64, no tfjs.
 *
 * Effective neurons. A ReLU neuron's contribution depends only on its direction and one coefficient:
 *   plain / skip:  a (X w)_+ = a ||w|| (X u)_+,           u = w / ||w||, coefficient c = a ||w||
 *   normalized:    a NM((X w)_+) = a NM((X u)_+),         coefficient c = a
 * Neurons whose directions have cosine > mergeCosine are merged into one effective neuron (coefficients
 * add, opposite signs cancel), so that a network that split one planted neuron over several copies counts
 * it once. An effective neuron is active when |c| > 1e-3 max |c| (the skip neuron's ||w_0|| included),
 * the convex solver's rule.
 *
 * Distance. Each planted neuron is represented by its effective vector a* ||w*|| (w* / ||w*||) (plain, skip)
 * or a* (w* / ||w*||) (normalized); it is matched to the not-yet-matched effective neuron of the same sign
 * with the largest cosine, and distance^2 = sum ||c u - planted vector||^2 over planted neurons (an
 * unmatched planted neuron adds its whole norm^2) + ||w_0 - w_0*||^2 for a planted skip (science.md 7:
 * "distance of the skip weights"). Effective neurons that match nothing do not enter the distance: they
 * show up in activeNeurons and in the test error.
 *
 * Shared with the convex path (engine/metrics.ts): the relative distance, the cosines (closestCosines),
 * the support rule (supportOf), the test error (testErrorOf), the prediction and the active rule.
 */
import type { NeuronOut, Architecture } from '@rlab/shared';
import type { PlantedModel } from '../instance.ts';
import type { Mat } from '../linalg.ts';
import { norm2, dot } from '../linalg.ts';
import { ACTIVE_REL, closestCosines, predictNetwork, relativeDistance, supportOf, testErrorOf, worstCosine } from '../metrics.ts';

export { ACTIVE_REL, testErrorOf };

export const DEFAULT_MERGE_COSINE = 0.9999;
/** relative distance under which a trained network counts as having recovered the planted one */
export const TRAIN_RECOVERY_TOL = 1e-2;
/** relative test error under which the function counts as right (float32 and finite training: looser than the convex 1e-3) */
export const TRAIN_TEST_TOL = 1e-2;

export interface EffectiveNeuron {
  /** unit direction */
  u: Float64Array;
  /** coefficient: a ||w|| summed over the merged neurons (plain, skip), a summed (normalized) */
  c: number;
  /** how many trained neurons were merged into it */
  members: number;
}

function cosine(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const nx = norm2(x), ny = norm2(y);
  return nx > 0 && ny > 0 ? dot(x, y) / (nx * ny) : 0;
}

export function neuronCoefficient(architecture: Architecture, w: ArrayLike<number>, a: number): number {
  return architecture === 'normalized' ? (norm2(w) > 0 ? a : 0) : a * norm2(w);
}

/** merge neurons pointing the same way (cosine > mergeCosine), largest first; zero-coefficient neurons dropped */
export function mergeNeurons(architecture: Architecture, neurons: { w: ArrayLike<number>; a: number }[], mergeCosine = DEFAULT_MERGE_COSINE): EffectiveNeuron[] {
  const items = neurons
    .map((nrn) => ({ w: nrn.w, c: neuronCoefficient(architecture, nrn.w, nrn.a) }))
    .filter((it) => it.c !== 0 && Number.isFinite(it.c))
    .sort((p, q) => Math.abs(q.c) - Math.abs(p.c));
  const groups: (EffectiveNeuron & { mass: number })[] = [];
  for (const it of items) {
    const nw = norm2(it.w);
    const u = Float64Array.from(it.w, (x) => x / nw);
    const g = groups.find((grp) => dot(grp.u, u) > mergeCosine);
    if (g) {
      g.c += it.c;
      g.mass += Math.abs(it.c);
      g.members++;
    } else groups.push({ u, c: it.c, members: 1, mass: Math.abs(it.c) });
  }
  // opposite-signed copies that cancel (to rounding) leave no neuron
  return groups
    .filter((g) => Math.abs(g.c) > 1e-9 * g.mass)
    .map(({ u, c, members }) => ({ u, c, members }))
    .sort((p, q) => Math.abs(q.c) - Math.abs(p.c));
}

/** effective neurons written as network neurons: balanced w = sqrt|c| u, a = sign(c) sqrt|c| (plain, skip); w = u, a = c (normalized) */
export function effectiveToNeurons(architecture: Architecture, eff: EffectiveNeuron[], X: Mat | null): NeuronOut[] {
  return eff.map((e) => {
    if (architecture === 'normalized') {
      const out: NeuronOut = { w: Array.from(e.u), a: e.c };
      if (X) out.normalizer = normalizerOf(X, e.u);
      return out;
    }
    const s = Math.sqrt(Math.abs(e.c));
    return { w: Array.from(e.u, (x) => x * s), a: Math.sign(e.c) * s };
  });
}

/** ||(X w)_+|| over the rows of X */
export function normalizerOf(X: Mat, w: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < X.r; i++) {
    let z = 0;
    for (let k = 0; k < X.c; k++) z += X.a[i * X.c + k]! * w[k]!;
    if (z > 0) s += z * z;
  }
  return Math.sqrt(s);
}

/** effective neurons active by the ACTIVE_REL rule, the skip's norm counted as one more neuron */
export function countActive(eff: EffectiveNeuron[], skip: ArrayLike<number> | null, rel = ACTIVE_REL): number {
  const skipNorm = skip ? norm2(skip) : 0;
  const max = Math.max(skipNorm, ...eff.map((e) => Math.abs(e.c)));
  if (!(max > 0)) return 0;
  let k = eff.filter((e) => Math.abs(e.c) > rel * max).length;
  if (skipNorm > rel * max) k++;
  return k;
}

export interface PlantedComparison {
  distance: number;
  /** distance / ||planted vectors|| */
  distanceRel: number;
  /** cosine of the matched effective neuron with each planted neuron (null: none of that sign), then of w_0 with w_0* */
  alignment: (number | null)[];
  /** largest |c| among effective neurons that match no planted neuron, relative to the planted's largest */
  maxOtherRel: number;
  /** engine/metrics.ts closestCosines: each planted neuron with its closest effective neuron of its sign, then the skip */
  cosines: (number | null)[];
  /** the worst of them (worstCosine) */
  cosine: number | null;
  /** engine/metrics.ts supportOf over the matched effective neurons (and ||w_0||) against the unmatched ones */
  support: boolean;
  supportRatio: number;
}

export function compareToPlanted(architecture: Architecture, eff: EffectiveNeuron[], skip: ArrayLike<number> | null, planted: PlantedModel): PlantedComparison {
  const used = new Set<number>();
  let dist2 = 0, ref2 = 0, plantedMax = 0;
  const alignment: (number | null)[] = [];
  const plantedRecovered: number[] = [];
  for (const p of planted.neurons) {
    const pw = norm2(p.w);
    const pc = architecture === 'normalized' ? p.a : p.a * pw;
    const pvec = Float64Array.from(p.w, (x) => (pw > 0 ? (pc * x) / pw : 0));
    ref2 += pc * pc;
    plantedMax = Math.max(plantedMax, Math.abs(pc));
    let best = -1, bestCos = -Infinity;
    eff.forEach((e, j) => {
      if (used.has(j) || Math.sign(e.c) !== Math.sign(pc)) return;
      const cs = cosine(e.u, p.w);
      if (cs > bestCos) {
        bestCos = cs;
        best = j;
      }
    });
    if (best < 0) {
      dist2 += pc * pc;
      alignment.push(null);
      plantedRecovered.push(0);
      continue;
    }
    used.add(best);
    const e = eff[best]!;
    plantedRecovered.push(Math.abs(e.c));
    for (let i = 0; i < pvec.length; i++) dist2 += (e.c * e.u[i]! - pvec[i]!) ** 2;
    alignment.push(bestCos);
  }
  if (planted.skip) {
    const w0 = skip ?? new Float64Array(planted.skip.length);
    for (let i = 0; i < planted.skip.length; i++) dist2 += (w0[i]! - planted.skip[i]!) ** 2;
    const sn = norm2(planted.skip);
    ref2 += sn * sn;
    plantedMax = Math.max(plantedMax, sn);
    alignment.push(cosine(w0, planted.skip));
    plantedRecovered.push(norm2(w0));
  }
  let maxOther = 0;
  eff.forEach((e, j) => {
    if (!used.has(j)) maxOther = Math.max(maxOther, Math.abs(e.c));
  });
  const distance = Math.sqrt(dist2);
  const cosines = closestCosines(planted, { neurons: eff.map((e) => ({ w: e.u, a: e.c })), skip });
  const sup = supportOf(plantedRecovered, maxOther);
  return {
    distance,
    distanceRel: relativeDistance(distance, Math.sqrt(ref2)),
    alignment,
    maxOtherRel: plantedMax > 0 ? maxOther / plantedMax : maxOther,
    cosines,
    cosine: worstCosine(cosines),
    support: sup.support,
    supportRatio: sup.ratio,
  };
}

export interface NetworkComparison {
  /** ||f_train(X_test) - f_convex(X_test)|| */
  functionGap: number;
  /** the gap relative to ||f_convex(X_test)|| */
  functionGapRel: number | null;
  /** the two networks compute the same function on the test set (gap rel < TRAIN_TEST_TOL) */
  sameFunction: boolean;
  /** testError(train) - testError(convex) */
  testErrorGap: number | null;
  /** effective neurons with |c| > 1e-2 max in each network (skip included) */
  trainSignificant: number;
  convexSignificant: number;
  /** convex effective neurons found in the trained network (cosine > 0.99, same sign, |dc| <= 5% |c|) */
  matched: number;
  /** ||w0_train - w0_convex|| (skip architecture) */
  skipGap: number | null;
  /** every significant neuron of each side has its counterpart in the other, skips within 5% */
  sameNeurons: boolean;
}

const SIGNIFICANT_REL = 1e-2;

/** do a trained network and the convex solution compute the same function, with the same neurons? */
export function compareNetworks(
  architecture: Architecture,
  trained: { neurons: NeuronOut[]; skip: number[] | null },
  convex: { neurons: NeuronOut[]; skip: number[] | null },
  testX: Mat,
  plantedTestY: Float64Array | null,
  mergeCosine = DEFAULT_MERGE_COSINE,
): NetworkComparison {
  const ft = predictNetwork(architecture, trained.neurons, trained.skip, testX);
  const fc = predictNetwork(architecture, convex.neurons, convex.skip, testX);
  let gap = 0, ref = 0, et = 0, ec = 0;
  for (let i = 0; i < ft.length; i++) {
    gap += (ft[i]! - fc[i]!) ** 2;
    ref += fc[i]! ** 2;
    if (plantedTestY) {
      et += (ft[i]! - plantedTestY[i]!) ** 2;
      ec += (fc[i]! - plantedTestY[i]!) ** 2;
    }
  }
  const functionGap = Math.sqrt(gap);
  const functionGapRel = ref > 0 ? functionGap / Math.sqrt(ref) : null;
  const et_ = mergeNeurons(architecture, trained.neurons, mergeCosine);
  const ec_ = mergeNeurons(architecture, convex.neurons, mergeCosine);
  const scale = Math.max(trained.skip ? norm2(trained.skip) : 0, convex.skip ? norm2(convex.skip) : 0, ...et_.map((e) => Math.abs(e.c)), ...ec_.map((e) => Math.abs(e.c)));
  const sig = (list: EffectiveNeuron[]) => list.filter((e) => Math.abs(e.c) > SIGNIFICANT_REL * scale);
  const st = sig(et_), sc = sig(ec_);
  const used = new Set<number>();
  let matched = 0;
  for (const c of sc) {
    const j = st.findIndex((t, k) => !used.has(k) && Math.sign(t.c) === Math.sign(c.c) && dot(t.u, c.u) > 0.99 && Math.abs(t.c - c.c) <= 0.05 * Math.abs(c.c));
    if (j >= 0) {
      used.add(j);
      matched++;
    }
  }
  let skipGap: number | null = null;
  let skipsAgree = true;
  if (trained.skip || convex.skip) {
    const d = (trained.skip ?? convex.skip)!.length;
    const a = trained.skip ?? new Array<number>(d).fill(0);
    const b = convex.skip ?? new Array<number>(d).fill(0);
    skipGap = norm2(a.map((v, i) => v - b[i]!));
    const big = Math.max(norm2(a), norm2(b));
    skipsAgree = big <= SIGNIFICANT_REL * scale || skipGap <= 0.05 * big;
  }
  const skipSig = (s: number[] | null) => (s && norm2(s) > SIGNIFICANT_REL * scale ? 1 : 0);
  return {
    functionGap,
    functionGapRel,
    sameFunction: functionGapRel !== null ? functionGapRel < TRAIN_TEST_TOL : functionGap < 1e-6,
    testErrorGap: plantedTestY ? Math.sqrt(et) - Math.sqrt(ec) : null,
    trainSignificant: st.length + skipSig(trained.skip),
    convexSignificant: sc.length + skipSig(convex.skip),
    matched,
    skipGap,
    sameNeurons: matched === sc.length && st.length === sc.length && skipsAgree,
  };
}
