// @vitest-environment happy-dom
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from '../../src/renderer/router.ts';

const api = vi.hoisted(() => ({
  listExperiments: vi.fn(),
  getExperiment: vi.fn(),
  phaseDiagram: vi.fn(),
  transitionEstimate: vi.fn(),
  listRuns: vi.fn(),
  createExperiment: vi.fn(),
  recentTimings: vi.fn(),
  workerState: vi.fn(),
  cancelExperiment: vi.fn(),
  compareRecovery: vi.fn(),
  getRun: vi.fn(),
}));
vi.mock('../../src/renderer/api/operations.ts', () => api);
// every test waits for its events (calls, navigations); this is only a guard against a hang, far above
// the 5 s default a loaded machine overruns while mounting views
vi.setConfig({ testTimeout: 120_000 });
vi.mock('../../src/renderer/api/client.ts', () => ({ subscribe: () => ({ close() {} }), download: vi.fn(), gql: vi.fn() }));

const progress = { experimentId: '1', status: 'running', total: 8, queued: 2, running: 1, done: 4, failed: 1, cancelled: 0 };
const experiment = { id: '1', name: 'plain small', method: 'convex', status: 'running', tags: [], spec: { architecture: 'plain', program: 'exact', n: [10, 20], d: [10], trials: 4, sigma: [0] }, createdAt: '2026-11-27T10:00:00Z', finishedAt: null, progress, notes: '' };

async function mountAt(path: string) {
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  await router.isReady();
  const App = (await import('../../src/renderer/App.vue')).default;
  const w = mount(App, { global: { plugins: [router], stubs: { PhaseHeatmap: { props: ['cells'], emits: ['select'], template: '<div data-testid="heatmap-stub"><span data-testid="stub-count">{{ cells.length }} cells</span><button data-testid="stub-cell" @click="$emit(\'select\', cells[0])">cell</button><slot name="tools" /></div>' }, ChartPanel: true } } });
  await flushPromises();
  await flushPromises();
  return { w, router };
}

/** the mock answers `value`; the promise resolves with the argument of its first call (the event, whenever it comes) */
function calledOnce(fn: ReturnType<typeof vi.fn>, value: unknown): Promise<any> {
  return new Promise((ok) =>
    fn.mockImplementation(async (arg: unknown) => {
      ok(arg);
      return value;
    }),
  );
}

/** resolves once the router has finished a navigation to `path` */
function navigatedTo(router: ReturnType<typeof createAppRouter>, path: string): Promise<void> {
  return new Promise((ok) => {
    const stop = router.afterEach((to, _from, failure) => {
      if (!failure && to.fullPath === path) {
        stop();
        ok();
      }
    });
  });
}

beforeEach(() => {
  for (const f of Object.values(api)) f.mockReset();
  api.recentTimings.mockResolvedValue([]);
  api.workerState.mockResolvedValue({ executor: 'local', started: true, concurrency: 2, queued: 0, active: 0, processed: 0, failed: 0 });
});

describe('Experiments view', () => {
  it('lists experiments with status and progress', async () => {
    api.listExperiments.mockResolvedValue({ nodes: [experiment], totalCount: 1 });
    const { w } = await mountAt('/experiments');
    const row = w.get('[data-testid="experiment-row"]');
    expect(row.text()).toContain('plain small');
    expect(row.get('[data-testid="experiment-status"]').text()).toBe('running');
    expect(row.get('[data-testid="progress"]').text()).toContain('5/8');
    w.unmount();
  });
  it('says when there is nothing and shows errors with their message', async () => {
    api.listExperiments.mockResolvedValueOnce({ nodes: [], totalCount: 0 });
    const { w } = await mountAt('/experiments');
    expect(w.get('[data-testid="state-empty"]').text()).toMatch(/No experiments yet/);
    w.unmount();
    api.listExperiments.mockRejectedValueOnce(new Error('The server cannot be reached (boom).'));
    const second = await mountAt('/experiments');
    expect(second.w.get('[data-testid="state-error"]').text()).toBe('The server cannot be reached (boom).');
    second.w.unmount();
  });
});

