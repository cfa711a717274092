/**
 * The report's line charts as SVG strings, rendered by ECharts on the server (SSR, no DOM), in the same
 * way as engine/phaseSvg.ts renders the heat maps.
 */
import * as echarts from 'echarts';

export interface LineSeries {
  name: string;
  points: [number, number][];
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xName: string;
  yName: string;
  yMin?: number;
  yMax?: number;
  logY?: boolean;
  /** vertical reference lines, e.g. the paper's threshold */
  marks?: { x: number; label: string }[];
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function lineChartSvg(series: LineSeries[], opts: LineChartOptions): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: opts.width ?? 760, height: opts.height ?? 380 });
  const out: echarts.SeriesOption[] = series.map((s, i) => ({
    type: 'line',
    name: s.name,
    data: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!opts.logY || y > 0)),
    showSymbol: true,
    symbolSize: 5,
    lineStyle: { width: 2, type: s.dashed ? 'dashed' : 'solid', color: PALETTE[i % PALETTE.length] },
    itemStyle: { color: PALETTE[i % PALETTE.length] },
  }));
  if (opts.marks?.length && out[0])
    (out[0] as { markLine?: unknown }).markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#444', type: 'dotted', width: 1.5 },
      label: { formatter: '{b}', fontSize: 10 },
      data: opts.marks.map((m) => ({ xAxis: m.x, name: m.label })),
    };
  chart.setOption({
    animation: false,
    color: PALETTE,
    title: { text: opts.title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, type: 'plain' },
    grid: { left: 70, right: 30, top: 60, bottom: 80 },
    xAxis: { type: 'value', name: opts.xName, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: {
      type: opts.logY ? 'log' : 'value',
      name: opts.yName,
      nameLocation: 'middle',
      nameGap: 50,
      axisLabel: { formatter: (v: number) => (v !== 0 && Math.abs(v) < 0.01 ? v.toExponential(0) : String(Number(v.toPrecision(3)))) },
      ...(opts.yMin !== undefined ? { min: opts.yMin } : {}),
      ...(opts.yMax !== undefined ? { max: opts.yMax } : {}),
    },
    series: out,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
