import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '../support/server.ts';
import { PERF_DS, PERF_NS, PERF_TRIALS, seedPerfGrid } from '../support/seed.ts';
import { cellFrame, drawnXAt, expectedCrossing, readSvgChart, type DrawnChart, type Pt } from '../support/chartGeometry.ts';
import { checkPng } from '../support/files.ts';
import { CSP } from '../../desktop/src/shared/csp.ts';

/** the overlays' strokes (desktop/src/renderer/lib/heatmap.ts OVERLAY_STYLE) */
const CONTOUR = '#ffffff';
const FIT = '#21d07a';
const PAPER = '#38bdf8';

interface Cell {
  n: number;
  d: number;
  trials: number;
  successes: number;
  p: number;
  pApprox: number;
  approxCount: number;
  meanRelDistance: number | null;
}

let server: TestServer;
let sweepId = '';
let noisyId = '';
let perfId = '';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  server = await startTestServer();
});
test.afterAll(async () => {
  if (test.info().status !== 'passed' && server) console.log(`server stderr:\n${server.stderr()}`);
  await server?.stop();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function apiCells(id: string, sigma: number | null = null): Promise<Cell[]> {
  const data = await server.gql<{ phaseDiagram: { cells: Cell[] } }>('query($id: ID!, $s: Float) { phaseDiagram(filter: { experimentId: [$id] }, sigma: $s) { cells { n d trials successes p pApprox approxCount meanRelDistance } } }', { id, s: sigma });
  return data.phaseDiagram.cells;
}

async function apiFit(id: string): Promise<number | null> {
  const data = await server.gql<{ transitionEstimate: { c: number | null } }>('query($id: ID!) { transitionEstimate(filter: { experimentId: [$id] }) { c } }', { id });
  return data.transitionEstimate.c;
}

/** what the chart in the page drew, read from ECharts' display list (ChartPanel's rlabDrawn) */
async function drawnInPage(page: Page, testid: string): Promise<DrawnChart> {
  const shapes = (await page.getByTestId(testid).evaluate((el) => (el as HTMLElement & { rlabDrawn?: () => unknown }).rlabDrawn?.() ?? null)) as Array<{
    seriesIndex: number;
    stroke: string | null;
    rect?: { x: number; y: number; width: number; height: number };
    pieces?: Pt[][];
  }> | null;
  if (!shapes) throw new Error(`no chart drawn in ${testid}`);
  const size = await page.getByTestId(testid).locator('canvas').first().boundingBox();
  const lines = new Map<string, Pt[][]>();
  for (const s of shapes) if (s.pieces && s.stroke) lines.set(s.stroke.toLowerCase(), [...(lines.get(s.stroke.toLowerCase()) ?? []), ...s.pieces]);
  return {
    cells: shapes.filter((s) => s.seriesIndex === 0 && s.rect).map((s) => s.rect as NonNullable<typeof s.rect>),
    lines,
    allPoints: shapes.flatMap((s) => (s.pieces ?? []).flat()),
    width: size?.width ?? 0,
    height: size?.height ?? 0,
  };
}

/** where value v sits among the sorted grid values, in cell units (linear, extrapolated at the ends) */
function positionAmong(v: number, vs: number[]): number {
  if (vs.length === 1) return 0;
  let i = 0;
  while (i < vs.length - 2 && v > (vs[i + 1] as number)) i++;
  const a = vs[i] as number;
  const b = vs[i + 1] as number;
  return i + (v - a) / (b - a);
}

/**
 * The overlays are drawn where the data put them: the 1/2 level at each row's interpolated crossing of the
 * API's P(recovered), the lines n = c d at their exact n on every row, all within a tenth of a cell, and
 * nothing outside the plot. Returns the largest error in cells, for the log.
 */
function checkOverlays(drawn: DrawnChart, cells: Cell[], lines: Array<{ stroke: string; c: number }>, where: string): number {
  const ns = [...new Set(cells.map((c) => c.n))].sort((x, y) => x - y);
  const ds = [...new Set(cells.map((c) => c.d))].sort((x, y) => x - y);
  expect(drawn.cells, `${where}: one rectangle per cell`).toHaveLength(ns.length * ds.length);
  const frame = cellFrame(drawn.cells, ns.length, ds.length);
  let worst = 0;
  const contour = drawn.lines.get(CONTOUR) ?? [];
  ds.forEach((d, j) => {
    const row = ns.map((n) => cells.find((c) => c.n === n && c.d === d)?.p ?? null);
    const want = expectedCrossing(row);
    const py = frame.toPixel(0, j)[1];
    const x = drawnXAt(contour, py);
    if (want === null) {
      expect(x, `${where}: row d = ${d} does not cross 1/2, nothing drawn there`).toBeNull();
      return;
    }
    expect(x, `${where}: the 1/2 level is drawn in row d = ${d}`).not.toBeNull();
    const err = Math.abs(frame.fromPixel(x as number, py)[0] - want);
    worst = Math.max(worst, err);
    expect(err, `${where}: 1/2 level in row d = ${d} at cell ${frame.fromPixel(x as number, py)[0].toFixed(3)}, crossing at ${want.toFixed(3)}`).toBeLessThan(0.1);
  });
  for (const { stroke, c } of lines) {
    const pieces = drawn.lines.get(stroke) ?? [];
    expect(pieces.length, `${where}: line n = ${c} d (${stroke}) is drawn`).toBeGreaterThan(0);
    ds.forEach((d, j) => {
      const want = positionAmong(c * d, ns);
      const py = frame.toPixel(0, j)[1];
      const x = drawnXAt(pieces, py);
      if (want < -0.5 || want > ns.length - 0.5) {
        expect(x, `${where}: n = ${c} d leaves the plot before row d = ${d}`).toBeNull();
        return;
      }
      expect(x, `${where}: n = ${c} d crosses row d = ${d}`).not.toBeNull();
      const err = Math.abs(frame.fromPixel(x as number, py)[0] - want);
      worst = Math.max(worst, err);
      expect(err, `${where}: n = ${c} d in row d = ${d}`).toBeLessThan(0.1);
    });
  }
  for (const stroke of [CONTOUR, FIT, PAPER])
    for (const [x, y] of (drawn.lines.get(stroke) ?? []).flat()) {
      expect(x, `${where}: ${stroke} inside the plot`).toBeGreaterThanOrEqual(frame.plot.x - 1.5);
      expect(x).toBeLessThanOrEqual(frame.plot.x + frame.plot.width + 1.5);
      expect(y, `${where}: ${stroke} inside the plot`).toBeGreaterThanOrEqual(frame.plot.y - 1.5);
      expect(y).toBeLessThanOrEqual(frame.plot.y + frame.plot.height + 1.5);
    }
  return worst;
}

/** click a chart's PNG and SVG buttons; both files must be valid (PNG decodes, SVG parses); returns the SVG */
async function exportBoth(page: Page, testid: string): Promise<string> {
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${testid}-png`).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const info = checkPng(readFileSync((await png.path()) as string));
  expect(info.width).toBeGreaterThan(100);
  expect(info.distinctPixels, `${testid}: the PNG is not one flat colour`).toBeGreaterThan(1000);
  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${testid}-svg`).click()]);
  expect(svgDl.suggestedFilename()).toMatch(/\.svg$/);
  const svg = readFileSync((await svgDl.path()) as string, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, error: doc.getElementsByTagName('parsererror').length };
  }, svg);
  expect(parsed, `${testid}: the SVG parses`).toEqual({ root: 'svg', error: 0 });
  await expect(page.getByTestId(testid).getByRole('alert')).toHaveCount(0);
  return svg;
}

