/**
 * Phase diagrams (one GROUP BY over the filtered runs, never the runs themselves), the recovery
 * threshold c of n = c d, and cell-by-cell comparisons of two selections.
 */
import type * as Generated from '../../graphql/generated/resolvers.ts';
import type { Db } from '../../db/client.ts';
import { hasReadPool, readRows } from '../../db/readPool.ts';
import { badInput } from '../errors.ts';
import { compileRunFilter, experimentScope, type RunFilter } from '../run/filter.ts';
import { logisticFit, newcombe, wilson } from './stats.ts';

/** the SDL's output types (generated from shared/src/schema.graphql): a field added there must be filled here */
export type PhaseCell = Omit<Generated.PhaseCell, '__typename'>;
export type TransitionEstimate = Omit<Generated.TransitionEstimate, '__typename'>;

/** the SDL's PhaseMetric */
export const PHASE_METRICS = ['RECOVERED', 'CERTIFIED', 'APPROX', 'DISTANCE', 'REL_DISTANCE', 'TEST_ERROR', 'COSINE', 'SUPPORT'] as const satisfies readonly Generated.PhaseMetric[];
export type PhaseMetric = (typeof PHASE_METRICS)[number];
// and no metric of the SDL is missing from the list
const _everyMetric: Record<Generated.PhaseMetric, true> = Object.fromEntries(PHASE_METRICS.map((m) => [m, true])) as Record<PhaseMetric, true>;
void _everyMetric;

/** metrics that are probabilities over trials: their count of successes per cell */
const PROBABILITY_COUNT: Partial<Record<PhaseMetric, (c: PhaseCell) => number>> = {
  RECOVERED: (c) => c.successes,
  CERTIFIED: (c) => c.certifiedCount,
  APPROX: (c) => c.approxCount,
  SUPPORT: (c) => c.supportCount,
};
/** metrics that are means over trials: their value per cell */
const MEAN_VALUE: Partial<Record<PhaseMetric, (c: PhaseCell) => number | null>> = {
  DISTANCE: (c) => c.meanDistance,
  REL_DISTANCE: (c) => c.meanRelDistance,
  TEST_ERROR: (c) => c.meanTestError,
  COSINE: (c) => c.meanCosine,
};
const METRIC_LABEL: Record<PhaseMetric, string> = {
  RECOVERED: 'P(recovered)',
  CERTIFIED: 'P(certified)',
  APPROX: 'P(approximately recovered)',
  SUPPORT: 'P(support right)',
  DISTANCE: 'mean distance',
  REL_DISTANCE: 'mean relative distance',
  TEST_ERROR: 'mean test error',
  COSINE: 'mean cosine',
};

/** the relative-distance tolerance of approximate recovery when a query gives none (science.md 5) */
export const DEFAULT_APPROX_TOLERANCE = 0.1;

