/**
 * The interval estimates behind phaseDiagram, transitionEstimate and compareRecovery.
 */
import { expect, it } from 'vitest';
import { logisticFit, newcombe, wilson } from '../../src/modules/sweep/stats.ts';

it('Wilson 95% interval matches reference values', () => {
  // 7 of 10: (0.3968, 0.8922) (Wilson 1927; e.g. R's prop.test without continuity correction)
  const w = wilson(7, 10);
  expect(w.low).toBeCloseTo(0.3968, 4);
  expect(w.high).toBeCloseTo(0.8922, 4);
  expect(wilson(0, 5).low).toBe(0);
  expect(wilson(5, 5).high).toBe(1);
  expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
});

it("Newcombe's interval for a difference of proportions", () => {
  // Newcombe (1998) example: 56/70 vs 48/80 -> diff 0.2, interval (0.0524, 0.3339)
  const r = newcombe(56, 70, 48, 80);
  expect(r.diff).toBeCloseTo(0.2, 10);
  expect(r.low).toBeCloseTo(0.0524, 3);
  expect(r.high).toBeCloseTo(0.3339, 3);
});

it('logistic fit recovers a known threshold from binomial counts', () => {
  // P(x) = 1 / (1 + exp(-3 (x - log 2))): threshold at ratio c = 2
  const points = [0.5, 1, 1.5, 2, 3, 4, 6].map((ratio) => {
    const x = Math.log(ratio);
    const p = 1 / (1 + Math.exp(-3 * (x - Math.log(2))));
    return { x, k: Math.round(p * 1000), n: 1000 };
  });
  const fit = logisticFit(points)!;
  expect(fit).not.toBeNull();
  expect(Math.exp(-fit.b0 / fit.b1)).toBeCloseTo(2, 1);
  expect(fit.b1).toBeCloseTo(3, 1);
  expect(logisticFit([{ x: 0, k: 0, n: 10 }, { x: 1, k: 10, n: 10 }])).toBeNull();
});