test('a small sweep created through the form runs to the end and its heat map equals the API\'s phaseDiagram', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('view-experiments')).toBeVisible();
  await expect(page.getByTestId('state-empty')).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await page.getByTestId('nav-new').click();
  await page.getByTestId('f-name').fill('plain exact n 10:10:40');
  await page.getByTestId('f-architecture').selectOption('plain');
  await page.getByTestId('f-program').selectOption('exact');
  await page.getByTestId('f-n').fill('10:10:40');
  await page.getByTestId('f-d').fill('10');
  await page.getByTestId('f-trials').fill('2');
  await page.getByTestId('f-sigma').fill('0');
  await expect(page.getByTestId('run-count')).toHaveText('8');
  await expect(page.getByTestId('time-estimate')).toBeVisible();
  // over the server's limit: refused with the reason before anything is sent
  await page.getByTestId('f-n').fill('10:10:200');
  await page.getByTestId('f-trials').fill('10000');
  await expect(page.getByTestId('limit-error')).toContainText('the grid has 200000 runs; at most 100000 are allowed');
  await expect(page.getByTestId('f-submit')).toBeDisabled();
  await shot(page, 'new-experiment-over-limit');
  await page.getByTestId('f-n').fill('10:10:40');
  await page.getByTestId('f-trials').fill('2');
  await expect(page.getByTestId('limit-error')).toHaveCount(0);
  await shot(page, 'new-experiment');
  await page.getByTestId('f-submit').click();

  await expect(page).toHaveURL(/#\/experiments\/\d+$/);
  sweepId = /experiments\/(\d+)$/.exec(page.url())?.[1] ?? '';
  await expect(page.getByTestId('experiment-status')).toHaveText('done', { timeout: 120_000 });
  await expect.poll(async () => (await apiCells(sweepId)).reduce((s, c) => s + c.trials, 0), { timeout: 10_000 }).toBe(8);
  await expect(page.getByTestId('heatmap')).toHaveAttribute('data-draw-ms', /\d/);
  const wanted = await apiCells(sweepId);
  await expect
    .poll(async () => JSON.parse((await page.getByTestId('heatmap-cells').getAttribute('data-cells')) ?? '[]'))
    .toEqual(wanted.map((c) => [c.n, c.d, c.successes, c.trials]));
  // the cells table says the same
  await page.getByTestId('toggle-cells').click();
  const rows = page.getByTestId('cell-row');
  await expect(rows).toHaveCount(wanted.length);
  for (const [i, c] of wanted.entries()) {
    await expect(rows.nth(i)).toHaveAttribute('data-n', String(c.n));
    await expect(rows.nth(i)).toHaveAttribute('data-successes', String(c.successes));
    await expect(rows.nth(i)).toHaveAttribute('data-trials', String(c.trials));
  }
  await shot(page, 'experiment-heatmap');

  // cells table as CSV
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cells-csv').click()]);
  const csv = readFileSync((await download.path()) as string, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('n,d,sigma,ratio,trials,successes,p,pLow,pHigh,certifiedCount,pCertified,approxCount,pApprox,pApproxLow,pApproxHigh,supportCount,pSupport,meanRelDistance,medianRelDistance,q25RelDistance,q75RelDistance,meanCosine,meanDistance,meanTestError');
  expect(csv).toHaveLength(wanted.length + 1);
});

