/** The parts of ECharts the app uses (tree-shaken), registered once. */
import { use, init } from 'echarts/core';
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
