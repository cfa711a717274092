/**
 * The paper's view of noisy recovery (its figures 7 and 9; science.md 5): a distance between the learned
 * and the planted weights against n/d, one connected curve per sigma and per d, each point the median over
 * trials with its interquartile range as a bar (the relative distance; for the absolute distance and the
 * test error, which the store aggregates as means, the mean without a bar). Log scale: above the
 * threshold the distance is of the order of sigma, below it of the order of 1. Pure, unit-tested.
 */
import type { PhaseCell } from '../api/operations.ts';
import { LOG_FLOOR } from './heatmap.ts';
import { formatNumber } from './science.ts';

export type CurveMetric = 'relDistance' | 'distance' | 'testError';

export const CURVE_METRICS: Array<{ id: CurveMetric; label: string }> = [
  { id: 'relDistance', label: 'relative distance (median, IQR)' },
  { id: 'distance', label: 'distance (mean)' },
  { id: 'testError', label: 'test error (mean)' },
];

export function isCurveMetric(v: unknown): v is CurveMetric {
  return typeof v === 'string' && CURVE_METRICS.some((m) => m.id === v);
}

export interface CurvePoint {
  n: number;
  ratio: number;
  /** the median (relative distance) or the mean */
  y: number;
  low: number | null;
  high: number | null;
  trials: number;
}

export interface Curve {
  side: string;
  sigma: number;
  d: number;
  points: CurvePoint[];
}

function centre(c: PhaseCell, metric: CurveMetric): { y: number | null; low: number | null; high: number | null } {
  switch (metric) {
    case 'relDistance':
      return { y: c.medianRelDistance ?? c.meanRelDistance, low: c.q25RelDistance, high: c.q75RelDistance };
    case 'distance':
      return { y: c.meanDistance, low: null, high: null };
    case 'testError':
      return { y: c.meanTestError, low: null, high: null };
  }
}

/** one curve per (sigma, d) of one side's cells (phaseDiagram with bySigma), points in increasing n/d */
export function curvesOf(side: string, cells: PhaseCell[], metric: CurveMetric): Curve[] {
  const groups = new Map<string, Curve>();
  for (const c of cells) {
    const { y, low, high } = centre(c, metric);
    if (y === null || !Number.isFinite(y)) continue;
    const sigma = c.sigma ?? 0;
    const key = `${sigma}|${c.d}`;
    const g = groups.get(key) ?? { side, sigma, d: c.d, points: [] };
    g.points.push({ n: c.n, ratio: c.ratio, y, low, high, trials: c.trials });
    groups.set(key, g);
  }
  const out = [...groups.values()];
  for (const g of out) g.points.sort((p, q) => p.ratio - q.ratio);
  return out.sort((p, q) => (p.side < q.side ? -1 : p.side > q.side ? 1 : p.sigma - q.sigma || p.d - q.d));
}

const SIGMA_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const D_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin'];

export function curveName(c: Pick<Curve, 'side' | 'sigma' | 'd'>): string {
  return `${c.side} σ = ${c.sigma}, d = ${c.d}`;
}

export interface CurvesInput {
  curves: Curve[];
  metric: CurveMetric;
  /** the paper's threshold (n/d) drawn as a vertical line */
  paperC?: number | null;
  dark?: boolean;
}

export function curvesOption(input: CurvesInput): Record<string, unknown> {
  const text = input.dark ? '#d6d9e0' : '#22252b';
  const sigmas = [...new Set(input.curves.map((c) => c.sigma))].sort((a, b) => a - b);
  const ds = [...new Set(input.curves.map((c) => c.d))].sort((a, b) => a - b);
  const sides = [...new Set(input.curves.map((c) => c.side))];
  const clamp = (v: number) => Math.max(LOG_FLOOR, v);
  const label = CURVE_METRICS.find((m) => m.id === input.metric)?.label ?? input.metric;
  const series: Array<Record<string, unknown>> = [];
  for (const c of input.curves) {
    const color = SIGMA_COLOURS[sigmas.indexOf(c.sigma) % SIGMA_COLOURS.length] as string;
    const name = curveName(c);
    const dashed = sides.indexOf(c.side) > 0;
    series.push({
      name,
      type: 'line',
      data: c.points.map((p) => ({ value: [p.ratio, clamp(p.y)], point: p })),
      symbol: D_SYMBOLS[ds.indexOf(c.d) % D_SYMBOLS.length],
      symbolSize: 7,
      color,
      itemStyle: { color },
      lineStyle: { color, width: 2, type: dashed ? 'dashed' : 'solid' },
      connectNulls: false,
      z: 3,
    });
    const bars = c.points.filter((p) => p.low !== null && p.high !== null);
    if (bars.length > 0)
      // the spread over trials: a vertical bar from q25 to q75 at every point, same name (the legend toggles both)
      series.push({
        name,
        type: 'line',
        data: bars.flatMap((p) => [[p.ratio, clamp(p.low as number)], [p.ratio, clamp(p.high as number)], ['-', '-']]),
        symbol: 'none',
        color,
        lineStyle: { color, width: 1.2, opacity: 0.8 },
        tooltip: { show: false },
        silent: true,
        z: 2,
      });
  }
  if (input.paperC && series[0])
    series[0].markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#38bdf8', type: 'dotted', width: 2 },
      label: { formatter: `paper n = ${input.paperC} d`, color: text },
      data: [{ xAxis: input.paperC }],
    };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: text },
    title: { text: `${label} against n/d, one curve per σ and d`, left: 'center', top: 0, textStyle: { color: text, fontSize: 13, fontWeight: 'normal' } },
    legend: { type: 'scroll', top: 22, textStyle: { color: text }, data: [...new Set(input.curves.map(curveName))] },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: { seriesName: string; data: { point?: CurvePoint } }) => {
        const pt = p.data?.point;
        if (!pt) return '';
        const spread = pt.low !== null && pt.high !== null ? ` [${formatNumber(pt.low)}, ${formatNumber(pt.high)}]` : '';
        return `<b>${p.seriesName}</b><br>n = ${pt.n}, n/d = ${formatNumber(pt.ratio)}<br>${label}: ${formatNumber(pt.y)}${spread}<br>${pt.trials} trials`;
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: 48 },
    xAxis: { type: 'value', name: 'n/d', nameLocation: 'middle', nameGap: 26, axisLabel: { color: text }, splitLine: { show: false } },
    yAxis: { type: 'log', name: label, nameLocation: 'middle', nameGap: 48, axisLabel: { color: text, formatter: (v: number) => formatNumber(v) }, min: (e: { min: number }) => Math.max(LOG_FLOOR, e.min / 2) },
    series,
  };
}
