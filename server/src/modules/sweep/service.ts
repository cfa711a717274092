/**
 * Phase diagrams (one GROUP BY over the filtered runs, never the runs themselves), the recovery
 * threshold c of n = c d, and cell-by-cell comparisons of two selections.
 */
import type { Db } from '../../db/client.ts';
import { badInput } from '../../graphql/errors.ts';
import { compileRunFilter, type RunFilter } from '../run/filter.ts';
import { logisticFit, newcombe, wilson } from './stats.ts';

export interface PhaseCell {
  n: number;
  d: number;
  sigma: number | null;
  ratio: number;
  trials: number;
  successes: number;
  p: number;
  pLow: number;
  pHigh: number;
  certifiedCount: number;
  pCertified: number;
  meanDistance: number | null;
  meanTestError: number | null;
}

export interface TransitionEstimate {
  c: number | null;
  low: number | null;
  high: number | null;
  level: number;
  method: string;
  cells: number;
  trials: number;
  note: string | null;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const numOrNull = (v: unknown): number | null => (v == null ? null : num(v));

export class SweepService {
  constructor(private readonly db: Db) {}

  /**
   * trials = finished runs with a planted model; successes = recovered; certified = nic < 1 - 1e-9 (the stored column).
   * `recovered` is written only together with status "done" (RunService.recordResult, imports), so
   * "recovered IS NOT NULL" selects finished runs and lets SQLite answer from the covering index
   * Run(n, d, sigma, recovered, certified, distance, testError) without touching the table.
   */
  async phaseDiagram(filter: RunFilter | null | undefined, bySigma: boolean, field = 'filter'): Promise<PhaseCell[]> {
    const where = compileRunFilter(filter, field);
    const groupBy = bySigma ? '"n", "d", "sigma"' : '"n", "d"';
    const rows = await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT "n", "d", ${bySigma ? '"sigma"' : 'NULL'} AS sigma, COUNT(*) AS trials, SUM("recovered") AS successes, SUM(COALESCE("certified", 0)) AS certified,
              AVG("distance") AS meanDistance, AVG("testError") AS meanTestError
         FROM "Run" WHERE "recovered" IS NOT NULL AND (${where.sql})
        GROUP BY ${groupBy} ORDER BY ${groupBy}`,
      ...where.params,
    );
    return rows.map((r) => {
      const trials = num(r.trials);
      const successes = num(r.successes ?? 0);
      const certifiedCount = num(r.certified ?? 0);
      const { low, high } = wilson(successes, trials);
      const n = num(r.n);
      const d = num(r.d);
      return {
        n,
        d,
        sigma: numOrNull(r.sigma),
        ratio: n / d,
        trials,
        successes,
        p: successes / trials,
        pLow: low,
        pHigh: high,
        certifiedCount,
        pCertified: certifiedCount / trials,
        meanDistance: numOrNull(r.meanDistance),
        meanTestError: numOrNull(r.meanTestError),
      };
    });
  }

  /**
   * The threshold c with P(recovered) = level at n = c d: a logistic fit of the cells' counts in
   * x = log(n/d), c = exp((logit(level) - b0) / b1), with a delta-method 95% interval; when the fit
   * fails (perfect separation), linear interpolation between the two ratios around the crossing.
   */
  async transitionEstimate(filter: RunFilter | null | undefined, level: number): Promise<TransitionEstimate> {
    if (!(level > 0 && level < 1)) throw badInput('level', `${level} is not allowed: the level is a probability strictly between 0 and 1`);
    const cells = await this.phaseDiagram(filter, false);
    const trials = cells.reduce((s, c) => s + c.trials, 0);
    const base = { level, cells: cells.length, trials };
    if (cells.length < 2) return { ...base, c: null, low: null, high: null, method: 'none', note: 'needs at least two (n, d) cells with finished runs' };
    // pool cells with the same ratio
    const byRatio = new Map<number, { k: number; n: number }>();
    for (const c of cells) {
      const e = byRatio.get(c.ratio) ?? { k: 0, n: 0 };
      e.k += c.successes;
      e.n += c.trials;
      byRatio.set(c.ratio, e);
    }
    const points = [...byRatio.entries()].sort((a, b) => a[0] - b[0]).map(([ratio, e]) => ({ x: Math.log(ratio), k: e.k, n: e.n }));
    const logit = Math.log(level / (1 - level));
    const fit = logisticFit(points);
    if (fit && Math.abs(fit.b1) > 1e-9) {
      const xc = (logit - fit.b0) / fit.b1;
      // gradient of xc in (b0, b1)
      const g0 = -1 / fit.b1;
      const g1 = -xc / fit.b1;
      const [v00, v01, v11] = fit.cov;
      const se = Math.sqrt(Math.max(0, g0 * g0 * v00 + 2 * g0 * g1 * v01 + g1 * g1 * v11));
      const minX = points[0]!.x;
      const maxX = points[points.length - 1]!.x;
      if (xc >= minX - 1 && xc <= maxX + 1)
        return { ...base, c: Math.exp(xc), low: Math.exp(xc - 1.959964 * se), high: Math.exp(xc + 1.959964 * se), method: 'logistic', note: xc < minX || xc > maxX ? 'extrapolated beyond the measured ratios' : null };
    }
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const pa = a.k / a.n;
      const pb = b.k / b.n;
      if ((pa - level) * (pb - level) <= 0 && pa !== pb) {
        const t = (level - pa) / (pb - pa);
        return { ...base, c: Math.exp(a.x + t * (b.x - a.x)), low: Math.exp(a.x), high: Math.exp(b.x), method: 'interpolation', note: 'logistic fit failed (separated data); the interval is the bracketing pair of ratios' };
      }
    }
    return { ...base, c: null, low: null, high: null, method: 'none', note: `P(recovered) does not cross ${level} over the measured ratios` };
  }

  async compareRecovery(a: RunFilter, b: RunFilter, bySigma: boolean) {
    const [ca, cb] = await Promise.all([this.phaseDiagram(a, bySigma, 'a'), this.phaseDiagram(b, bySigma, 'b')]);
    const key = (c: PhaseCell) => `${c.n}|${c.d}|${c.sigma ?? ''}`;
    const cells = new Map<string, { n: number; d: number; sigma: number | null; a: PhaseCell | null; b: PhaseCell | null }>();
    for (const c of ca) cells.set(key(c), { n: c.n, d: c.d, sigma: c.sigma, a: c, b: null });
    for (const c of cb) {
      const e = cells.get(key(c));
      if (e) e.b = c;
      else cells.set(key(c), { n: c.n, d: c.d, sigma: c.sigma, a: null, b: c });
    }
    return [...cells.values()]
      .sort((x, y) => x.n - y.n || x.d - y.d || (x.sigma ?? 0) - (y.sigma ?? 0))
      .map((e) => {
        if (!e.a || !e.b) return { ...e, diff: null, diffLow: null, diffHigh: null };
        const nc = newcombe(e.a.successes, e.a.trials, e.b.successes, e.b.trials);
        return { ...e, diff: nc.diff, diffLow: nc.low, diffHigh: nc.high };
      });
  }
}
