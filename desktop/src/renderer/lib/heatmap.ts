/**
 * The phase diagram as an ECharts option: a heat map over (n, d) (n across, d up), the 1/2 level of
 * P(recovered) traced row by row, the fitted line n = c d and the paper's line. Pure, so it is unit-tested.
 */
import type { PhaseCell } from '../api/operations.ts';
import type { PhaseMetric } from '../generated/graphql.ts';
import { formatNumber } from './science.ts';
import { contourPath, levelCrossings, plotBox, slopeLine, type Path, type Point } from './phaseGeometry.ts';

export type Metric = 'recovered' | 'certified' | 'approx' | 'support' | 'distance' | 'relDistance' | 'testError' | 'cosine';

/** probabilities have a 1/2 level and a fitted threshold; distances are drawn on a log scale */
export type MetricKind = 'probability' | 'distance' | 'cosine';

export interface MetricInfo {
  id: Metric;
  label: string;
  /** the API's PhaseMetric */
  api: PhaseMetric;
  kind: MetricKind;
}

export const METRICS: MetricInfo[] = [
  { id: 'recovered', label: 'P(recovered)', api: 'RECOVERED', kind: 'probability' },
  { id: 'approx', label: 'P(approx.)', api: 'APPROX', kind: 'probability' },
  { id: 'certified', label: 'P(certified)', api: 'CERTIFIED', kind: 'probability' },
  { id: 'support', label: 'P(support)', api: 'SUPPORT', kind: 'probability' },
  { id: 'relDistance', label: 'rel. distance', api: 'REL_DISTANCE', kind: 'distance' },
  { id: 'distance', label: 'distance', api: 'DISTANCE', kind: 'distance' },
  { id: 'testError', label: 'test error', api: 'TEST_ERROR', kind: 'distance' },
  { id: 'cosine', label: 'cosine', api: 'COSINE', kind: 'cosine' },
];

export function metricInfo(metric: Metric): MetricInfo {
  return METRICS.find((m) => m.id === metric) ?? (METRICS[0] as MetricInfo);
}

export function isMetric(v: unknown): v is Metric {
  return typeof v === 'string' && METRICS.some((m) => m.id === v);
}

export function isProbability(metric: Metric): boolean {
  return metricInfo(metric).kind === 'probability';
}

/** the cell's value of the metric (science.md 5); relative distance is the mean over trials */
export function metricValue(cell: PhaseCell, metric: Metric): number | null {
  switch (metric) {
    case 'recovered':
      return cell.p;
    case 'certified':
      return cell.pCertified;
    case 'approx':
      return cell.pApprox;
    case 'support':
      return cell.pSupport;
    case 'distance':
      return cell.meanDistance;
    case 'relDistance':
      return cell.meanRelDistance;
    case 'testError':
      return cell.meanTestError;
    case 'cosine':
      return cell.meanCosine;
  }
}

/** what the columns are: n, or n/d (a sweep over ratios then has one column per ratio and no holes) */
export type XAxisKind = 'n' | 'ratio';

export interface Grid {
  /** the column values: n, or n/d */
  ns: number[];
  ds: number[];
  x: XAxisKind;
  /** cells[j][i] for d = ds[j], column value ns[i] */
  at: Array<Array<PhaseCell | null>>;
}

/** a cell's column value; ratios rounded to 12 digits so that 25/10 and 50/20 share a column */
export function columnValue(c: PhaseCell, x: XAxisKind): number {
  return x === 'ratio' ? Number((c.n / c.d).toPrecision(12)) : c.n;
}

export function toGrid(cells: PhaseCell[], x: XAxisKind = 'n'): Grid {
  const ns = [...new Set(cells.map((c) => columnValue(c, x)))].sort((a, b) => a - b);
  const ds = [...new Set(cells.map((c) => c.d))].sort((a, b) => a - b);
  const ni = new Map(ns.map((n, i) => [n, i]));
  const di = new Map(ds.map((d, j) => [d, j]));
  const at: Array<Array<PhaseCell | null>> = ds.map(() => ns.map(() => null));
  for (const c of cells) {
    const row = at[di.get(c.d) as number] as Array<PhaseCell | null>;
    row[ni.get(columnValue(c, x)) as number] = c;
  }
  return { ns, ds, x, at };
}

/** the values of one metric as rows of the grid (rows[j][i] for d = ds[j], n = ns[i]) */
export function metricRows(grid: Grid, metric: Metric): Array<Array<number | null>> {
  return grid.at.map((row) => row.map((c) => (c ? metricValue(c, metric) : null)));
}

/** the crossings of `level` row by row, in cell coordinates (lib/phaseGeometry.ts) */
export function gridCrossings(grid: Grid, metric: Metric, level = 0.5): Point[] {
  return levelCrossings(metricRows(grid, metric), level);
}

