import type { PhaseCell } from '../api/operations.ts';

export interface SigmaPoint {
  sigma: number;
  distance: number | null;
  testError: number | null;
  trials: number;
}

/** mean distance and test error per sigma over all (n, d) cells, weighted by trials */
export function curvesBySigma(cells: PhaseCell[]): SigmaPoint[] {
  const acc = new Map<number, { dSum: number; dW: number; tSum: number; tW: number; trials: number }>();
  for (const c of cells) {
    const s = c.sigma ?? 0;
    const a = acc.get(s) ?? { dSum: 0, dW: 0, tSum: 0, tW: 0, trials: 0 };
    if (c.meanDistance !== null) {
      a.dSum += c.meanDistance * c.trials;
      a.dW += c.trials;
    }
    if (c.meanTestError !== null) {
      a.tSum += c.meanTestError * c.trials;
      a.tW += c.trials;
    }
    a.trials += c.trials;
    acc.set(s, a);
  }
  return [...acc.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([sigma, a]) => ({ sigma, distance: a.dW ? a.dSum / a.dW : null, testError: a.tW ? a.tSum / a.tW : null, trials: a.trials }));
}
