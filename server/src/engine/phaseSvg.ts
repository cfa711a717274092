/**
 * The phase diagram as SVG: a heat map of P(recovered) over (n, d), the 0.5 level and the fitted line
 * n = c d, rendered by ECharts on the server (SSR, no DOM).
 */
import * as echarts from 'echarts';
/** a cell of the phase diagram as the store aggregates it (modules/sweep PhaseCell): p = P(recovered) */
export interface SvgCell {
  n: number;
  d: number;
  p: number;
}

export interface PhaseOptions<C extends SvgCell = SvgCell> {
  title: string;
  /** the value shown (default P(recovered), `p`) */
  value?: (c: C) => number;
  valueName?: string;
  /** fitted threshold n = c d */
  ratio?: number | null;
  /** reference line n = c d (e.g. the paper's) */
  reference?: { c: number; label: string } | null;
  width?: number;
  height?: number;
}

export function phaseDiagramSvg<C extends SvgCell>(cells: C[], opts: PhaseOptions<C>): string {
  const ns = [...new Set(cells.map((c) => c.n))].sort((a, b) => a - b);
  const ds = [...new Set(cells.map((c) => c.d))].sort((a, b) => a - b);
  const value = opts.value ?? ((c: C) => c.p);
  const data = cells.map((c) => [ns.indexOf(c.n), ds.indexOf(c.d), Number.isFinite(value(c)) ? Number(value(c).toFixed(4)) : '-']);
  // the 0.5 level: for each d, the boundary between the last n below 1/2 and the first at or above it
  const level: [number, number][] = [];
  for (let j = 0; j < ds.length; j++) {
    const row = cells.filter((c) => c.d === ds[j]).sort((a, b) => a.n - b.n);
    const i = row.findIndex((c) => value(c) >= 0.5);
    if (i >= 0) level.push([ns.indexOf(row[i]!.n) - 0.5, j]);
  }
  const series: echarts.SeriesOption[] = [
    {
      type: 'heatmap',
      name: opts.valueName ?? 'P(recovered)',
      data,
      label: { show: ns.length * ds.length <= 120, fontSize: 9, formatter: (p: unknown) => String((p as { value: number[] }).value[2]) },
    },
  ];
  // step line along the 0.5 level, in category coordinates
  if (level.length) {
    const pts: [number, number][] = [];
    for (const [x, y] of level) {
      pts.push([x, y - 0.5], [x, y + 0.5]);
    }
    series.push({ type: 'line', name: 'P = 0.5', data: pts, showSymbol: false, lineStyle: { color: '#ffffff', width: 2.5, type: 'solid' }, z: 5 } as echarts.SeriesOption);
  }
  const lineFor = (c: number) => {
    // n = c d in category coordinates (interpolated along the n axis)
    const pts: [number, number][] = [];
    for (let j = 0; j < ds.length; j++) {
      const target = c * ds[j]!;
      if (target < ns[0]! || target > ns[ns.length - 1]!) continue;
      let i = 0;
      while (i < ns.length - 1 && ns[i + 1]! < target) i++;
      const x = i + (ns.length > 1 && i < ns.length - 1 ? (target - ns[i]!) / (ns[i + 1]! - ns[i]!) : 0);
      pts.push([x, j]);
    }
    return pts;
  };
  if (opts.ratio) series.push({ type: 'line', name: `fit n = ${opts.ratio.toFixed(2)} d`, data: lineFor(opts.ratio), showSymbol: false, lineStyle: { color: '#111', type: 'dashed', width: 2 }, z: 6 } as echarts.SeriesOption);
  if (opts.reference) series.push({ type: 'line', name: opts.reference.label, data: lineFor(opts.reference.c), showSymbol: false, lineStyle: { color: '#d62728', type: 'dotted', width: 2 }, z: 6 } as echarts.SeriesOption);

  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: opts.width ?? 760, height: opts.height ?? 420 });
  chart.setOption({
    animation: false,
    title: { text: opts.title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: series.filter((s) => s.type === 'line').map((s) => s.name as string) },
    grid: { left: 60, right: 90, top: 40, bottom: 70 },
    xAxis: [
      { type: 'category', data: ns.map(String), name: 'n', nameLocation: 'middle', nameGap: 28, splitArea: { show: false } },
      { type: 'value', show: false, min: -0.5, max: ns.length - 0.5 },
    ],
    yAxis: [
      { type: 'category', data: ds.map(String), name: 'd', nameLocation: 'middle', nameGap: 36 },
      { type: 'value', show: false, min: -0.5, max: ds.length - 0.5 },
    ],
    visualMap: { min: 0, max: 1, calculable: false, orient: 'vertical', right: 10, top: 'middle', dimension: 2, seriesIndex: 0, inRange: { color: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] }, text: ['1', '0'] },
    series: series.map((s) => (s.type === 'heatmap' ? { ...s, coordinateSystem: 'cartesian2d' } : { ...s, xAxisIndex: 1, yAxisIndex: 1 })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