export interface HeatmapInput {
  cells: PhaseCell[];
  metric: Metric;
  fittedC?: number | null;
  paperC?: number | null;
  /** fixed colour range (side by side comparisons share one) */
  range?: [number, number] | null;
  dark?: boolean;
  title?: string;
  /** columns by n (default) or by n/d */
  xAxis?: XAxisKind;
  /** 'diff' maps use a diverging palette, symmetric around 0, and the values given here instead of the metric's */
  diffValues?: Map<string, number | null>;
}

/** smallest distance a log-scale map shows (exact recoveries have distances near 0) */
export const LOG_FLOOR = 1e-6;

/** the colour range of a metric over cells: [0, 1] for probabilities, [min > 0, max] for distances (log scale) */
export function valueRange(cells: PhaseCell[], metric: Metric): [number, number] {
  const kind = metricInfo(metric).kind;
  if (kind === 'probability') return [0, 1];
  const vs = cells.map((c) => metricValue(c, metric)).filter((v): v is number => v !== null && Number.isFinite(v));
  if (kind === 'cosine') return [Math.min(0, ...vs), 1];
  const pos = vs.filter((v) => v > 0);
  if (pos.length === 0) return [LOG_FLOOR, 1];
  const lo = Math.max(LOG_FLOOR, Math.min(...pos));
  const hi = Math.max(...pos);
  return hi > lo ? [lo, hi] : [lo / 10, lo * 10];
}

/** one range over several sets of cells (side by side maps share one colour scale) */
export function sharedRange(sets: PhaseCell[][], metric: Metric): [number, number] {
  const nonEmpty = sets.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) return valueRange([], metric);
  const rs = nonEmpty.map((s) => valueRange(s, metric));
  return [Math.min(...rs.map((r) => r[0])), Math.max(...rs.map((r) => r[1]))];
}

/** the range of a difference map: [-1, 1] for probabilities, symmetric around 0 otherwise */
export function diffRange(values: Iterable<number | null>, metric: Metric): [number, number] {
  if (isProbability(metric)) return [-1, 1];
  let m = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m > 0 ? [-m, m] : [-1, 1];
}

function log10Clamped(v: number): number {
  return Math.log10(Math.max(LOG_FLOOR, v));
}

const SEQUENTIAL = ['#0d0887', '#5302a3', '#8b0aa5', '#b83289', '#db5c68', '#f48849', '#febd2a', '#f0f921'];
const DIVERGING = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];

/** the white 1/2 level reads on the heat map but not on a white legend */
function legendColor(c: string): string {
  return c === '#ffffff' ? '#8a8f98' : c;
}

/** ECharts' empty value: it breaks a line series */
const GAP = ['-', '-'] as const;

/** an overlay line on the hidden value axes (index 1), so it is drawn where it is, not at a cell centre */
function overlay(name: string, path: Path, color: string, type: string, z: number): Record<string, unknown> {
  return {
    name,
    type: 'line',
    xAxisIndex: 1,
    yAxisIndex: 1,
    data: path.map((p) => p ?? GAP),
    symbol: 'none',
    clip: true,
    color,
    itemStyle: { color },
    lineStyle: { color, width: 2.5, type },
    z,
    tooltip: { show: false },
    silent: true,
    animation: false,
  };
}

/** the colour and dash of each overlay (e2e identifies drawn lines by their stroke) */
export const OVERLAY_STYLE = {
  contour: { color: '#ffffff', type: 'dashed' },
  fit: { color: '#21d07a', type: 'solid' },
  paper: { color: '#38bdf8', type: 'dotted' },
} as const;