export interface SliceOptions {
  /** keep only runs at this noise level */
  sigma?: number | null;
  /** relative distance <= approxTolerance counts as approximately recovered (default 0.1) */
  approxTolerance?: number | null;
  /** the argument name errors in the filter are reported under */
  field?: string;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const numOrNull = (v: unknown): number | null => (v == null ? null : num(v));

function checkTolerance(v: number | null | undefined): number {
  if (v == null) return DEFAULT_APPROX_TOLERANCE;
  if (!Number.isFinite(v) || !(v > 0)) throw badInput('approxTolerance', `${v} is not allowed: the tolerance is a relative distance, a finite number > 0 (e.g. 0.1)`);
  return v;
}

function checkSigma(field: string, v: number | null | undefined): number | null {
  if (v == null) return null;
  if (!Number.isFinite(v) || v < 0) throw badInput(field, `${v} is not allowed: a noise level is a finite number >= 0`);
  return v;
}

function checkMetric(v: string | null | undefined): PhaseMetric {
  if (v == null) return 'RECOVERED';
  if (!(PHASE_METRICS as readonly string[]).includes(v)) throw badInput('metric', `${JSON.stringify(v)} is not allowed; allowed: ${PHASE_METRICS.join(', ')}`);
  return v as PhaseMetric;
}

/**
 * Linear-interpolation quantile (numpy's default) of the relative distance within each cell, in SQL:
 * over the cell's cnt ranked values, position h = (cnt - 1) q, value = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 */
function quantileSql(q: number): string {
  const h = `((cnt - 1) * ${q})`;
  const lo = `(CAST(${h} AS INTEGER) + 1)`;
  const frac = `(${h} - CAST(${h} AS INTEGER))`;
  return `SUM(CASE WHEN rn = ${lo} THEN (1 - ${frac}) * "relDistance" WHEN rn = ${lo} + 1 THEN ${frac} * "relDistance" ELSE 0 END)`;
}

const PHASE_AGGREGATES = `COUNT(*) AS trials, SUM("recovered") AS successes, SUM(COALESCE("certified", 0)) AS certified,
                AVG("distance") AS meanDistance, AVG("testError") AS meanTestError,
                AVG("relDistance") AS meanRelDistance, SUM(CASE WHEN "relDistance" <= ? THEN 1 ELSE 0 END) AS approx,
                AVG("cosine") AS meanCosine, SUM(COALESCE("support", 0)) AS support`;

/** the columns of the phase diagram's covering indexes (schema.prisma), as RunFilter fields */
const COVERED_FILTER_FIELDS = new Set(['experimentId', 'n', 'd', 'sigma', 'relDistance', 'recovered', 'certified', 'distance', 'testError', 'cosine', 'support', 'and', 'or', 'not']);

/** whether a filter reads only columns of the covering indexes (then phaseSql never touches the table) */
function coveredByIndex(filter: RunFilter | null | undefined): boolean {
  if (!filter) return true;
  for (const [key, value] of Object.entries(filter)) {
    if (value == null) continue;
    if (!COVERED_FILTER_FIELDS.has(key)) return false;
    if (key === 'and' || key === 'or') {
      if (!(value as RunFilter[]).every((f) => coveredByIndex(f))) return false;
    } else if (key === 'not' && !coveredByIndex(value as RunFilter)) return false;
  }
  return true;
}

/** the ranks quantileSql(q) reads, for a WHERE on the ranked rows */
function quantileRanks(q: number, cnt: string): string {
  const lo = `(CAST(((${cnt} - 1) * ${q}) AS INTEGER) + 1)`;
  return `${lo}, ${lo} + 1`;
}

/**
 * The phase diagram in one statement (parameters: tolerance, then the selection's twice). At 1,000,000
 * runs (EXPLAIN QUERY PLAN; README "API") phaseSqlReference copied the selection into a temporary
 * table and sorted it twice (its window had two different frames); here the GROUP BY reads the
 * covering index in its order (no sort, no copy), the quartiles rank each cell's relDistance with one
 * ROW_NUMBER window over the same index, whose order (.., n, d, sigma, relDistance) is the window's
 * (nothing sorted when the cells are (n, d, sigma)), the cell's count comes from the GROUP BY, and only
 * the ranked rows a quantile reads reach the second GROUP BY. Same rows, same sums as the reference:
 * the quantile sums leave out only terms that are 0.
 */
function phaseSql(keys: string[], bySigma: boolean, selection: string): string {
  const groupBy = keys.map((k) => `"${k}"`).join(', ');
  const join = (x: string, y: string) => keys.map((k) => `${x}."${k}" IS ${y}."${k}"`).join(' AND ');
  return `WITH g AS MATERIALIZED (
         SELECT ${groupBy}, ${PHASE_AGGREGATES}, COUNT("relDistance") AS ranked
           FROM "Run" WHERE ${selection} GROUP BY ${groupBy}
       ),
       r AS (
         SELECT ${groupBy}, "relDistance", ROW_NUMBER() OVER (PARTITION BY ${groupBy} ORDER BY "relDistance") AS rn
           FROM "Run" WHERE "relDistance" IS NOT NULL AND ${selection}
       ),
       q AS (
         SELECT ${groupBy}, ${quantileSql(0.25)} AS q25, ${quantileSql(0.5)} AS q50, ${quantileSql(0.75)} AS q75
           FROM (SELECT ${keys.map((k) => `r."${k}"`).join(', ')}, r."relDistance", r.rn, g.ranked AS cnt
                   FROM r CROSS JOIN g ON ${join('r', 'g')}
                  WHERE r.rn IN (${quantileRanks(0.25, 'g.ranked')}, ${quantileRanks(0.5, 'g.ranked')}, ${quantileRanks(0.75, 'g.ranked')}))
          GROUP BY ${groupBy}
       )
       SELECT g."n" AS n, g."d" AS d, ${bySigma ? 'g."sigma"' : 'NULL'} AS sigma, g.trials, g.successes, g.certified, g.meanDistance, g.meanTestError,
              g.meanRelDistance, g.approx, g.meanCosine, g.support, q.q25, q.q50, q.q75
         FROM g LEFT JOIN q ON ${join('g', 'q')}
        ORDER BY ${keys.map((k) => `g."${k}"`).join(', ')}`;
}

/** the phase diagram's statement before phaseSql (parameters: the selection's, then tolerance): the reference path */
export function phaseSqlReference(keys: string[], bySigma: boolean, selection: string): string {
  const groupBy = keys.map((k) => `"${k}"`).join(', ');
  const join = keys.map((k) => `g."${k}" IS q."${k}"`).join(' AND ');
  return `WITH sel AS (
         SELECT "n", "d", "sigma", "recovered", "certified", "distance", "testError", "relDistance", "cosine", "support"
           FROM "Run" WHERE ${selection}
       ),
       g AS (
         SELECT ${groupBy}, ${PHASE_AGGREGATES}
           FROM sel GROUP BY ${groupBy}
       ),
       r AS (
         SELECT ${groupBy}, "relDistance",
                ROW_NUMBER() OVER (PARTITION BY ${groupBy} ORDER BY "relDistance") AS rn,
                COUNT(*) OVER (PARTITION BY ${groupBy}) AS cnt
           FROM sel WHERE "relDistance" IS NOT NULL
       ),
       q AS (
         SELECT ${groupBy}, ${quantileSql(0.25)} AS q25, ${quantileSql(0.5)} AS q50, ${quantileSql(0.75)} AS q75
           FROM r GROUP BY ${groupBy}
       )
       SELECT g."n" AS n, g."d" AS d, ${bySigma ? 'g."sigma"' : 'NULL'} AS sigma, g.trials, g.successes, g.certified, g.meanDistance, g.meanTestError,
              g.meanRelDistance, g.approx, g.meanCosine, g.support, q.q25, q.q50, q.q75
         FROM g LEFT JOIN q ON ${join}
        ORDER BY ${keys.map((k) => `g."${k}"`).join(', ')}`;
}

export class SweepService {
  constructor(private readonly db: Db) {}

