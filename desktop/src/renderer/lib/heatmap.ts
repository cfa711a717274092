/**
 * The phase diagram as an ECharts option: a heat map over (n, d) (n across, d up), the 1/2 level of
 * P(recovered) traced row by row, the fitted line n = c d and the paper's line. Pure, so it is unit-tested.
 */
import type { PhaseCell } from '../api/operations.ts';
import { formatNumber } from './science.ts';
import { contourPath, levelCrossings, plotBox, slopeLine, type Path, type Point } from './phaseGeometry.ts';

export type Metric = 'recovered' | 'certified' | 'distance' | 'testError';

export const METRICS: Array<{ id: Metric; label: string }> = [
  { id: 'recovered', label: 'P(recovered)' },
  { id: 'certified', label: 'P(certified)' },
  { id: 'distance', label: 'mean distance' },
  { id: 'testError', label: 'mean test error' },
];

export function metricValue(cell: PhaseCell, metric: Metric): number | null {
  switch (metric) {
    case 'recovered':
      return cell.p;
    case 'certified':
      return cell.pCertified;
    case 'distance':
      return cell.meanDistance;
    case 'testError':
      return cell.meanTestError;
  }
}

export interface Grid {
  ns: number[];
  ds: number[];
  /** cells[j][i] for d = ds[j], n = ns[i] */
  at: Array<Array<PhaseCell | null>>;
}

export function toGrid(cells: PhaseCell[]): Grid {
  const ns = [...new Set(cells.map((c) => c.n))].sort((a, b) => a - b);
  const ds = [...new Set(cells.map((c) => c.d))].sort((a, b) => a - b);
  const ni = new Map(ns.map((n, i) => [n, i]));
  const di = new Map(ds.map((d, j) => [d, j]));
  const at: Array<Array<PhaseCell | null>> = ds.map(() => ns.map(() => null));
  for (const c of cells) {
    const row = at[di.get(c.d) as number] as Array<PhaseCell | null>;
    row[ni.get(c.n) as number] = c;
  }
  return { ns, ds, at };
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
  /** 'diff' maps use a diverging palette over [-1, 1] and the values given here instead of the metric */
  diffValues?: Map<string, number | null>;
}

export function valueRange(cells: PhaseCell[], metric: Metric): [number, number] {
  if (metric === 'recovered' || metric === 'certified') return [0, 1];
  const vs = cells.map((c) => metricValue(c, metric)).filter((v): v is number => v !== null && Number.isFinite(v));
  if (vs.length === 0) return [0, 1];
  const max = Math.max(...vs);
  return [0, max > 0 ? max : 1];
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
  const grid = toGrid(input.cells);
  const text = input.dark ? '#d6d9e0' : '#22252b';
  const diff = input.diffValues !== undefined;
  const data: Array<[number, number, number | null]> = [];
  grid.at.forEach((row, j) =>
    row.forEach((c, i) => {
      if (!c) return;
      const v = diff ? (input.diffValues?.get(`${c.n},${c.d}`) ?? null) : metricValue(c, input.metric);
      data.push([i, j, v === null ? null : v]);
    }),
  );
  const [min, max] = diff ? [-1, 1] : (input.range ?? valueRange(input.cells, input.metric));
  const lines: Array<Record<string, unknown>> = [];
  const probability = input.metric === 'recovered' || input.metric === 'certified';
  if (!diff && probability) {
    const contour = gridCrossings(grid, input.metric, 0.5);
    if (contour.length > 0) lines.push(overlay('0.5 level', contourPath(contour), OVERLAY_STYLE.contour.color, OVERLAY_STYLE.contour.type, 3));
  }
  if (input.fittedC) lines.push(overlay(`fit n = ${formatNumber(input.fittedC)} d`, slopeLine(grid.ns, grid.ds, input.fittedC), OVERLAY_STYLE.fit.color, OVERLAY_STYLE.fit.type, 4));
  if (input.paperC) lines.push(overlay(`paper n = ${input.paperC} d`, slopeLine(grid.ns, grid.ds, input.paperC), OVERLAY_STYLE.paper.color, OVERLAY_STYLE.paper.type, 4));
  const label = diff ? 'difference of P(recovered)' : (input.title ?? input.metric);
  const box = plotBox(grid.ns.length, grid.ds.length);
  const hiddenValueAxis = (lo: number, hi: number) => ({ type: 'value', show: false, min: lo, max: hi, scale: true, splitLine: { show: false }, axisPointer: { show: false } });
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: text },
    title: input.title ? { text: input.title, left: 'center', top: 0, textStyle: { color: text, fontSize: 13, fontWeight: 'normal' } } : undefined,
    grid: { left: 56, right: 24, top: input.title ? 56 : 36, bottom: 96 },
    legend: lines.length > 0 ? { top: input.title ? 22 : 0, textStyle: { color: text }, data: lines.map((l) => ({ name: l.name as string, itemStyle: { color: legendColor(l.color as string) }, lineStyle: { color: legendColor(l.color as string) } })) } : undefined,
    tooltip: { trigger: 'item', confine: true },
    xAxis: [
      { type: 'category', name: 'n', nameLocation: 'middle', nameGap: 24, data: grid.ns.map(String), axisLabel: { color: text }, splitArea: { show: false }, splitLine: { show: false }, boundaryGap: true },
      hiddenValueAxis(box.x0, box.x1),
    ],
    yAxis: [
      { type: 'category', name: 'd', nameLocation: 'middle', nameGap: 36, data: grid.ds.map(String), axisLabel: { color: text }, splitArea: { show: false }, splitLine: { show: false }, boundaryGap: true },
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
      text: [formatNumber(max), `${label}  ${formatNumber(min)}`],
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
    `certified ${c.certifiedCount}/${c.trials}`,
    `mean distance ${formatNumber(c.meanDistance)}`,
    `mean test error ${formatNumber(c.meanTestError)}`,
  ].join('<br>');
}
