// @vitest-environment happy-dom
/**
 * View state in the URL (lib/urlState.ts) and the views that use it: a change of the address alone
 * reloads Compare with the new side (issue 11: `?a=1&b=2` -> `?a=1&b=3` was ignored), the experiment
 * view reopens its selected cell from the address; the threshold sentence says what is true; the paper's
 * curves group by sigma and d; the PNG export decodes its data URL without fetch.
 */
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { parseCellParam, patchQuery, useQueryState } from '../../src/renderer/lib/urlState.ts';
import { transitionSummary } from '../../src/renderer/lib/transition.ts';
import { curvesOf, curvesOption } from '../../src/renderer/lib/paperCurves.ts';
import { dataUrlToBlob } from '../../src/renderer/lib/csv.ts';
import type { PhaseCell, TransitionEstimate } from '../../src/renderer/api/operations.ts';

vi.setConfig({ testTimeout: 120_000 });

const api = vi.hoisted(() => ({
  listExperiments: vi.fn(),
  getExperiment: vi.fn(),
  phaseDiagram: vi.fn(),
  transitionEstimate: vi.fn(),
  listRuns: vi.fn(),
  compareRecovery: vi.fn(),
  subscribeExperimentProgress: vi.fn(() => ({ close() {} })),
}));
vi.mock('../../src/renderer/api/operations.ts', () => api);

function cell(n: number, d: number, p: number, sigma: number | null = null, rel: number | null = null): PhaseCell {
  return {
    n, d, sigma, ratio: n / d, trials: 4, successes: Math.round(4 * p), p, pLow: 0, pHigh: 1, certifiedCount: 0, pCertified: 0, meanDistance: rel, meanTestError: null,
    meanRelDistance: rel, medianRelDistance: rel, q25RelDistance: rel === null ? null : rel / 2, q75RelDistance: rel === null ? null : rel * 2, approxCount: 0, pApprox: p, pApproxLow: 0, pApproxHigh: 1, meanCosine: null, supportCount: 0, pSupport: 0,
  };
}

describe('query helpers', () => {
  it('patches a query: null, undefined and empty remove a parameter', () => {
    expect(patchQuery({ a: '1', b: '2', metric: 'approx' }, { b: '3', metric: null, sa: '0.1' })).toEqual({ a: '1', b: '3', sa: '0.1' });
    expect(patchQuery({ a: '1' }, { a: '' })).toEqual({});
  });
  it('reads a selected cell', () => {
    expect(parseCellParam('40,10')).toEqual({ n: 40, d: 10 });
    expect(parseCellParam('40;10')).toBeNull();
    expect(parseCellParam(undefined)).toBeNull();
  });
});

describe('useQueryState', () => {
  async function harness(path: string) {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/compare', component: { render: () => null } }, { path: '/other', component: { render: () => null } }] });
    await router.push(path);
    await router.isReady();
    let state!: ReturnType<typeof useQueryState>;
    const Probe = defineComponent({
      setup() {
        state = useQueryState();
        return () => h('div');
      },
    });
    const w = mount(Probe, { global: { plugins: [router] } });
    return { router, state: () => state, w };
  }
  it('reads the route, and follows a change of the address alone', async () => {
    const { router, state } = await harness('/compare?a=1&b=2');
    const b = state().text('b');
    expect(b.value).toBe('2');
    await router.push('/compare?a=1&b=3');
    expect(b.value).toBe('3');
  });
  it('writes several parameters made in one tick into one address, defaults left out', async () => {
    const { router, state } = await harness('/compare?a=1');
    const metric = state().oneOf('metric', ['recovered', 'approx'] as const, 'recovered');
    const sa = state().number('sa');
    metric.value = 'approx';
    sa.value = 0.1;
    expect(metric.value).toBe('approx'); // read back before the navigation
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ a: '1', metric: 'approx', sa: '0.1' });
    metric.value = 'recovered';
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ a: '1', sa: '0.1' });
  });
  it('falls back for values it does not know', async () => {
    const { state } = await harness('/compare?metric=bogus&sa=x');
    expect(state().oneOf('metric', ['recovered', 'approx'] as const, 'recovered').value).toBe('recovered');
    expect(state().number('sa').value).toBeNull();
  });
  it('a link followed right after a write wins: the write does not pull the page back', async () => {
    const { router, state } = await harness('/compare?a=1');
    const b = state().text('b');
    b.value = '5';
    await router.push('/other');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/other');
  });
});

