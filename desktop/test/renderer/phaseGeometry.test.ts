/**
 * Where the phase diagram's overlays are drawn: the positions computed by lib/phaseGeometry.ts against
 * hand-computed ones, and the SVG that ECharts actually renders from heatmapOption (server-side rendering,
 * the same path as the SVG export) read back and compared with the crossings and lines, in pixels, within
 * a tenth of a cell.
 */
import { describe, expect, it } from 'vitest';
import { axisPosition, clipPolyline, contourPath, levelCrossings, plotBox, rowCrossing, slopeLine, valueAt, xAtY, type Path, type Point } from '../../src/renderer/lib/phaseGeometry.ts';
import { heatmapOption, OVERLAY_STYLE, toGrid, metricRows } from '../../src/renderer/lib/heatmap.ts';
import { renderSvg } from '../../src/renderer/lib/echarts.ts';
import { cellFrame, drawnXAt, expectedCrossing, readSvgChart } from '../../../e2e/support/chartGeometry.ts';
import type { PhaseCell } from '../../src/renderer/api/operations.ts';

function cell(n: number, d: number, p: number): PhaseCell {
  const trials = 20;
  const successes = Math.round(p * trials);
  return { n, d, sigma: null, ratio: n / d, trials, successes, p: successes / trials, pLow: 0, pHigh: 1, certifiedCount: 0, pCertified: 0, meanDistance: 1 - p, meanTestError: null, meanRelDistance: 1 - p, medianRelDistance: 1 - p, q25RelDistance: null, q75RelDistance: null, approxCount: successes, pApprox: successes / trials, pApproxLow: 0, pApproxHigh: 1, meanCosine: null, supportCount: successes, pSupport: successes / trials };
}

const points = (path: Path): Point[] => path.filter((p): p is Point => p !== null);

describe('positions in cell coordinates', () => {
  it('places a value between grid values linearly, and beyond the ends with the end spacing', () => {
    expect(axisPosition(25, [10, 20, 30])).toBe(1.5);
    expect(axisPosition(23.75, [10, 15, 20, 25, 30])).toBeCloseTo(2.75, 12);
    expect(axisPosition(5, [10, 20, 30])).toBe(-0.5);
    expect(axisPosition(45, [10, 20, 30])).toBe(3.5);
    expect(axisPosition(35, [10, 20, 50])).toBeCloseTo(1.5, 12);
    expect(valueAt(2.75, [10, 15, 20, 25, 30])).toBeCloseTo(23.75, 12);
    expect(valueAt(-0.5, [10, 20, 30])).toBe(5);
  });
  it('finds the interpolated crossing of 1/2 in a row (the issue\'s d = 10 row: 23.75 and 45.8, not 25 and 45)', () => {
    // ns = 10, 15, ..., 60: p rises 0 -> 0.2 at n = 20 -> 0.6 at n = 25, so 1/2 is crossed at n = 23.75
    const ns = [10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60];
    const row = [0, 0.1, 0.2, 0.6, 0.8, 1, 1, 1, 1, 1, 1];
    const x = rowCrossing(row) as number;
    expect(valueAt(x, ns)).toBeCloseTo(23.75, 12);
    // a row crossing between n = 45 (0.3) and n = 50 (0.55): 45 + 5 * 0.2 / 0.25 = 49
    const row2 = [0, 0, 0, 0, 0.1, 0.2, 0.25, 0.3, 0.55, 0.9, 1];
    expect(valueAt(rowCrossing(row2) as number, ns)).toBeCloseTo(49, 12);
    // 45.8 = 45 + 5 * 0.16: p 0.42 at 45 and 0.92 at 50
    expect(valueAt(rowCrossing([0, 0, 0, 0, 0, 0, 0, 0.42, 0.92, 1, 1]) as number, ns)).toBeCloseTo(45.8, 12);
    expect(rowCrossing([0, 0.2, 0.4])).toBeNull();
    expect(rowCrossing([0.2, null, 0.8])).toBeNull();
    expect(rowCrossing([0.2, 0.5])).toBe(1);
  });
  it('draws the level in every crossing row at its crossing, across the whole row, with gaps for rows without one', () => {
    const crossings = levelCrossings([[0, 1], [0, 0], [0.25, 1]]);
    expect(crossings).toEqual([[0.5, 0], [1 / 3, 2]]);
    expect(contourPath(crossings)).toEqual([[0.5, -0.5], [0.5, 0.5], null, [1 / 3, 1.5], [1 / 3, 2.5]]);
    expect(contourPath([[1.5, 0], [1.25, 1]])).toEqual([[1.5, -0.5], [1.5, 0.5], [1.25, 0.5], [1.25, 1.5]]);
  });
  it('puts n = 2.4 d at its exact n on every row and clips it to the plot', () => {
    const ns = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const ds = [10, 20, 30, 40];
    const path = slopeLine(ns, ds, 2.4);
    // rows: d = 10 -> n = 24 -> x = 1.4; d = 20 -> 48 -> 3.8; d = 30 -> 72 -> 6.2; d = 40 -> 96 -> 8.6
    for (const [j, x] of [[0, 1.4], [1, 3.8], [2, 6.2], [3, 8.6]] as const) expect(xAtY(path, j)).toBeCloseTo(x, 9);
    // bottom edge: d = 5 -> n = 12 -> x = 0.2; top: d = 45 -> n = 108 -> x = 9.8, outside: clipped at x = 9.5, y = 3.375
    expect(path[0]).toEqual([expect.closeTo(0.2, 9), -0.5]);
    expect(path[path.length - 1]).toEqual([9.5, expect.closeTo(3.375, 9)]);
    const box = plotBox(ns.length, ds.length);
    for (const [x, y] of points(path)) {
      expect(x).toBeGreaterThanOrEqual(box.x0 - 1e-12);
      expect(x).toBeLessThanOrEqual(box.x1 + 1e-12);
      expect(y).toBeGreaterThanOrEqual(box.y0 - 1e-12);
      expect(y).toBeLessThanOrEqual(box.y1 + 1e-12);
    }
  });
  it('draws nothing of a line that misses the plot, and splits one that leaves and comes back', () => {
    expect(slopeLine([10, 20], [10, 20], 100)).toEqual([]);
    const box = plotBox(2, 2);
    expect(clipPolyline([[-2, 0], [-1, 0]], box)).toEqual([]);
    expect(clipPolyline([[0, 0], [3, 0], [3, 1], [0, 1]], box)).toEqual([[0, 0], [1.5, 0], null, [1.5, 1], [0, 1]]);
  });
});

