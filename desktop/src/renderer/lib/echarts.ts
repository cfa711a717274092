/** The parts of ECharts the app uses (tree-shaken), registered once. */
import { use, init, getInstanceByDom, type EChartsType } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { HeatmapChart, LineChart, ScatterChart, BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent, LegendComponent, TitleComponent, MarkLineComponent, DataZoomComponent } from 'echarts/components';

use([CanvasRenderer, SVGRenderer, HeatmapChart, LineChart, ScatterChart, BarChart, GridComponent, TooltipComponent, VisualMapComponent, LegendComponent, TitleComponent, MarkLineComponent, DataZoomComponent]);

/** the chart drawn again with the SVG renderer, as an SVG document */
export function renderSvg(option: Record<string, unknown>, width: number, height: number, background: string): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...option, backgroundColor: background, animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** one element ECharts drew, in canvas pixels (what the e2e suite checks positions against) */
export interface DrawnShape {
  type: string;
  /** the series it belongs to (-1: axes, legend, title, visual map) */
  seriesIndex: number;
  fill: string | null;
  stroke: string | null;
  dashed: boolean;
  /** rectangles (heat map cells) */
  rect?: { x: number; y: number; width: number; height: number };
  /** polylines (line series), pieces split where the line has a gap */
  pieces?: Array<Array<[number, number]>>;
}

interface ZrElementLike {
  type?: string;
  shape?: { x?: number; y?: number; width?: number; height?: number; points?: ArrayLike<number> | Array<[number, number]> };
  style?: { fill?: unknown; stroke?: unknown; lineDash?: unknown };
  transform?: ArrayLike<number> | null;
  invisible?: boolean;
  [key: string]: unknown;
}

/** ECharts keeps each element's series on a property of its own making; find it without private imports */
function seriesIndexOf(el: ZrElementLike): number {
  for (const k of Object.keys(el)) {
    const v = el[k];
    if (k.startsWith('__ec_inner_') && v && typeof v === 'object' && typeof (v as { seriesIndex?: unknown }).seriesIndex === 'number') return (v as { seriesIndex: number }).seriesIndex;
  }
  return -1;
}

function apply(t: ArrayLike<number> | null | undefined, x: number, y: number): [number, number] {
  if (!t) return [x, y];
  return [(t[0] as number) * x + (t[2] as number) * y + (t[4] as number), (t[1] as number) * x + (t[3] as number) * y + (t[5] as number)];
}

/** the rectangles and polylines of a chart's display list, in pixels */
export function drawnShapesOf(instance: EChartsType): DrawnShape[] {
  const list = (instance.getZr() as unknown as { storage: { getDisplayList(update?: boolean): ZrElementLike[] } }).storage.getDisplayList(true);
  const out: DrawnShape[] = [];
  for (const el of list) {
    if (el.invisible || !el.shape) continue;
    const base = {
      type: String(el.type ?? ''),
      seriesIndex: seriesIndexOf(el),
      fill: typeof el.style?.fill === 'string' ? el.style.fill : null,
      stroke: typeof el.style?.stroke === 'string' ? el.style.stroke : null,
      dashed: (Array.isArray(el.style?.lineDash) && el.style.lineDash.length > 0) || el.style?.lineDash === 'dashed' || el.style?.lineDash === 'dotted',
    };
    const sh = el.shape;
    if (el.type === 'rect' && typeof sh.width === 'number' && typeof sh.height === 'number') {
      const [x0, y0] = apply(el.transform, sh.x ?? 0, sh.y ?? 0);
      const [x1, y1] = apply(el.transform, (sh.x ?? 0) + sh.width, (sh.y ?? 0) + sh.height);
      out.push({ ...base, rect: { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) } });
    } else if (sh.points && (el.type === 'ec-polyline' || el.type === 'polyline')) {
      const raw = sh.points;
      const flat: number[] = [];
      if (raw.length > 0 && Array.isArray((raw as Array<[number, number]>)[0])) for (const p of raw as Array<[number, number]>) flat.push(p[0], p[1]);
      else for (let i = 0; i < raw.length; i++) flat.push((raw as ArrayLike<number>)[i] as number);
      const pieces: Array<Array<[number, number]>> = [];
      let cur: Array<[number, number]> = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const x = flat[i] as number;
        const y = flat[i + 1] as number;
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          if (cur.length > 0) pieces.push(cur);
          cur = [];
          continue;
        }
        cur.push(apply(el.transform, x, y));
      }
      if (cur.length > 0) pieces.push(cur);
      out.push({ ...base, pieces });
    }
  }
  return out;
}

/** what the chart in this element drew (null: no chart there) */
export function drawnShapes(dom: HTMLElement | undefined): DrawnShape[] | null {
  if (!dom) return null;
  const candidates = [dom, ...Array.from(dom.querySelectorAll<HTMLElement>('div'))];
  for (const el of candidates) {
    const inst = getInstanceByDom(el);
    if (inst) return drawnShapesOf(inst);
  }
  return null;
}