describe('New experiment view', () => {
  it('counts runs as the grid is typed and validates each field', async () => {
    const { w } = await mountAt('/experiments/new');
    await w.get('[data-testid="f-n"]').setValue('10:10:40');
    await w.get('[data-testid="f-d"]').setValue('10, 20');
    await w.get('[data-testid="f-trials"]').setValue('2');
    await w.get('[data-testid="f-sigma"]').setValue('0, 0.1');
    expect(w.get('[data-testid="run-count"]').text()).toBe('32');
    expect(w.find('[data-testid="time-estimate"]').exists()).toBe(true);
    await w.get('[data-testid="f-d"]').setValue('10:-1:20');
    expect(w.get('[data-testid="error-d"]').text()).toBe('d: the step of "10:-1:20" must be positive');
    w.unmount();
  });
  it('sends the typed spec and opens the new experiment', async () => {
    const created = calledOnce(api.createExperiment, { ...experiment, id: '7' });
    api.getExperiment.mockResolvedValue(null);
    const { w, router } = await mountAt('/experiments/new');
    const opened = navigatedTo(router, '/experiments/7');
    await w.get('[data-testid="f-name"]').setValue('tiny');
    await w.get('[data-testid="f-n"]').setValue('10:10:40');
    await w.get('[data-testid="f-d"]').setValue('10');
    await w.get('[data-testid="f-trials"]').setValue('2');
    await w.get('form').trigger('submit');
    // wait for the events (the request sent, the navigation done), not for a time budget
    expect(await created).toEqual({
      name: 'tiny',
      spec: { architecture: 'plain', program: 'exact', method: 'convex', data: 'gaussian', n: [10, 20, 30, 40], d: [10], trials: 2, sigma: [0], beta: 0, seed: 0 },
    });
    await opened;
    expect(router.currentRoute.value.fullPath).toBe('/experiments/7');
    w.unmount();
  });
  it('offers the trainer backend only for trained methods and sends it', async () => {
    const created = calledOnce(api.createExperiment, { ...experiment, id: '8' });
    api.getExperiment.mockResolvedValue(null);
    const { w } = await mountAt('/experiments/new');
    expect((w.get('[data-testid="f-backend"]').element as HTMLSelectElement).disabled).toBe(true);
    await w.get('[data-testid="f-method"]').setValue('both');
    expect((w.get('[data-testid="f-backend"]').element as HTMLSelectElement).disabled).toBe(false);
    await w.get('[data-testid="f-backend"]').setValue('cpu');
    await w.get('[data-testid="f-name"]').setValue('trained');
    await w.get('[data-testid="f-n"]').setValue('20');
    await w.get('[data-testid="f-d"]').setValue('5');
    await w.get('form').trigger('submit');
    expect((await created).spec).toMatchObject({ method: 'both', backend: 'cpu' });
    w.unmount();
  });
});

describe('Experiment view', () => {
  it('shows the phase diagram, the fitted and paper lines, and lists the runs of a clicked cell', async () => {
    api.getExperiment.mockResolvedValue({ ...experiment, status: 'done' });
    api.phaseDiagram.mockResolvedValue([{ n: 10, d: 10, sigma: null, ratio: 1, trials: 4, successes: 1, p: 0.25, pLow: 0.05, pHigh: 0.7, certifiedCount: 0, pCertified: 0, meanDistance: 0.3, meanTestError: 0.1 }]);
    api.transitionEstimate.mockResolvedValue({ c: 2.45, low: 2, high: 3, level: 0.5, method: 'interpolation', cells: 1, trials: 4, note: null });
    const { w } = await mountAt('/experiments/1');
    expect(w.get('[data-testid="experiment-name"]').text()).toContain('plain small');
    expect(w.get('[data-testid="stub-count"]').text()).toBe('1 cells');
    expect(w.get('[data-testid="transition"]').text()).toMatch(/fit n = 2.45 d.*paper n ≈ 2.4 d/);
    await w.get('[data-testid="toggle-cells"]').trigger('click');
    expect(w.get('[data-testid="cell-row"]').attributes()).toMatchObject({ 'data-n': '10', 'data-d': '10', 'data-successes': '1', 'data-trials': '4' });
    api.listRuns.mockResolvedValue({ nodes: [{ id: '42', experimentId: '1', trial: 0, status: 'done', architecture: 'plain', program: 'exact', n: 10, d: 10, seed: 0, sigma: 0, recovered: true, distance: 0, testError: 0, objective: 1, timeMs: 3, certificate: { nic: 0.5, certified: true } }], totalCount: 1, endCursor: null, hasNextPage: false });
    await w.get('[data-testid="stub-cell"]').trigger('click');
    await flushPromises();
    expect(api.listRuns.mock.calls[0]?.[0]).toEqual({ and: [{ experimentId: ['1'] }, { n: { eq: 10 }, d: { eq: 10 } }] });
    expect(w.findAll('[data-testid="cell-run-row"]')).toHaveLength(1);
    w.unmount();
  });
});