  /**
   * trials = finished runs with a planted model; successes = recovered; certified = nic < 1 - 1e-9 (the stored column);
   * approximately recovered = relDistance <= approxTolerance (a bound parameter, science.md 5); support = the stored column.
   * `recovered` is written only together with status "done" (RunService.recordResult, imports), so
   * "recovered IS NOT NULL" selects finished runs. Medians and quartiles of relDistance come from a
   * window over the same selection (ROW_NUMBER per cell), joined to the GROUP BY.
   */
  async phaseDiagram(filter: RunFilter | null | undefined, bySigma: boolean, options: SliceOptions = {}): Promise<PhaseCell[]> {
    const field = options.field ?? 'filter';
    const tolerance = checkTolerance(options.approxTolerance);
    const sigma = checkSigma(field === 'filter' ? 'sigma' : `sigma (${field})`, options.sigma);
    const where = compileRunFilter(filter, field);
    const sliceSql = sigma === null ? '' : ' AND "sigma" BETWEEN ? AND ?';
    // stored sigmas are the spec's doubles; a window of 1e-12 absorbs a client's decimal rounding
    const sliceParams = sigma === null ? [] : [sigma - 1e-12 * Math.max(1, sigma), sigma + 1e-12 * Math.max(1, sigma)];
    const keys = bySigma ? ['n', 'd', 'sigma'] : ['n', 'd'];
    const selection = `"recovered" IS NOT NULL AND (${where.sql})${sliceSql}`;
    const selectionParams = [...where.params, ...sliceParams];
    // on a read thread, cached until the runs of the filter's experiments change (db/readPool.ts); without read threads (the
    // reference path) the query as it was before, which tests compare this one with (readPool.test.ts)
    const rows = hasReadPool(this.db) && coveredByIndex(filter)
      ? await readRows<Record<string, unknown>>(this.db, phaseSql(keys, bySigma, selection), [tolerance, ...selectionParams, ...selectionParams], experimentScope(filter, field))
      : await readRows<Record<string, unknown>>(this.db, phaseSqlReference(keys, bySigma, selection), [...selectionParams, tolerance]);
    return rows.map((r) => {
      const trials = num(r.trials);
      const successes = num(r.successes ?? 0);
      const certifiedCount = num(r.certified ?? 0);
      const approxCount = num(r.approx ?? 0);
      const supportCount = num(r.support ?? 0);
      const { low, high } = wilson(successes, trials);
      const ap = wilson(approxCount, trials);
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
        meanRelDistance: numOrNull(r.meanRelDistance),
        medianRelDistance: numOrNull(r.q50),
        q25RelDistance: numOrNull(r.q25),
        q75RelDistance: numOrNull(r.q75),
        approxCount,
        pApprox: approxCount / trials,
        pApproxLow: ap.low,
        pApproxHigh: ap.high,
        meanCosine: numOrNull(r.meanCosine),
        supportCount,
        pSupport: supportCount / trials,
      };
    });
  }