test('a click on a cell lists its runs, and a run shows its neurons, metrics, certificate and spec', async ({ page }) => {
  await page.goto(server.url.replace('/?', `/?`) + `#/experiments/${sweepId}`);
  await expect(page.getByTestId('heatmap')).toHaveAttribute('data-draw-ms', /\d/);
  const canvas = page.locator('[data-testid="heatmap"] canvas').first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no heat map canvas');
  const cols = 4;
  // grid margins of heatmapOption: left 56, right 24, top 36, bottom 96; click the last column (n = 40)
  await page.mouse.move(box.x + 56 + 3.5 * ((box.width - 80) / cols), box.y + 36 + (box.height - 132) / 2);
  // the tooltip of the hovered cell (ECharts draws it as a div inside the chart)
  await expect(page.getByTestId('heatmap').getByText('n = 40, d = 10')).toBeVisible();
  await shot(page, 'heatmap-hover');
  await page.mouse.click(box.x + 56 + 3.5 * ((box.width - 80) / cols), box.y + 36 + (box.height - 132) / 2);
  await expect(page.getByTestId('cell-runs')).toContainText('n = 40, d = 10');
  await expect(page.getByTestId('cell-run-row')).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]cell=40(%2C|,)10/);
  await page.getByTestId('cell-run-row').first().click();
  await expect(page.getByTestId('view-run')).toBeVisible();
  await expect(page.getByTestId('run-title')).toContainText('n = 40, d = 10');
  await expect(page.getByTestId('run-metrics')).toContainText('recovered');
  await expect(page.getByTestId('run-metrics')).toContainText('relative distance');
  await expect(page.getByTestId('run-certificate')).toContainText('certified');
  await expect(page.getByTestId('weights-chart')).toBeVisible();
  const spec = JSON.parse((await page.getByTestId('run-spec').textContent()) ?? '{}') as Record<string, unknown>;
  expect(spec).toMatchObject({ architecture: 'plain', program: 'exact', n: 40, d: 10 });
  await shot(page, 'run');
  await exportBoth(page, 'weights-chart');
  // Back: the experiment with the same cell selected
  await page.goBack();
  await expect(page.getByTestId('cell-runs')).toContainText('n = 40, d = 10');
  await expect(page.getByTestId('cell-run-row')).toHaveCount(2);
});