describe('the threshold sentence', () => {
  const t = (c: number | null): TransitionEstimate => ({ c, low: null, high: null, level: 0.5, method: c === null ? 'none' : 'logistic', cells: 3, trials: 12, note: null, metric: 'APPROX', approxTolerance: 0.1 });
  const low = [cell(10, 10, 0), cell(20, 10, 0.25), cell(40, 10, 0.4)];
  const high = [cell(10, 10, 0.6), cell(20, 10, 1)];
  it('gives the fit when there is one', () => {
    expect(transitionSummary(t(2.3), low, 'approx', false)).toEqual({ c: 2.3, text: 'fit n = 2.3 d' });
  });
  it('says "yet" only while the experiment runs', () => {
    expect(transitionSummary(t(null), low, 'approx', true).text).toBe('no crossing of 1/2 yet');
  });
  it('says what is true of a finished experiment', () => {
    expect(transitionSummary(t(null), low, 'approx', false).text).toBe('P(approx.) stays below 1/2 on the whole grid (at most 0.4, n/d up to 4): no threshold inside it');
    expect(transitionSummary(t(null), high, 'approx', false).text).toBe('P(approx.) is at least 1/2 on the whole grid (n/d from 1): the threshold lies below it');
    expect(transitionSummary(t(null), [...low, cell(80, 10, 0.9)], 'approx', false).text).toMatch(/crosses 1\/2 but no threshold could be fitted/);
    expect(transitionSummary(t(null), low, 'approx', false).text).not.toMatch(/yet/);
  });
});

describe("the paper's curves", () => {
  const cells = [cell(40, 20, 1, 0.1, 0.08), cell(20, 10, 1, 0.1, 0.1), cell(10, 10, 0, 0.1, 0.9), cell(20, 10, 1, 0, 1e-9), cell(10, 10, 0, 0, 0.8)];
  it('makes one curve per sigma and d, its points in increasing n/d with the interquartile range', () => {
    const curves = curvesOf('A', cells, 'relDistance');
    expect(curves.map((c) => [c.sigma, c.d, c.points.map((p) => p.ratio)])).toEqual([
      [0, 10, [1, 2]],
      [0.1, 10, [1, 2]],
      [0.1, 20, [2]],
    ]);
    expect(curves[1]?.points[0]).toMatchObject({ y: 0.9, low: 0.45, high: 1.8 });
  });
  it('draws each curve as a connected line with a bar per point, on a log axis', () => {
    const o = curvesOption({ curves: curvesOf('A', cells, 'relDistance'), metric: 'relDistance', paperC: 2.4 }) as { yAxis: { type: string }; series: Array<{ name: string; type: string; data: unknown[]; symbol?: string }> };
    expect(o.yAxis.type).toBe('log');
    const curve = o.series.find((s) => s.name === 'A σ = 0.1, d = 10' && s.symbol !== 'none');
    expect(curve?.type).toBe('line');
    expect(curve?.data).toHaveLength(2);
    const bars = o.series.find((s) => s.name === 'A σ = 0.1, d = 10' && s.symbol === 'none');
    expect(bars?.data).toEqual([[1, 0.45], [1, 1.8], ['-', '-'], [2, 0.05], [2, 0.2], ['-', '-']]);
    // exact recovery (1e-9) sits at the axis floor, not at 0 (a log axis has none)
    const clean = o.series.find((s) => s.name === 'A σ = 0, d = 10' && s.symbol !== 'none');
    expect((clean?.data[1] as { value: [number, number] }).value[1]).toBe(1e-6);
  });
});

describe('PNG export without fetch', () => {
  it('decodes a base64 data URL to its bytes', async () => {
    const blob = dataUrlToBlob('data:image/png;base64,iVBORw0KGgo=');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => dataUrlToBlob('blob:xyz')).toThrow(/not a data: URL/);
  });
});