describe('what ECharts draws from the option (SVG, as exported)', () => {
  // d = 10, 20, 30 and n = 10..100: P(recovered) rises across n = 2.4 d with a logistic of slope 0.25 per unit n
  const ns = Array.from({ length: 10 }, (_, i) => 10 * (i + 1));
  const ds = [10, 20, 30];
  const cells = ds.flatMap((d) => ns.map((n) => cell(n, d, 1 / (1 + Math.exp(-(n - 2.4 * d) / 4)))));
  const svg = renderSvg(heatmapOption({ cells, metric: 'recovered', fittedC: 2.3, paperC: 2.4, title: 'test' }), 900, 520, '#ffffff');
  const drawn = readSvgChart(svg);
  const frame = cellFrame(drawn.cells, ns.length, ds.length);
  const tenth = 0.1;

  it('draws one rectangle per cell', () => {
    expect(drawn.cells).toHaveLength(ns.length * ds.length);
    expect(frame.cellWidth).toBeGreaterThan(10);
  });
  it('draws the 1/2 level at each row\'s interpolated crossing', () => {
    const contour = drawn.lines.get(OVERLAY_STYLE.contour.color);
    expect(contour, 'a white dashed 1/2 level').toBeDefined();
    const rows = metricRows(toGrid(cells), 'recovered');
    rows.forEach((row, j) => {
      const want = expectedCrossing(row);
      expect(want).not.toBeNull();
      const [, py] = frame.toPixel(0, j);
      const x = drawnXAt(contour ?? [], py) as number;
      expect(x).not.toBeNull();
      expect(Math.abs(frame.fromPixel(x, py)[0] - (want as number))).toBeLessThan(tenth);
    });
  });
  it('draws the fitted and the paper\'s line at n = c d on every row', () => {
    for (const [style, c] of [[OVERLAY_STYLE.fit, 2.3], [OVERLAY_STYLE.paper, 2.4]] as const) {
      const line = drawn.lines.get(style.color);
      expect(line, style.color).toBeDefined();
      ds.forEach((d, j) => {
        const [, py] = frame.toPixel(0, j);
        const x = drawnXAt(line ?? [], py) as number;
        const want = axisPosition(c * d, ns) as number;
        expect(Math.abs(frame.fromPixel(x, py)[0] - want)).toBeLessThan(tenth);
        // and in n: within a tenth of the column spacing of c d
        expect(Math.abs((valueAt(frame.fromPixel(x, py)[0], ns) as number) - c * d)).toBeLessThan(tenth * 10);
      });
    }
  });
  it('draws the axis lines on the plot\'s edges (not at the hidden value axes\' zero, a cell centre)', () => {
    const axisPieces = [...drawn.lines.entries()].filter(([stroke]) => !Object.values(OVERLAY_STYLE).some((o) => o.color === stroke)).flatMap(([, p]) => p);
    const vertical = axisPieces.filter((p) => p.length === 2 && Math.abs((p[0] as [number, number])[0] - (p[1] as [number, number])[0]) < 0.01 && Math.abs((p[0] as [number, number])[1] - (p[1] as [number, number])[1]) > frame.plot.height * 0.9);
    const horizontal = axisPieces.filter((p) => p.length === 2 && Math.abs((p[0] as [number, number])[1] - (p[1] as [number, number])[1]) < 0.01 && Math.abs((p[0] as [number, number])[0] - (p[1] as [number, number])[0]) > frame.plot.width * 0.9);
    expect(vertical.length).toBeGreaterThan(0);
    expect(horizontal.length).toBeGreaterThan(0);
    for (const p of vertical) expect(Math.abs((p[0] as [number, number])[0] - frame.plot.x)).toBeLessThan(1);
    for (const p of horizontal) expect(Math.abs((p[0] as [number, number])[1] - (frame.plot.y + frame.plot.height))).toBeLessThan(1);
  });
  it('draws nothing outside the canvas, and the overlays stay inside the plot', () => {
    for (const [x, y] of drawn.allPoints) {
      expect(x).toBeGreaterThanOrEqual(-1);
      expect(y).toBeGreaterThanOrEqual(-1);
      expect(x).toBeLessThanOrEqual(drawn.width + 1);
      expect(y).toBeLessThanOrEqual(drawn.height + 1);
    }
    for (const style of Object.values(OVERLAY_STYLE))
      for (const piece of drawn.lines.get(style.color) ?? [])
        for (const [x, y] of piece) {
          expect(x).toBeGreaterThanOrEqual(frame.plot.x - 1);
          expect(x).toBeLessThanOrEqual(frame.plot.x + frame.plot.width + 1);
          expect(y).toBeGreaterThanOrEqual(frame.plot.y - 1);
          expect(y).toBeLessThanOrEqual(frame.plot.y + frame.plot.height + 1);
        }
  });
});