test('two experiments compared side by side, with their difference and the curves against sigma', async ({ page }) => {
  const created = await server.gql<{ createExperiment: { id: string } }>(
    'mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }',
    { i: { name: 'plain exact noisy', spec: { architecture: 'plain', program: 'exact', n: [10, 20, 30, 40], d: [10], trials: 2, sigma: [0, 0.1], seed: 100 } } },
  );
  const b = created.createExperiment.id;
  await page.goto(`${server.url}#/experiments`);
  await expect(page.locator(`[data-testid="experiment-row"][data-id="${b}"]`)).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await shot(page, 'experiments');
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('compare-a').selectOption(sweepId);
  await page.getByTestId('compare-b').selectOption(b);
  await expect(page.getByTestId('compare-map-a')).toHaveAttribute('data-draw-ms', /\d/);
  await expect(page.getByTestId('compare-map-b')).toHaveAttribute('data-draw-ms', /\d/);
  await expect(page.getByTestId('compare-map-diff')).toHaveAttribute('data-draw-ms', /\d/);
  await expect(page.getByTestId('compare-curves')).toHaveAttribute('data-draw-ms', /\d/);
  // B has sigma 0 and 0.1: it is sliced at one of them (0 first), never pooled
  await expect(page.getByTestId('compare-sigma-b')).toHaveValue('0');
  await expect.poll(async () => JSON.parse((await page.getByTestId('compare-map-b-cells').getAttribute('data-cells')) ?? '[]')).toEqual((await apiCells(b, 0)).map((c) => [c.n, c.d, c.successes, c.trials]));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-csv').click()]);
  const lines = readFileSync((await download.path()) as string, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('n,d,sigmaA,sigmaB,metric,a,b,diff,diffLow,diffHigh');
  expect(lines.length).toBe(5);
  await shot(page, 'compare');
  noisyId = b;
});

test('the noisy vs clean preset: one experiment at sigma 0.1 against itself at 0, P(approx.) maps and relative-distance curves, every chart exported', async ({ page }) => {
  await page.goto(`${server.url}#/compare?a=${noisyId}`);
  await page.getByTestId('preset-noisy-clean').click();
  await expect(page).toHaveURL(new RegExp(`b=${noisyId}`));
  await expect(page).toHaveURL(/metric=approx/);
  await expect(page).toHaveURL(/sa=0\.1/);
  await expect(page).toHaveURL(/sb=0(&|$)/);
  await expect(page.getByTestId('preset-noisy-clean')).toHaveAttribute('aria-pressed', 'true');
  for (const id of ['compare-map-a', 'compare-map-b', 'compare-map-diff', 'compare-curves']) await expect(page.getByTestId(id)).toHaveAttribute('data-draw-ms', /\d/);
  // the maps show the API's P(approx.) of each slice
  const noisy = await apiCells(noisyId, 0.1);
  const clean = await apiCells(noisyId, 0);
  await expect.poll(async () => JSON.parse((await page.getByTestId('compare-map-a-cells').getAttribute('data-values')) ?? '[]')).toEqual(noisy.map((c) => [c.n, c.d, c.pApprox]));
  await expect.poll(async () => JSON.parse((await page.getByTestId('compare-map-b-cells').getAttribute('data-values')) ?? '[]')).toEqual(clean.map((c) => [c.n, c.d, c.pApprox]));
  await expect(page.getByTestId('compare-map-a-cells')).toHaveAttribute('data-metric', 'approx');
  // and the difference A - B of P(approx.)
  const diffs = JSON.parse((await page.getByTestId('compare-map-diff-cells').getAttribute('data-values')) ?? '[]') as Array<[number, number, number | null]>;
  for (const [n, d, v] of diffs) {
    const a = noisy.find((c) => c.n === n && c.d === d);
    const bb = clean.find((c) => c.n === n && c.d === d);
    expect(v).toBeCloseTo((a?.pApprox ?? NaN) - (bb?.pApprox ?? NaN), 9);
  }
  // the paper's view: one connected curve per sigma (d = 10 only), a point per n
  const curves = await drawnInPage(page, 'compare-curves');
  const strokes = [...curves.lines.entries()].filter(([, pieces]) => pieces.some((p) => p.length >= 4));
  expect(strokes.length, 'a connected curve per sigma').toBeGreaterThanOrEqual(2);
  await shot(page, 'compare-noisy-vs-clean');
  // the exports run under the app's strict policy, the one the Electron window adds as a header too
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CSP);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  for (const id of ['compare-map-a', 'compare-map-b', 'compare-map-diff', 'compare-curves']) await exportBoth(page, id);
  expect(violations, 'no CSP violation while exporting').toEqual([]);
});

