/**
 * The section 5 metrics of engine/metrics.ts on cases with known answers: relative distance, the cosine
 * of each planted neuron with its closest recovered neuron, the support rule, and their values out of
 * real solves (clean: exact recovery; noisy: approximately, with a distance of the order of sigma). Also
 * the skip architecture's default planted w (science.md 4: Gaussian since 2026-12-01).
 */
import { describe, expect, it } from 'vitest';
import { defaultPlanted, instanceSpecSchema } from '@rlab/shared';
import { experimentSpecSchema, expandExperiment } from '@rlab/shared/experiment.ts';
import { closestCosines, convexRecoveryMetrics, relativeDistance, SUPPORT_REL, supportOf, worstCosine } from '../../src/engine/metrics.ts';
import { runSpec } from '../../src/engine/run.ts';
import { generateInstance, smallestRightSingular } from '../../src/engine/data.ts';
import { baseSpec } from '../../src/cli/options.ts';
import { compareToPlanted, mergeNeurons } from '../../src/engine/train/metrics.ts';

describe('relative distance, cosines, support', () => {
  it('relative distance is the distance over the planted norm', () => {
    expect(relativeDistance(0.3, 2)).toBeCloseTo(0.15, 15);
    expect(relativeDistance(0.3, 0)).toBe(0.3);
  });

  it('cosine of each planted neuron with its closest recovered neuron of the same sign, then the skip', () => {
    const planted = { neurons: [{ w: [1, 0, 0], a: 1 }, { w: [0, 1, 0], a: -1 }], skip: [0, 0, 2] };
    const recovered = {
      neurons: [
        { w: [3, 4, 0], a: 0.5 }, // cos 0.6 with e1
        { w: [1, 1, 0], a: 2 }, // cos 1/sqrt 2 with e1: the closest positive one
        { w: [0, 1, 0], a: 0.1 }, // same direction as the second planted neuron but the wrong sign
        { w: [0, -1, 1], a: -1 }, // cos -1/sqrt 2 with e2
      ],
      skip: [0, 1, 1],
    };
    const c = closestCosines(planted, recovered);
    expect(c).toHaveLength(3);
    expect(c[0]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(c[1]).toBeCloseTo(-Math.SQRT1_2, 14);
    expect(c[2]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(worstCosine(c)).toBeCloseTo(-Math.SQRT1_2, 14);
    // no recovered neuron of the planted sign: null, counted 0 by worstCosine
    const none = closestCosines({ neurons: [{ w: [1, 0], a: 1 }], skip: null }, { neurons: [{ w: [1, 0], a: -1 }], skip: null });
    expect(none).toEqual([null]);
    expect(worstCosine(none)).toBe(0);
    expect(worstCosine([])).toBeNull();
  });

  it('support holds when every planted block is present and the other blocks are at most SUPPORT_REL of the smallest planted one', () => {
    expect(supportOf([1, 0.5], 0.5 * SUPPORT_REL)).toEqual({ support: true, ratio: SUPPORT_REL });
    expect(supportOf([1, 0.5], 0.06).support).toBe(false);
    expect(supportOf([1, 0], 0).support).toBe(false);
    expect(supportOf([], 0).support).toBe(false);
  });

  it('convexRecoveryMetrics: distance, relative distance and support of a hand-built solution', () => {
    // planted blocks 0 (coef [3, 4], norm 5) and 2 (coef [0, 1]); block 1 is an extra block of norm 0.05
    const solution = [Float64Array.from([3, 4.3]), Float64Array.from([0.03, 0.04]), Float64Array.from([0, 1]), null];
    const norms = solution.map((u) => (u ? Math.hypot(...u) : 0));
    const m = convexRecoveryMetrics(solution, norms, [{ block: 0, coef: Float64Array.from([3, 4]) }, { block: 2, coef: Float64Array.from([0, 1]) }], true, true);
    expect(m.distance).toBeCloseTo(0.3, 12);
    expect(m.relDistance).toBeCloseTo(0.3 / Math.sqrt(26), 12);
    expect(m.maxOtherBlockNorm).toBeCloseTo(0.05, 12);
    expect(m.supportRatio).toBeCloseTo(0.05, 12);
    expect(m.support).toBe(true);
    expect(m.recovered).toBe(false);
  });
});

const spec = (over: Record<string, unknown>) =>
  instanceSpecSchema.parse({ architecture: 'skip', program: 'relaxed', planted: { kind: 'linear' }, n: 40, d: 5, seed: 2, testSize: 50, ...over });

describe('the trained path uses the same rules', () => {
  it('compareToPlanted: cosine with the closest effective neuron, support against the unmatched ones', () => {
    const inst = generateInstance(instanceSpecSchema.parse({ architecture: 'plain', program: 'exact', planted: { kind: 'relu' }, n: 20, d: 3, seed: 4, testSize: 10 }));
    const w = Array.from(inst.planted!.neurons[0]!.w);
    // a unit vector orthogonal to w
    const e = [1, 0, 0];
    const dp = e.reduce((a, x, i) => a + x * w[i]!, 0);
    const o = e.map((x, i) => x - dp * w[i]!);
    const v = o.map((x) => x / Math.hypot(...o));
    const tilted = w.map((x, i) => 0.8 * x + 0.6 * v[i]!); // cosine 0.8 with w
    for (const [extra, support] of [
      [0.05, true],
      [0.2, false],
    ] as const) {
      const eff = mergeNeurons('plain', [
        { w: tilted, a: 1 },
        { w: v.map((x) => x * extra), a: 1 },
      ]);
      const cmp = compareToPlanted('plain', eff, null, inst.planted!);
      expect(cmp.cosines).toHaveLength(1);
      expect(cmp.cosines[0]).toBeCloseTo(0.8, 12);
      expect(cmp.cosine).toBeCloseTo(0.8, 12);
      expect(cmp.support).toBe(support);
      expect(cmp.supportRatio).toBeCloseTo(extra, 12);
      // planted coefficient 1 along w; the matched one is 1 along the tilted direction
      expect(cmp.distanceRel).toBeCloseTo(Math.hypot(0.2, 0.6), 12);
    }
  });
});

describe('metrics out of solves', () => {
  it('clean labels above the threshold: recovered, relative distance 0, cosine 1, support right', () => {
    for (const s of [spec({}), spec({ architecture: 'plain', program: 'exact', planted: { kind: 'relu' } })]) {
      const r = runSpec(s).result;
      expect(r.recovered).toBe(true);
      expect(r.relDistance!).toBeLessThan(1e-6);
      expect(r.cosine!).toBeGreaterThan(1 - 1e-9);
      expect(r.support).toBe(true);
    }
  });

  it('noisy labels: never recovered exactly; the relative distance grows with sigma and the direction stays close', () => {
    const rel = [0.05, 0.1, 0.2].map((sigma) => {
      const r = runSpec(spec({ sigma })).result;
      expect(r.recovered).toBe(false);
      expect(r.cosine!).toBeGreaterThan(0.9);
      return r.relDistance!;
    });
    expect(rel[0]!).toBeGreaterThan(0);
    expect(rel[1]!).toBeGreaterThan(rel[0]!);
    expect(rel[2]!).toBeGreaterThan(rel[1]!);
  });
});

describe("the skip architecture's default planted w (science.md 4)", () => {
  it('is a Gaussian unit vector in specs, experiments and the CLI; smallest-singular stays available', () => {
    expect(defaultPlanted('skip')).toEqual({ kind: 'linear', k: 1, weights: 'gaussian' });
    const [run] = expandExperiment(experimentSpecSchema.parse({ architecture: 'skip', n: [20], d: [5] }));
    expect(run!.spec.planted.weights).toBe('gaussian');
    expect(baseSpec({ arch: 'skip', program: 'relaxed', data: 'gaussian' }).planted.weights).toBe('gaussian');
    expect(baseSpec({ arch: 'skip', program: 'relaxed', data: 'gaussian', planted: 'linear' }).planted.weights).toBe('gaussian');
    const inst = generateInstance(spec({ planted: { kind: 'linear', weights: 'smallest-singular' } }));
    const v = smallestRightSingular(inst.X);
    expect(Math.abs(inst.planted!.skip!.reduce((a, x, i) => a + x * v[i]!, 0))).toBeCloseTo(1, 10);
    const g = generateInstance(spec({})).planted!.skip!;
    expect(Math.hypot(...g)).toBeCloseTo(1, 12);
    expect(Math.abs(g.reduce((a, x, i) => a + x * v[i]!, 0))).toBeLessThan(0.999);
  });
});
