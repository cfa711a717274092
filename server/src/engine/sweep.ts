/**
 * Sweeps: a grid of (n, d, sigma) cells times trials, expanded into instance specs (deterministic for a
 * seed), and the per-cell aggregation (science.md section 7) with Wilson 95% intervals.
 */
import { certifies, type InstanceSpec, type SolveResult } from '@rlab/shared';

export type BaseSpec = Omit<InstanceSpec, 'n' | 'd' | 'seed' | 'sigma'>;

export interface GridSpec {
  base: BaseSpec;
  /** several architectures/programs in one sweep (each expands the whole grid); default [base] */
  variants?: BaseSpec[];
  n: number[];
  d: number[];
  sigma: number[];
  trials: number;
  seed: number;
}

/** the most runs one sweep may hold */
export const MAX_SWEEP_RUNS = 200_000;

export function expandGrid(g: GridSpec): InstanceSpec[] {
  const out: InstanceSpec[] = [];
  for (const base of g.variants ?? [g.base])
  for (const sigma of g.sigma)
    for (const d of g.d)
      for (const n of g.n)
        for (let t = 0; t < g.trials; t++) out.push({ ...base, n, d, sigma, seed: g.seed + t });
  return out;
}

export function gridSize(g: Pick<GridSpec, 'n' | 'd' | 'sigma' | 'trials' | 'variants'>): number {
  return (g.variants?.length ?? 1) * g.n.length * g.d.length * g.sigma.length * g.trials;
}

/** Wilson score interval for k successes in t trials (z = 1.96) */
export function wilson(k: number, t: number, z = 1.959963984540054): [number, number] {
  if (t === 0) return [0, 1];
  const p = k / t;
  const z2 = z * z;
  const den = 1 + z2 / t;
  const centre = (p + z2 / (2 * t)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / t + z2 / (4 * t * t))) / den;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface TrialRecord {
  spec: InstanceSpec;
  result: SolveResult | null;
  error?: string;
  method?: string;
  /** method 'both': the trained network's result (result is then the convex one) */
  trained?: SolveResult | null;
  /** method 'both': trained network against the convex answer on the test set */
  comparison?: { functionGapRel: number | null; sameFunction: boolean; sameNeurons: boolean; testErrorGap: number | null } | null;
}

export interface Cell {
  architecture: string;
  program: string;
  n: number;
  d: number;
  sigma: number;
  trials: number;
  failed: number;
  recovered: number;
  p_recovered: number;
  p_low: number;
  p_high: number;
  certified: number;
  p_certified: number;
  test_ok: number;
  p_test_ok: number;
  mean_distance: number;
  mean_test_error: number;
  mean_active_neurons: number;
  mean_time_ms: number;
  /** best-dual certificate < 1 - 1e-6, where computed */
  certified_best: number | null;
  p_certified_best: number | null;
  /** method both: trained networks */
  p_trained_recovered: number | null;
  mean_trained_test_error: number | null;
  /** method both: trained network computes the convex answer's function (relative gap < 1e-2) / has its neurons */
  p_same_function: number | null;
  p_same_neurons: number | null;
  mean_function_gap_rel: number | null;
}

export function aggregateCells(records: TrialRecord[]): Cell[] {
  const byKey = new Map<string, TrialRecord[]>();
  for (const r of records) {
    const key = `${r.spec.architecture}|${r.spec.program}|${r.spec.n}|${r.spec.d}|${r.spec.sigma}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const cells: Cell[] = [];
  for (const list of byKey.values()) {
    const s = list[0]!.spec;
    const ok = list.filter((r) => r.result);
    const res = ok.map((r) => r.result!);
    const recovered = res.filter((r) => r.recovered === true).length;
    const certified = res.filter((r) => certifies(r.certificate.nic)).length;
    const testOk = res.filter((r) => r.testOk === true).length;
    const mean = (xs: (number | null | undefined)[]) => {
      const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
      return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
    };
    const t = res.length;
    const [lo, hi] = wilson(recovered, t);
    const withBest = res.filter((r) => typeof r.certificate.bestDual === 'number');
    const certifiedBest = withBest.filter((r) => certifies(r.certificate.bestDual)).length;
    const both = ok.filter((r) => r.trained && r.comparison);
    const frac = (k: number, m: number) => (m ? k / m : null);
    cells.push({
      architecture: s.architecture,
      program: s.program,
      n: s.n,
      d: s.d,
      sigma: s.sigma,
      trials: t,
      failed: list.length - t,
      recovered,
      p_recovered: t ? recovered / t : NaN,
      p_low: lo,
      p_high: hi,
      certified,
      p_certified: t ? certified / t : NaN,
      test_ok: testOk,
      p_test_ok: t ? testOk / t : NaN,
      mean_distance: mean(res.map((r) => r.distance)),
      mean_test_error: mean(res.map((r) => r.testError)),
      mean_active_neurons: mean(res.map((r) => r.activeNeurons)),
      mean_time_ms: mean(res.map((r) => r.timeMs)),
      certified_best: withBest.length ? certifiedBest : null,
      p_certified_best: frac(certifiedBest, withBest.length),
      p_trained_recovered: frac(both.filter((r) => r.trained!.recovered === true).length, both.length),
      mean_trained_test_error: both.length ? mean(both.map((r) => r.trained!.testError)) : null,
      p_same_function: frac(both.filter((r) => r.comparison!.sameFunction).length, both.length),
      p_same_neurons: frac(both.filter((r) => r.comparison!.sameNeurons).length, both.length),
      mean_function_gap_rel: both.length ? mean(both.map((r) => r.comparison!.functionGapRel)) : null,
    });
  }
  cells.sort((a, b) => a.architecture.localeCompare(b.architecture) || a.program.localeCompare(b.program) || a.sigma - b.sigma || a.d - b.d || a.n - b.n);
  return cells;
}

/**
 * The threshold c of n = c d where P(recovered) crosses 1/2: for each d, the crossing n by linear
 * interpolation between the last cell below and the first cell at or above 1/2 (scanning n upward);
 * c is the median of crossing_n / d over the d values that cross.
 */
export function transitionRatio(all: Cell[], sigma = all[0]?.sigma ?? 0): { c: number | null; perD: { d: number; n: number }[] } {
  // one architecture/program at a time: the first one's cells
  const first = all[0];
  const cells = first ? all.filter((c) => c.architecture === first.architecture && c.program === first.program) : all;
  const ds = [...new Set(cells.filter((c) => c.sigma === sigma).map((c) => c.d))].sort((a, b) => a - b);
  const perD: { d: number; n: number }[] = [];
  for (const d of ds) {
    const row = cells.filter((c) => c.sigma === sigma && c.d === d && c.trials > 0).sort((a, b) => a.n - b.n);
    for (let i = 0; i < row.length; i++) {
      const c = row[i]!;
      if (c.p_recovered >= 0.5) {
        if (i === 0) break; // starts above 1/2: no crossing inside the grid
        const prev = row[i - 1]!;
        const f = (0.5 - prev.p_recovered) / (c.p_recovered - prev.p_recovered);
        perD.push({ d, n: prev.n + f * (c.n - prev.n) });
        break;
      }
    }
  }
  if (perD.length === 0) return { c: null, perD };
  const ratios = perD.map((p) => p.n / p.d).sort((a, b) => a - b);
  const mid = Math.floor(ratios.length / 2);
  const c = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  return { c, perD };
}
