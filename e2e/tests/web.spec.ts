import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '../support/server.ts';
import { PERF_DS, PERF_NS, PERF_TRIALS, seedPerfGrid } from '../support/seed.ts';

interface Cell {
  n: number;
  d: number;
  trials: number;
  successes: number;
  p: number;
}

let server: TestServer;
let sweepId = '';

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

async function apiCells(id: string): Promise<Cell[]> {
  const data = await server.gql<{ phaseDiagram: { cells: Cell[] } }>('query($id: ID!) { phaseDiagram(filter: { experimentId: [$id] }) { cells { n d trials successes p } } }', { id });
  return data.phaseDiagram.cells;
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
  expect(csv[0]).toBe('n,d,sigma,ratio,trials,successes,p,pLow,pHigh,certifiedCount,pCertified,meanDistance,meanTestError');
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
  await page.waitForTimeout(300);
  await shot(page, 'heatmap-hover');
  await page.mouse.click(box.x + 56 + 3.5 * ((box.width - 80) / cols), box.y + 36 + (box.height - 132) / 2);
  await expect(page.getByTestId('cell-runs')).toContainText('n = 40, d = 10');
  await expect(page.getByTestId('cell-run-row')).toHaveCount(2);
  await page.getByTestId('cell-run-row').first().click();
  await expect(page.getByTestId('view-run')).toBeVisible();
  await expect(page.getByTestId('run-title')).toContainText('n = 40, d = 10');
  await expect(page.getByTestId('run-metrics')).toContainText('recovered');
  await expect(page.getByTestId('run-certificate')).toContainText('certified');
  await expect(page.getByTestId('weights-chart')).toBeVisible();
  const spec = JSON.parse((await page.getByTestId('run-spec').textContent()) ?? '{}') as Record<string, unknown>;
  expect(spec).toMatchObject({ architecture: 'plain', program: 'exact', n: 40, d: 10 });
  await shot(page, 'run');
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
  await expect(page.getByTestId('compare-sigma')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-csv').click()]);
  const lines = readFileSync((await download.path()) as string, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('n,d,sigma,pA,pB,diff,diffLow,diffHigh');
  expect(lines.length).toBe(5);
  await shot(page, 'compare');
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
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('runs-csv').click()]);
  const lines = readFileSync((await download.path()) as string, 'utf8').trim().split('\n');
  expect(lines[0]?.startsWith('id,experimentId,trial,status')).toBe(true);
  expect(lines).toHaveLength(5);
  await shot(page, 'runs');
});

test('the heat map of a 40 x 10 grid with 10 trials per cell draws in under a second after the data arrives', async ({ page }) => {
  const id = await seedPerfGrid(server);
  const cells = await apiCells(id);
  expect(cells).toHaveLength(PERF_NS.length * PERF_DS.length);
  expect(cells.every((c) => c.trials === PERF_TRIALS)).toBe(true);
  await page.goto(`${server.url}#/experiments/${id}`);
  await expect(page.getByTestId('heatmap')).toHaveAttribute('data-draw-ms', /\d/);
  const ms = Number(await page.getByTestId('heatmap').getAttribute('data-draw-ms'));
  const shown = JSON.parse((await page.getByTestId('heatmap-cells').getAttribute('data-cells')) ?? '[]') as unknown[];
  expect(shown).toEqual(cells.map((c) => [c.n, c.d, c.successes, c.trials]));
  console.log(`heat map draw time, 40 x 10 grid x ${PERF_TRIALS} trials (${cells.length} cells, 4000 runs): ${ms.toFixed(1)} ms from data arrival to ECharts 'finished'`);
  test.info().annotations.push({ type: 'heatmap-draw-ms', description: ms.toFixed(1) });
  expect(ms).toBeLessThan(1000);
  // and every metric switch redraws as fast
  for (const metric of ['certified', 'distance', 'testError'] as const) await page.getByTestId(`metric-${metric}`).click();
  await page.getByTestId('metric-recovered').click();
  await shot(page, 'heatmap-40x10');
  await page.getByTestId('theme-toggle').click();
  await page.waitForTimeout(300);
  await shot(page, 'heatmap-40x10-dark');
});