test('the runs table filters and sorts on the server and exports CSV', async ({ page }) => {
  await page.goto(`${server.url}#/runs?experiment=${sweepId}`);
  await expect(page.getByTestId('runs-total')).toContainText('8 runs');
  await expect(page.getByTestId('run-row')).toHaveCount(8);
  await page.getByTestId('runs-sort-n').click();
  await page.getByTestId('runs-sort-n').click();
  await expect(page.getByTestId('runs-sort-n')).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('run-row').first()).toContainText('40');
  await page.getByTestId('runs-f-nmin').fill('30');
  await expect(page.getByTestId('runs-total')).toContainText('4 runs');
  await expect(page).toHaveURL(/nmin=30/);
  await expect(page).toHaveURL(/dir=DESC/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('runs-csv').click()]);
  const lines = readFileSync((await download.path()) as string, 'utf8').trim().split('\n');
  expect(lines[0]?.startsWith('id,experimentId,trial,status')).toBe(true);
  expect(lines).toHaveLength(5);
  await shot(page, 'runs');
  // Back from a run restores the filters and the sort
  await page.getByTestId('run-row').first().click();
  await expect(page.getByTestId('view-run')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('runs-f-nmin')).toHaveValue('30');
  await expect(page.getByTestId('runs-total')).toContainText('4 runs');
  await expect(page.getByTestId('runs-sort-n')).toHaveAttribute('aria-sort', 'descending');
  // a change of the address alone refilters
  await page.evaluate((h) => (window.location.hash = h), `#/runs?experiment=${noisyId}`);
  await expect(page.getByTestId('runs-total')).toContainText('16 runs');
  await expect(page.getByTestId('runs-f-nmin')).toHaveValue('');
});

test('a 40 x 10 grid with 10 trials per cell: the map, the 1/2 level and the lines are drawn where the data put them, in the page and in the SVG; PNG and SVG are valid', async ({ page }) => {
  const id = await seedPerfGrid(server);
  perfId = id;
  const cells = await apiCells(id);
  expect(cells).toHaveLength(PERF_NS.length * PERF_DS.length);
  expect(cells.every((c) => c.trials === PERF_TRIALS)).toBe(true);
  const c = await apiFit(id);
  expect(c, 'the seeded grid has a fitted threshold').not.toBeNull();
  await page.goto(`${server.url}#/experiments/${id}`);
  await expect(page.getByTestId('heatmap')).toHaveAttribute('data-draw-ms', /\d/);
  const ms = Number(await page.getByTestId('heatmap').getAttribute('data-draw-ms'));
  const shown = JSON.parse((await page.getByTestId('heatmap-cells').getAttribute('data-cells')) ?? '[]') as unknown[];
  expect(shown).toEqual(cells.map((x) => [x.n, x.d, x.successes, x.trials]));
  console.log(`heat map draw time, 40 x 10 grid x ${PERF_TRIALS} trials (${cells.length} cells, 4000 runs): ${ms.toFixed(1)} ms from the option change to ECharts 'finished'`);
  test.info().annotations.push({ type: 'heatmap-draw-ms', description: ms.toFixed(1) });
  await expect(page.getByTestId('heatmap-cells')).toHaveAttribute('data-fitted-c', String(c));
  const lines = [{ stroke: FIT, c: c as number }, { stroke: PAPER, c: 2.4 }];
  // in the page: the canvas renderer's display list
  const worstPage = checkOverlays(await drawnInPage(page, 'heatmap'), cells, lines, 'page');
  // in the exported SVG
  const svg = await exportBoth(page, 'heatmap');
  const drawnSvg = readSvgChart(svg);
  const worstSvg = checkOverlays(drawnSvg, cells, lines, 'svg');
  for (const [x, y] of drawnSvg.allPoints) {
    expect(x, 'svg: nothing drawn left of or right of the picture').toBeGreaterThanOrEqual(-1);
    expect(x).toBeLessThanOrEqual(drawnSvg.width + 1);
    expect(y, 'svg: nothing drawn above or below the picture').toBeGreaterThanOrEqual(-1);
    expect(y).toBeLessThanOrEqual(drawnSvg.height + 1);
  }
  console.log(`drawn positions vs crossings of phaseDiagram and n = c d (c = ${c}, 2.4): largest error ${worstPage.toFixed(4)} cells in the page, ${worstSvg.toFixed(4)} in the SVG`);
  // a metric switch redraws (the time is the draw's, not the data's)
  for (const metric of ['certified', 'distance', 'testError'] as const) {
    await page.getByTestId(`metric-${metric}`).click();
    await expect(page).toHaveURL(new RegExp(`metric=${metric}`));
    await expect(page.getByTestId('heatmap-cells')).toHaveAttribute('data-metric', metric);
  }
  console.log(`draw times of the metric switches (ms): ${JSON.stringify(await page.evaluate(() => (window as unknown as { __rlabDrawMs?: number[] }).__rlabDrawMs?.map((x) => Math.round(x))))}`);
  await page.getByTestId('metric-recovered').click();
  await expect(page).not.toHaveURL(/metric=/);
  await expect(page.getByTestId('transition')).toContainText('fit n =');
  await shot(page, 'heatmap-40x10');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('heatmap')).toHaveAttribute('data-draw-ms', /\d/);
  await shot(page, 'heatmap-40x10-dark');
  await page.getByTestId('theme-toggle').click();
});