describe('columns by n/d', () => {
  // the same ratios at d = 10 and d = 20 (n = 10..80 and 20..160): one column per ratio, no holes
  const ratios = [1, 1.5, 2, 2.5, 3, 4, 6, 8];
  const cells = [10, 20].flatMap((d) => ratios.map((r) => cell(r * d, d, 1 / (1 + Math.exp(-(r - 2.4) * 3)))));
  it('puts every cell in a column of its ratio', () => {
    const g = toGrid(cells, 'ratio');
    expect(g.ns).toEqual(ratios);
    expect(g.at.flat().every((c) => c !== null)).toBe(true);
  });
  it('draws n = c d as the column n/d = c on every row, and the 1/2 level at the crossing in n/d', () => {
    const svg = renderSvg(heatmapOption({ cells, metric: 'recovered', fittedC: 2.3, xAxis: 'ratio' }), 900, 520, '#ffffff');
    const drawn = readSvgChart(svg);
    const frame = cellFrame(drawn.cells, ratios.length, 2);
    const fit = drawn.lines.get(OVERLAY_STYLE.fit.color) ?? [];
    const contour = drawn.lines.get(OVERLAY_STYLE.contour.color) ?? [];
    const rows = metricRows(toGrid(cells, 'ratio'), 'recovered');
    for (const j of [0, 1]) {
      const py = frame.toPixel(0, j)[1];
      expect(Math.abs(frame.fromPixel(drawnXAt(fit, py) as number, py)[0] - (axisPosition(2.3, ratios) as number))).toBeLessThan(0.1);
      expect(Math.abs(frame.fromPixel(drawnXAt(contour, py) as number, py)[0] - (expectedCrossing(rows[j] as Array<number | null>) as number))).toBeLessThan(0.1);
    }
  });
});