describe('views follow the address', () => {
  const exp = (id: string, sigma: number[]) => ({ id, name: `exp ${id}`, method: 'convex', status: 'done', tags: [], spec: { architecture: 'plain', sigma }, createdAt: '', finishedAt: null, progress: { experimentId: id, status: 'done', total: 1, queued: 0, running: 0, done: 1, failed: 0, cancelled: 0 }, notes: '' });
  beforeEach(() => {
    for (const f of Object.values(api)) f.mockReset();
    api.listExperiments.mockResolvedValue({ nodes: [exp('1', [0]), exp('2', [0, 0.1]), exp('3', [0])], totalCount: 3 });
    api.phaseDiagram.mockResolvedValue([cell(10, 10, 0.2), cell(20, 10, 0.8)]);
    api.compareRecovery.mockResolvedValue([]);
    api.transitionEstimate.mockResolvedValue({ c: 1.5, low: 1, high: 2, level: 0.5, method: 'logistic', cells: 2, trials: 8, note: null, metric: 'RECOVERED', approxTolerance: 0.1 });
    api.getExperiment.mockResolvedValue(exp('2', [0, 0.1]));
    api.listRuns.mockResolvedValue({ nodes: [], totalCount: 0, endCursor: null, hasNextPage: false });
  });
  async function mountAt(path: string) {
    const { createAppRouter } = await import('../../src/renderer/router.ts');
    const router = createAppRouter(createMemoryHistory());
    await router.push(path);
    await router.isReady();
    const App = (await import('../../src/renderer/App.vue')).default;
    const w = mount(App, { global: { plugins: [router], stubs: { PhaseHeatmap: true, ChartPanel: true } } });
    await flushPromises();
    await flushPromises();
    return { w, router };
  }
  it('Compare: ?a=1&b=2 -> ?a=1&b=3 reloads with B = 3, each side sliced at its own sigma', async () => {
    const { w, router } = await mountAt('/compare?a=1&b=2&metric=approx');
    const last = () => api.compareRecovery.mock.calls.at(-1) as unknown as [unknown, unknown, { metric: string; sigmaA: number | null; sigmaB: number | null }];
    expect(last()[1]).toEqual({ experimentId: ['2'] });
    expect(last()[2]).toMatchObject({ metric: 'APPROX', sigmaB: 0 });
    await router.push('/compare?a=1&b=3&metric=approx');
    await flushPromises();
    expect(last()[1]).toEqual({ experimentId: ['3'] });
    // a noisy side: P(recovered) is 0 by construction, so the comparison opens on P(approx.)
    await router.push('/compare?a=2&b=2&sa=0.1&sb=0');
    await flushPromises();
    expect(last()[2]).toMatchObject({ metric: 'APPROX', sigmaA: 0.1, sigmaB: 0 });
    await router.push('/compare?a=1&b=3');
    await flushPromises();
    expect(last()[2]).toMatchObject({ metric: 'RECOVERED' });
    w.unmount();
  });
  it('Compare: the noisy vs clean preset picks P(approx.), A at the largest sigma and B at the smallest of one experiment', async () => {
    const { w, router } = await mountAt('/compare?a=2');
    await w.get('[data-testid="preset-noisy-clean"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ a: '2', b: '2', sa: '0.1', sb: '0', metric: 'approx' });
    expect(api.transitionEstimate).toHaveBeenCalledWith({ experimentId: ['2'] }, { metric: 'APPROX', sigma: 0.1, approxTolerance: 0.1 });
    w.unmount();
  });
  it('Experiment: the selected cell and sigma come from the address, and a click puts them there', async () => {
    const { w, router } = await mountAt('/experiments/2?cell=20,10&sigma=0.1');
    await flushPromises();
    expect(w.find('[data-testid="cell-runs"]').exists()).toBe(true);
    expect(api.listRuns).toHaveBeenLastCalledWith({ and: [{ experimentId: ['2'], sigma: { min: 0.1, max: 0.1 } }, { n: { eq: 20 }, d: { eq: 10 } }] }, { field: 'TRIAL', direction: 'ASC' }, 200, null);
    expect(api.phaseDiagram).toHaveBeenLastCalledWith({ experimentId: ['2'] }, { sigma: 0.1, approxTolerance: 0.1 });
    await w.get('[data-testid="cell-runs-close"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ sigma: '0.1' });
    expect(w.find('[data-testid="cell-runs"]').exists()).toBe(false);
    await nextTick();
    w.unmount();
  });
});