test('links: a changed address alone redraws Compare, Back restores it, and a new tab of the same browser works from the session cookie', async ({ page, context }) => {
  await page.goto(`${server.url}#/compare?a=${sweepId}&b=${noisyId}`);
  await expect(page.getByTestId('compare-map-b')).toHaveAttribute('data-draw-ms', /\d/);
  const noisyClean = (await apiCells(noisyId, 0)).map((c) => [c.n, c.d, c.successes, c.trials]);
  await expect.poll(async () => JSON.parse((await page.getByTestId('compare-map-b-cells').getAttribute('data-cells')) ?? '[]')).toEqual(noisyClean);
  // only the query changes: b = noisy -> b = the 40 x 10 grid
  await page.evaluate((h) => (window.location.hash = h), `#/compare?a=${sweepId}&b=${perfId}`);
  const perf = (await apiCells(perfId)).map((c) => [c.n, c.d, c.successes, c.trials]);
  await expect.poll(async () => JSON.parse((await page.getByTestId('compare-map-b-cells').getAttribute('data-cells')) ?? '[]')).toEqual(perf);
  await expect(page.getByTestId('compare-b')).toHaveValue(perfId);
  // Back: the previous B again
  await page.goBack();
  await expect.poll(async () => JSON.parse((await page.getByTestId('compare-map-b-cells').getAttribute('data-cells')) ?? '[]')).toEqual(noisyClean);
  await expect(page.getByTestId('compare-b')).toHaveValue(noisyId);
  // a metric in the address alone
  await page.evaluate((h) => (window.location.hash = h), `#/compare?a=${sweepId}&b=${noisyId}&metric=relDistance`);
  await expect(page.getByTestId('compare-metric-relDistance')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('compare-map-a-cells')).toHaveAttribute('data-metric', 'relDistance');

  // a new tab: no token in its address or its sessionStorage, only the HttpOnly cookie of this browser
  const tab = await context.newPage();
  await tab.goto(`${server.origin}/#/compare?a=${sweepId}&b=${noisyId}&metric=approx`);
  await expect(tab.getByTestId('compare-map-a')).toHaveAttribute('data-draw-ms', /\d/);
  await expect(tab.getByTestId('state-error')).toHaveCount(0);
  await expect(tab.getByTestId('compare-metric-approx')).toHaveAttribute('aria-pressed', 'true');
  expect(await tab.evaluate(() => window.sessionStorage.getItem('rlab.token'))).toBeNull();
  await tab.goto(`${server.origin}/#/experiments/${sweepId}?cell=40,10`);
  await expect(tab.getByTestId('cell-runs')).toContainText('n = 40, d = 10');
  await expect(tab.getByTestId('experiment-status')).toHaveText('done');
  await shot(tab, 'new-tab-experiment');
  await tab.close();
});
