/**
 * The training metrics against hand-built networks whose distance, test error and effective neuron count
 * are known in closed form (engine/train/metrics.ts).
 */
import { describe, it, expect } from 'vitest';
import type { NeuronOut } from '@rlab/shared';
import { generateInstance, relu } from '../../src/engine/data.ts';
import { matvec, norm2 } from '../../src/engine/linalg.ts';
import { mergeNeurons, countActive, compareToPlanted, testErrorOf, compareNetworks, effectiveToNeurons, normalizerOf } from '../../src/engine/train/metrics.ts';

const plainInst = generateInstance({ architecture: 'plain', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' }, data: 'gaussian', n: 30, d: 5, seed: 3, sigma: 0, beta: 0, testSize: 100 });
const wStar = plainInst.planted!.neurons[0]!.w;
const scaled = (s: number, v: ArrayLike<number>) => Array.from(v, (x) => s * x);
/** a unit vector orthogonal to w* */
const v = (() => {
  const e = new Float64Array(5);
  e[0] = 1;
  const dotp = e.reduce((s, x, i) => s + x * wStar[i]!, 0);
  const o = Array.from(e, (x, i) => x - dotp * wStar[i]!);
  return scaled(1 / norm2(o), o);
})();

describe('effective neurons, distance, alignment', () => {
  it('merges copies of the planted neuron into one and finds distance 0 and test error 0', () => {
    // c = a ||w||: 0.25 * 2 + 1 * 0.5 = 1 = the planted coefficient
    const neurons: NeuronOut[] = [
      { w: scaled(2, wStar), a: 0.25 },
      { w: scaled(0.5, wStar), a: 1 },
    ];
    const eff = mergeNeurons('plain', neurons);
    expect(eff).toHaveLength(1);
    expect(eff[0]!.members).toBe(2);
    expect(eff[0]!.c).toBeCloseTo(1, 12);
    expect(countActive(eff, null)).toBe(1);
    const cmp = compareToPlanted('plain', eff, null, plainInst.planted!);
    expect(cmp.distance).toBeLessThan(1e-12);
    expect(cmp.alignment[0]).toBeCloseTo(1, 12);
    expect(testErrorOf('plain', neurons, null, plainInst.test!).testError).toBeLessThan(1e-12);
  });

  it('counts an extra neuron, keeps it out of the distance, and its function in the test error', () => {
    const neurons: NeuronOut[] = [
      { w: Array.from(wStar), a: 1 },
      { w: scaled(0.5, v), a: 0.2 }, // c = 0.1 along v
      // same direction, opposite signs: c = 0.1 - 0.1 = 0, cancels
      { w: scaled(3, wStar.map((x, i) => x + v[i]!)), a: 0.1 / (3 * Math.SQRT2) },
      { w: scaled(1, wStar.map((x, i) => x + v[i]!)), a: -0.1 / Math.SQRT2 },
    ];
    const eff = mergeNeurons('plain', neurons);
    expect(eff).toHaveLength(2);
    expect(countActive(eff, null)).toBe(2);
    const cmp = compareToPlanted('plain', eff, null, plainInst.planted!);
    expect(cmp.distance).toBeLessThan(1e-12);
    expect(cmp.maxOtherRel).toBeCloseTo(0.1, 12);
    const expected = norm2(relu(matvec(plainInst.test!.X, v)).map((x) => 0.1 * x));
    expect(testErrorOf('plain', neurons, null, plainInst.test!).testError).toBeCloseTo(expected, 10);
  });

  it('measures the distance of a wrongly scaled or wrongly signed neuron', () => {
    const eff = mergeNeurons('plain', [{ w: Array.from(wStar), a: 0.9 }]);
    expect(compareToPlanted('plain', eff, null, plainInst.planted!).distance).toBeCloseTo(0.1, 12);
    const neg = mergeNeurons('plain', [{ w: Array.from(wStar), a: -1 }]);
    const c = compareToPlanted('plain', neg, null, plainInst.planted!);
    expect(c.distance).toBeCloseTo(1, 12);
    expect(c.alignment).toEqual([null]);
  });

  it('treats a neuron below 1e-3 of the largest as inactive', () => {
    const eff = mergeNeurons('plain', [
      { w: Array.from(wStar), a: 1 },
      { w: v, a: 5e-4 },
    ]);
    expect(eff).toHaveLength(2);
    expect(countActive(eff, null)).toBe(1);
  });

  it('skip: distance of the skip weights, the skip counted as a neuron', () => {
    const inst = generateInstance({ architecture: 'skip', program: 'relaxed', planted: { kind: 'linear', k: 1, weights: 'gaussian' }, data: 'gaussian', n: 30, d: 5, seed: 4, sigma: 0, beta: 0, testSize: 50 });
    const w0 = inst.planted!.skip!;
    const skip = Array.from(w0, (x, i) => x + (i === 0 ? 0.3 : 0));
    const cmp = compareToPlanted('skip', [], skip, inst.planted!);
    expect(cmp.distance).toBeCloseTo(0.3, 12);
    expect(countActive([], skip)).toBe(1);
    // f - f* = 0.3 X e_1
    const col = Array.from({ length: inst.test!.X.r }, (_, i) => 0.3 * inst.test!.X.a[i * 5]!);
    expect(testErrorOf('skip', [], skip, inst.test!).testError).toBeCloseTo(norm2(col), 10);
  });

  it('normalized: a neuron is scale-free, so 5 w* with a = 1 is the planted neuron', () => {
    const inst = generateInstance({ architecture: 'normalized', program: 'relaxed', planted: { kind: 'normalized', k: 1, weights: 'gaussian' }, data: 'gaussian', n: 30, d: 5, seed: 5, sigma: 0, beta: 0, testSize: 50 });
    const w = scaled(5, inst.planted!.neurons[0]!.w);
    const neurons: NeuronOut[] = [{ w, a: 1, normalizer: normalizerOf(inst.X, w) }];
    const eff = mergeNeurons('normalized', neurons);
    expect(eff[0]!.c).toBe(1);
    expect(compareToPlanted('normalized', eff, null, inst.planted!).distance).toBeLessThan(1e-12);
    expect(testErrorOf('normalized', neurons, null, inst.test!).testError).toBeLessThan(1e-10);
    expect(testErrorOf('normalized', effectiveToNeurons('normalized', eff, inst.X), null, inst.test!).testError).toBeLessThan(1e-10);
  });
});

describe('trained vs convex network', () => {
  it('same function and same neurons when the networks differ only by a split neuron', () => {
    const convex = { neurons: [{ w: Array.from(wStar), a: 1 }], skip: null };
    const trained = { neurons: [{ w: scaled(2, wStar), a: 0.25 }, { w: scaled(0.5, wStar), a: 1 }], skip: null };
    const c = compareNetworks('plain', trained, convex, plainInst.test!.X, plainInst.test!.y);
    expect(c.functionGap).toBeLessThan(1e-12);
    expect(c.sameFunction).toBe(true);
    expect(c.sameNeurons).toBe(true);
    expect(c.matched).toBe(1);
  });

  it('different function and neurons when the trained one has an extra neuron', () => {
    const convex = { neurons: [{ w: Array.from(wStar), a: 1 }], skip: null };
    const trained = { neurons: [{ w: Array.from(wStar), a: 1 }, { w: v, a: 0.5 }], skip: null };
    const c = compareNetworks('plain', trained, convex, plainInst.test!.X, plainInst.test!.y);
    const expected = norm2(relu(matvec(plainInst.test!.X, v)).map((x) => 0.5 * x));
    expect(c.functionGap).toBeCloseTo(expected, 10);
    expect(c.testErrorGap).toBeCloseTo(expected, 10);
    expect(c.sameNeurons).toBe(false);
    expect(c.trainSignificant).toBe(2);
    expect(c.convexSignificant).toBe(1);
  });
});