export function heatmapOption(input: HeatmapInput): Record<string, unknown> {
  const grid = toGrid(input.cells, input.xAxis ?? 'n');
  // on n/d columns the line n = c d is the column n/d = c on every row
  const line = (c: number) => (grid.x === 'ratio' ? slopeLine(grid.ns, grid.ds.map(() => 1), c) : slopeLine(grid.ns, grid.ds, c));
  const text = input.dark ? '#d6d9e0' : '#22252b';
  const diff = input.diffValues !== undefined;
  const info = metricInfo(input.metric);
  // distances span decades (exact recovery ~1e-9, noisy ~sigma, failure ~1): colour by log10
  const log = !diff && info.kind === 'distance';
  const data: Array<[number, number, number | null]> = [];
  grid.at.forEach((row, j) =>
    row.forEach((c, i) => {
      if (!c) return;
      const v = diff ? (input.diffValues?.get(`${c.n},${c.d}`) ?? null) : metricValue(c, input.metric);
      data.push([i, j, v === null || !Number.isFinite(v) ? null : log ? log10Clamped(v) : v]);
    }),
  );
  const [lo, hi] = diff ? (input.range ?? diffRange(input.diffValues?.values() ?? [], input.metric)) : (input.range ?? valueRange(input.cells, input.metric));
  const [min, max] = log ? [log10Clamped(lo), log10Clamped(hi)] : [lo, hi];
  const lines: Array<Record<string, unknown>> = [];
  if (!diff && info.kind === 'probability') {
    const contour = gridCrossings(grid, input.metric, 0.5);
    if (contour.length > 0) lines.push(overlay('0.5 level', contourPath(contour), OVERLAY_STYLE.contour.color, OVERLAY_STYLE.contour.type, 3));
  }
  if (input.fittedC) lines.push(overlay(`fit n = ${formatNumber(input.fittedC)} d`, line(input.fittedC), OVERLAY_STYLE.fit.color, OVERLAY_STYLE.fit.type, 4));
  if (input.paperC) lines.push(overlay(`paper n = ${input.paperC} d`, line(input.paperC), OVERLAY_STYLE.paper.color, OVERLAY_STYLE.paper.type, 4));
  const label = diff ? `A − B of ${info.label}` : log ? `${info.label} (log scale)` : info.label;
  const box = plotBox(grid.ns.length, grid.ds.length);
  const hiddenValueAxis = (lo: number, hi: number) => ({ type: 'value', show: false, min: lo, max: hi, scale: true, axisLine: { show: false }, axisTick: { show: false }, axisLabel: { show: false }, splitLine: { show: false }, splitArea: { show: false }, axisPointer: { show: false } });
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: text },
    title: input.title ? { text: input.title, left: 'center', top: 0, textStyle: { color: text, fontSize: 13, fontWeight: 'normal' } } : undefined,
    grid: { left: 56, right: 24, top: input.title ? 56 : 36, bottom: 96 },
    legend: lines.length > 0 ? { top: input.title ? 22 : 0, textStyle: { color: text }, data: lines.map((l) => ({ name: l.name as string, itemStyle: { color: legendColor(l.color as string) }, lineStyle: { color: legendColor(l.color as string) } })) } : undefined,
    tooltip: { trigger: 'item', confine: true },
    xAxis: [
      { type: 'category', name: grid.x === 'ratio' ? 'n/d' : 'n', nameLocation: 'middle', nameGap: 24, data: grid.ns.map(String), axisLabel: { color: text }, axisLine: { onZero: false }, splitArea: { show: false }, splitLine: { show: false }, boundaryGap: true },
      hiddenValueAxis(box.x0, box.x1),
    ],
    yAxis: [
      { type: 'category', name: 'd', nameLocation: 'middle', nameGap: 36, data: grid.ds.map(String), axisLabel: { color: text }, axisLine: { onZero: false }, splitArea: { show: false }, splitLine: { show: false }, boundaryGap: true },
      hiddenValueAxis(box.y0, box.y1),
    ],
    visualMap: {
      min,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 200,
      text: [formatNumber(hi), `${label}  ${formatNumber(lo)}`],
      // the handles' labels: the value, not ECharts' rounding (which shows -0.27 as "-0"), and 10^v on a log scale
      formatter: (v: number) => formatNumber(log ? 10 ** v : v),
      textStyle: { color: text },
      inRange: { color: diff ? DIVERGING : SEQUENTIAL },
      seriesIndex: 0,
    },
    series: [
      {
        name: label,
        type: 'heatmap',
        data,
        progressive: 0,
        emphasis: { itemStyle: { borderColor: '#fff', borderWidth: 1 } },
      },
      ...lines,
    ],
  };
}

/** the tooltip of one cell: k/T with its Wilson interval and the other metrics */
export function cellTooltip(c: PhaseCell): string {
  return [
    `<b>n = ${c.n}, d = ${c.d}</b>${c.sigma !== null ? `, σ = ${c.sigma}` : ''} (n/d = ${formatNumber(c.ratio)})`,
    `recovered ${c.successes}/${c.trials} = ${formatNumber(c.p)}`,
    `Wilson 95%: [${formatNumber(c.pLow)}, ${formatNumber(c.pHigh)}]`,
    `approx. recovered ${c.approxCount}/${c.trials} = ${formatNumber(c.pApprox)} [${formatNumber(c.pApproxLow)}, ${formatNumber(c.pApproxHigh)}]`,
    `certified ${c.certifiedCount}/${c.trials}`,
    `support right ${c.supportCount}/${c.trials}`,
    `rel. distance mean ${formatNumber(c.meanRelDistance)}, median ${formatNumber(c.medianRelDistance)} [${formatNumber(c.q25RelDistance)}, ${formatNumber(c.q75RelDistance)}]`,
    `mean distance ${formatNumber(c.meanDistance)}`,
    `mean test error ${formatNumber(c.meanTestError)}`,
    `mean cosine ${formatNumber(c.meanCosine)}`,
  ].join('<br>');
}