describe('Runs view', () => {
  /** listRuns answers rows by position from a table of `total` runs; `called(pred)` resolves at the first call whose offset satisfies pred */
  function runsTable(total: number) {
    const waiters: { pred: (offset: number) => boolean; ok: () => void }[] = [];
    api.listRuns.mockImplementation(async (_f: unknown, _o: unknown, first: number, _after: unknown, offset: number | null) => {
      const from = offset ?? 0;
      for (const w of waiters.splice(0)) {
        if (w.pred(from)) w.ok();
        else waiters.push(w);
      }
      const nodes = Array.from({ length: Math.max(0, Math.min(first, total - from)) }, (_, i) => ({ id: String(from + i + 1), experimentId: '1', trial: 0, status: 'done', architecture: 'plain', program: 'exact', n: 10, d: 10, seed: from + i, sigma: 0, recovered: true, distance: 0, testError: 0, objective: 1, timeMs: 3, certificate: { nic: 0.5, certified: true } }));
      return { nodes, totalCount: total, endCursor: null, hasNextPage: from + first < total };
    });
    return { called: (pred: (offset: number) => boolean) => new Promise<void>((ok) => waiters.push({ pred, ok })) };
  }

  it('puts only the rows in view into the DOM for 100,000 runs', async () => {
    const table = runsTable(100_000);
    const firstPage = table.called((o) => o === 0);
    const { w } = await mountAt('/runs');
    await firstPage;
    await flushPromises();
    expect(w.get('[data-testid="runs-total"]').text()).toContain('100,000 runs');
    const rows = w.findAll('[data-testid="run-row"]');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(api.listRuns.mock.calls[0]?.[1]).toEqual({ field: 'ID', direction: 'ASC' });
    const resorted = table.called((o) => o === 0);
    await w.get('[data-testid="runs-sort-n"]').trigger('click');
    await resorted;
    expect(api.listRuns.mock.calls.at(-1)?.[1]).toEqual({ field: 'N', direction: 'ASC' });
    w.unmount();
  });

  it('jumps to row 600,000 of 1,000,000 fetching only the pages in view, none before', async () => {
    const table = runsTable(1_000_000);
    const firstPage = table.called((o) => o === 0);
    const { w } = await mountAt('/runs');
    await firstPage;
    await flushPromises();
    const jumped = table.called((o) => o > 0);
    await w.get('[data-testid="runs-goto"]').setValue('600000');
    await w.get('[data-testid="runs-goto"]').trigger('keydown', { key: 'Enter' });
    await jumped;
    await flushPromises();
    const offsets = api.listRuns.mock.calls.map((c) => (c[4] as number | null) ?? 0);
    // the first page, then only pages around row 600,000: nothing of the 599,000 rows between
    for (const o of offsets) expect(o === 0 || (o >= 599_000 && o <= 601_000), `offset ${o}`).toBe(true);
    const row = w.get('[data-index="599999"]');
    expect(row.text()).toContain('600000');
    expect(w.findAll('[data-testid="run-row"]').length).toBeLessThan(60);
    w.unmount();
  });
});

describe('Run view', () => {
  const base = {
    id: '7', experimentId: '1', experiment: { id: '1', name: 'both' }, trial: 0, status: 'done', error: null, architecture: 'skip', program: 'relaxed',
    planted: 'linear', plantedK: 1, plantedWeights: 'gaussian', data: 'gaussian', n: 20, d: 2, seed: 0, sigma: 0, beta: 0, patternSamples: null, testSize: 200,
    backend: 'tfjs', source: 'spec', caseName: null, recovered: false, recoveredTolerance: null, recoveredAllclose: null, testOk: false, nearTie: false,
    allOnesPattern: false, objective: 0.01, plantedObjective: 1, relErrPlanted: 0.9, distance: 0.9, testError: 0.3, testErrorRel: 0.2, activeNeurons: 3,
    maxOtherBlockNorm: null, patterns: 0, iterations: 400, solverStatus: null, certificate: { nic: null, kind: null, bestDual: null, certified: null },
    timeMs: 100, createdAt: '2026-11-27T10:00:00Z', startedAt: null, finishedAt: null, tags: [], notes: '', plantedNetwork: null, recoveredNetwork: null,
  };
  it('draws the loss curve of a trained run', async () => {
    api.getRun.mockResolvedValue({ ...base, method: 'train', lossCurve: [{ epoch: 0, loss: 5 }, { epoch: 200, loss: 0.1 }, { epoch: 399, loss: 0.01 }] });
    const { w } = await mountAt('/runs/7');
    // ChartPanel is stubbed here: its props show as attributes of the stub
    const chart = w.get('chart-panel-stub[testid="loss-curve"]');
    expect(chart.attributes('name')).toBe('run-7-loss');
    expect(w.find('p[data-testid="loss-curve"]').exists()).toBe(false);
    w.unmount();
  });
  it('says a convex run has no loss curve', async () => {
    api.getRun.mockResolvedValue({ ...base, method: 'convex', lossCurve: null });
    const { w } = await mountAt('/runs/7');
    expect(w.get('[data-testid="loss-curve"]').text()).toMatch(/convex run has no training loss curve/);
    w.unmount();
  });
});