  /**
   * The threshold c with P(metric) = level at n = c d (P(recovered) by default; P(approximately recovered)
   * for noisy labels, science.md 5): a logistic fit of the cells' counts in
   * x = log(n/d), c = exp((logit(level) - b0) / b1), with a delta-method 95% interval; when the fit
   * fails (perfect separation), linear interpolation between the two ratios around the crossing.
   */
  async transitionEstimate(
    filter: RunFilter | null | undefined,
    level: number,
    options: { metric?: string | null; sigma?: number | null; approxTolerance?: number | null } = {},
  ): Promise<TransitionEstimate> {
    if (!(level > 0 && level < 1)) throw badInput('level', `${level} is not allowed: the level is a probability strictly between 0 and 1`);
    const metric = checkMetric(options.metric);
    const count = PROBABILITY_COUNT[metric];
    if (!count) throw badInput('metric', `${metric} is a mean, not a probability; a threshold is fitted to RECOVERED, CERTIFIED, APPROX or SUPPORT`);
    const approxTolerance = checkTolerance(options.approxTolerance);
    const cells = await this.phaseDiagram(filter, false, { sigma: options.sigma, approxTolerance });
    const trials = cells.reduce((s, c) => s + c.trials, 0);
    const base = { level, cells: cells.length, trials, metric, approxTolerance };
    if (cells.length < 2) return { ...base, c: null, low: null, high: null, method: 'none', note: 'needs at least two (n, d) cells with finished runs' };
    // pool cells with the same ratio
    const byRatio = new Map<number, { k: number; n: number }>();
    for (const c of cells) {
      const e = byRatio.get(c.ratio) ?? { k: 0, n: 0 };
      e.k += count(c);
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
    return { ...base, c: null, low: null, high: null, method: 'none', note: `${METRIC_LABEL[metric]} does not cross ${level} over the measured ratios` };
  }

  /**
   * Cell-by-cell A minus B of a metric. Probabilities come with Newcombe's hybrid score interval of the
   * difference; means (distances, test error, cosine) with none. `sigma` slices both sides; `sigmaA` and
   * `sigmaB` one side each (so one experiment can be compared at two noise levels).
   */
  async compareRecovery(
    a: RunFilter,
    b: RunFilter,
    bySigma: boolean,
    options: { metric?: string | null; sigma?: number | null; sigmaA?: number | null; sigmaB?: number | null; approxTolerance?: number | null } = {},
  ) {
    const metric = checkMetric(options.metric);
    const approxTolerance = checkTolerance(options.approxTolerance);
    const sigma = checkSigma('sigma', options.sigma);
    const sigmaA = checkSigma('sigmaA', options.sigmaA) ?? sigma;
    const sigmaB = checkSigma('sigmaB', options.sigmaB) ?? sigma;
    // two different slices only meet cell by cell over (n, d)
    const keyed = bySigma && sigmaA === sigmaB;
    const [ca, cb] = await Promise.all([
      this.phaseDiagram(a, keyed, { field: 'a', sigma: sigmaA, approxTolerance }),
      this.phaseDiagram(b, keyed, { field: 'b', sigma: sigmaB, approxTolerance }),
    ]);
    const key = (c: PhaseCell) => `${c.n}|${c.d}|${c.sigma ?? ''}`;
    const cells = new Map<string, { n: number; d: number; sigma: number | null; a: PhaseCell | null; b: PhaseCell | null }>();
    for (const c of ca) cells.set(key(c), { n: c.n, d: c.d, sigma: c.sigma, a: c, b: null });
    for (const c of cb) {
      const e = cells.get(key(c));
      if (e) e.b = c;
      else cells.set(key(c), { n: c.n, d: c.d, sigma: c.sigma, a: null, b: c });
    }
    const count = PROBABILITY_COUNT[metric];
    const mean = MEAN_VALUE[metric];
    const list = [...cells.values()]
      .sort((x, y) => x.n - y.n || x.d - y.d || (x.sigma ?? 0) - (y.sigma ?? 0))
      .map((e) => {
        if (!e.a || !e.b) return { ...e, diff: null, diffLow: null, diffHigh: null };
        if (count) {
          const nc = newcombe(count(e.a), e.a.trials, count(e.b), e.b.trials);
          return { ...e, diff: nc.diff, diffLow: nc.low, diffHigh: nc.high };
        }
        const va = mean!(e.a), vb = mean!(e.b);
        return { ...e, diff: va === null || vb === null ? null : va - vb, diffLow: null, diffHigh: null };
      });
    return { cells: list, metric, approxTolerance };
  }
}
