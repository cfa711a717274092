import { describe, expect, it } from 'vitest';
import { estimateSeconds, fitRunTime, parseFloatList, parseIntGrid, parseNumber } from '../../src/renderer/lib/grid.ts';
import { gridCrossings, heatmapOption, toGrid } from '../../src/renderer/lib/heatmap.ts';
import { cosine, matchNeurons, paperSlope } from '../../src/renderer/lib/science.ts';
import { toCsv } from '../../src/renderer/lib/csv.ts';
import { tokenFromPage, urlWithoutToken } from '../../src/renderer/api/connection.ts';
import type { PhaseCell } from '../../src/renderer/api/operations.ts';

function cell(n: number, d: number, successes: number, trials: number): PhaseCell {
  const p = successes / trials;
  return { n, d, sigma: null, ratio: n / d, trials, successes, p, pLow: 0, pHigh: 1, certifiedCount: 0, pCertified: 0, meanDistance: 1 - p, meanTestError: null, meanRelDistance: 1 - p, medianRelDistance: 1 - p, q25RelDistance: null, q75RelDistance: null, approxCount: successes, pApprox: p, pApproxLow: 0, pApproxHigh: 1, meanCosine: null, supportCount: successes, pSupport: p };
}

describe('grids typed in the form', () => {
  it('expands start:step:stop and lists, sorted and without duplicates', () => {
    expect(parseIntGrid('10:10:40', 'n', 1, 5000).value).toEqual([10, 20, 30, 40]);
    expect(parseIntGrid('30, 10 10:10:20', 'n', 1, 5000).value).toEqual([10, 20, 30]);
  });
  it('names the field, the value and what is allowed', () => {
    expect(parseIntGrid('10:0:40', 'n', 1, 5000).error).toBe('n: the step of "10:0:40" must be positive');
    expect(parseIntGrid('ten', 'd', 1, 1000).error).toBe('d: "ten" is not an integer or a start:step:stop range');
    expect(parseIntGrid('0:10:20', 'd', 1, 1000).error).toBe('d: 0 is outside 1..1000');
    expect(parseIntGrid('', 'n', 1, 5000).error).toMatch(/at least one value/);
    expect(parseFloatList('0, x', 'sigma', 0, 10).error).toBe('sigma: "x" is not a number');
    expect(parseNumber('2.5', 'trials', 1, 100, true).error).toBe('trials: 2.5 is not an integer');
  });
  it('estimates time from past runs and the number of workers', () => {
    const f = fitRunTime([{ n: 10, d: 10, timeMs: 101 }, { n: 20, d: 10, timeMs: 104 }, { n: 40, d: 10, timeMs: 116 }]);
    expect(f(20, 10)).toBeCloseTo(104, 0);
    expect(estimateSeconds([10, 20], [10], 1, 10, () => 100, 2)).toBeCloseTo(1, 6);
  });
});

describe('phase diagram option', () => {
  const cells = [cell(10, 10, 0, 4), cell(20, 10, 1, 4), cell(30, 10, 4, 4), cell(10, 20, 0, 4), cell(20, 20, 0, 4), cell(30, 20, 2, 4)];
  it('puts n across and d up, one data item per cell with P(recovered)', () => {
    const o = heatmapOption({ cells, metric: 'recovered' }) as { xAxis: Array<{ data: string[] }>; yAxis: Array<{ data: string[] }>; series: Array<{ type: string; data: unknown[] }> };
    expect(o.xAxis[0]?.data).toEqual(['10', '20', '30']);
    expect(o.yAxis[0]?.data).toEqual(['10', '20']);
    expect(o.series[0]?.data).toContainEqual([1, 0, 0.25]);
    expect(o.series[0]?.data).toHaveLength(6);
  });
  it('traces the 1/2 level between neighbouring cells', () => {
    expect(gridCrossings(toGrid(cells), 'recovered')).toEqual([
      [1 + 0.25 / 0.75, 0],
      [2, 1],
    ]);
  });
  it('draws the overlays on hidden value axes spanning the cells, so that they are not snapped to cell centres', () => {
    const o = heatmapOption({ cells, metric: 'recovered', fittedC: 2 }) as { xAxis: Array<Record<string, unknown>>; yAxis: Array<Record<string, unknown>>; series: Array<Record<string, unknown>> };
    expect(o.xAxis[1]).toMatchObject({ type: 'value', min: -0.5, max: 2.5, show: false });
    expect(o.yAxis[1]).toMatchObject({ type: 'value', min: -0.5, max: 1.5, show: false });
    for (const s of o.series.slice(1)) expect(s).toMatchObject({ type: 'line', xAxisIndex: 1, yAxisIndex: 1, clip: true });
  });
  it('has the paper\'s lines (science.md section 7)', () => {
    expect(paperSlope('plain')).toBe(2.4);
    expect(paperSlope('skip')).toBe(2);
    expect(paperSlope('normalized')).toBe(1);
  });
});

describe('neurons, CSV, token', () => {
  it('matches recovered to planted neurons by cosine', () => {
    expect(cosine([1, 0], [2, 0])).toBe(1);
    expect(matchNeurons([[1, 0], [0, 1]], [[0, 3], [0.9, 0.1]]).map((m) => m.planted)).toEqual([1, 0]);
  });
  it('quotes CSV fields that need it', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: null }, { a: 'say "hi"', b: 2 }])).toBe('a,b\n"x,y",\n"say ""hi""",2\n');
  });
  it('keeps the token from ?token= in session storage and removes it from the address', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(tokenFromPage({ origin: 'http://127.0.0.1:1', search: '?token=abc', href: '' }, storage)).toBe('abc');
    expect(tokenFromPage({ origin: 'http://127.0.0.1:1', search: '', href: '' }, storage)).toBe('abc');
    expect(urlWithoutToken('http://127.0.0.1:1/?token=abc#/runs')).toBe('http://127.0.0.1:1/#/runs');
  });
});
