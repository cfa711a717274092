/**
 * Noisy-label metrics through the API (issue 11): `rlab serve` on a temp SQLite file, experiments created
 * with createExperiment and computed by the job system. The aggregates of phaseDiagram are checked
 * against the runs themselves (read back through `runs`): counts at the query's tolerance, Wilson
 * intervals, mean/median/quartiles of the relative distance, the sigma slice, transitionEstimate on
 * APPROX, and compareRecovery's A minus B for a probability and for a mean. Then the science on a small
 * grid: approximate recovery is more likely above the threshold than below, and above it the relative
 * distance grows with sigma.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, waitForExperiment, type GqlResult, type TestServer } from './helpers.ts';
import { wilson } from '../../src/modules/sweep/stats.ts';

let s: TestServer;
let skipId = '';
let plainId = '';

interface RunRow {
  n: number;
  d: number;
  sigma: number;
  recovered: boolean;
  relDistance: number | null;
  distance: number | null;
  cosine: number | null;
  support: boolean | null;
}

const CELL = `n d sigma ratio trials successes p approxCount pApprox pApproxLow pApproxHigh meanRelDistance medianRelDistance q25RelDistance q75RelDistance meanDistance meanCosine supportCount pSupport`;

async function create(name: string, spec: Record<string, unknown>): Promise<string> {
  const r = await s.gql(`mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`, { input: { name, spec } });
  expect(r.errors).toBeUndefined();
  const id = r.data!.createExperiment.id as string;
  await waitForExperiment(s, id, 600_000);
  return id;
}

async function runsOf(id: string): Promise<RunRow[]> {
  const out: RunRow[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await s.gql(
      `query($f: RunFilter, $after: String) { runs(filter: $f, first: 200, after: $after) { nodes { n d sigma recovered relDistance distance cosine support } pageInfo { endCursor hasNextPage } } }`,
      { f: { experimentId: [id] }, after },
    );
    expect(r.errors).toBeUndefined();
    out.push(...(r.data!.runs.nodes as RunRow[]));
    if (!r.data!.runs.pageInfo.hasNextPage) return out;
    after = r.data!.runs.pageInfo.endCursor;
  }
}

/** numpy's default (linear) quantile */
function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
}

beforeAll(async () => {
  s = await startServe();
  // skip/relaxed, linear planted (Gaussian w, the default): threshold near n = 2 d; d = 5, n/d = 1 and 4
  skipId = await create('noisy skip', { architecture: 'skip', program: 'relaxed', n: [5, 20], d: [5], sigma: [0, 0.05, 0.2], trials: 4, testSize: 50 });
  // plain/exact, one planted ReLU neuron: threshold near n = 2.4 d; n/d = 1 and 6
  plainId = await create('noisy plain', { architecture: 'plain', program: 'exact', n: [5, 30], d: [5], sigma: [0, 0.1], trials: 3, testSize: 50 });
}, 900_000);

afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

describe('stored metrics', () => {
  it('every finished run with a planted model has a relative distance, a cosine and a support verdict', async () => {
    const runs = await runsOf(skipId);
    expect(runs).toHaveLength(2 * 3 * 4);
    for (const r of runs) {
      expect(typeof r.relDistance).toBe('number');
      expect(r.relDistance!).toBeGreaterThanOrEqual(0);
      // the planted w is a unit vector, so relative and absolute distance agree (to rounding)
      expect(r.relDistance!).toBeCloseTo(r.distance!, 12);
      expect(r.cosine!).toBeGreaterThanOrEqual(-1 - 1e-12);
      expect(r.cosine!).toBeLessThanOrEqual(1 + 1e-12);
      expect(typeof r.support).toBe('boolean');
      // exact recovery means distance (nearly) 0, cosine 1 and the right support
      if (r.recovered) {
        expect(r.relDistance!).toBeLessThan(1e-3);
        expect(r.cosine!).toBeGreaterThan(1 - 1e-6);
        expect(r.support).toBe(true);
      }
    }
    // noise makes exact recovery impossible by construction (science.md 5)
    expect(runs.filter((r) => r.sigma > 0 && r.recovered)).toHaveLength(0);
  });
});

describe('phaseDiagram', () => {
  it('counts approximate recovery at the query tolerance, with Wilson intervals, and the relative distance mean, median and quartiles of the runs', async () => {
    const runs = await runsOf(skipId);
    for (const tol of [0.1, 0.25]) {
      const r = await s.gql(`query($f: RunFilter, $t: Float) { phaseDiagram(filter: $f, bySigma: true, approxTolerance: $t) { approxTolerance trials cells { ${CELL} } } }`, {
        f: { experimentId: [skipId] },
        t: tol,
      });
      expect(r.errors).toBeUndefined();
      expect(r.data!.phaseDiagram.approxTolerance).toBe(tol);
      const cells = r.data!.phaseDiagram.cells as Record<string, number>[];
      expect(cells).toHaveLength(6);
      for (const c of cells) {
        const mine = runs.filter((x) => x.n === c.n && x.d === c.d && x.sigma === c.sigma);
        const rel = mine.map((x) => x.relDistance!).sort((a, b) => a - b);
        const k = rel.filter((v) => v <= tol).length;
        expect(c.trials).toBe(mine.length);
        expect(c.approxCount).toBe(k);
        expect(c.pApprox).toBeCloseTo(k / mine.length, 12);
        const w = wilson(k, mine.length);
        expect(c.pApproxLow).toBeCloseTo(w.low, 12);
        expect(c.pApproxHigh).toBeCloseTo(w.high, 12);
        expect(c.meanRelDistance).toBeCloseTo(rel.reduce((a, b) => a + b, 0) / rel.length, 12);
        expect(c.medianRelDistance).toBeCloseTo(quantile(rel, 0.5), 12);
        expect(c.q25RelDistance).toBeCloseTo(quantile(rel, 0.25), 12);
        expect(c.q75RelDistance).toBeCloseTo(quantile(rel, 0.75), 12);
        expect(c.meanCosine).toBeCloseTo(mine.reduce((a, x) => a + x.cosine!, 0) / mine.length, 12);
        expect(c.supportCount).toBe(mine.filter((x) => x.support).length);
        expect(c.pSupport).toBeCloseTo(c.supportCount! / mine.length, 12);
      }
    }
  });

  it('the default tolerance is 0.1, and a larger tolerance never counts fewer runs', async () => {
    const q = `query($f: RunFilter, $t: Float) { phaseDiagram(filter: $f, bySigma: true, approxTolerance: $t) { approxTolerance cells { n sigma approxCount } } }`;
    const def = await s.gql(`query($f: RunFilter) { phaseDiagram(filter: $f, bySigma: true) { approxTolerance cells { n sigma approxCount } } }`, { f: { experimentId: [skipId] } });
    const tight = await s.gql(q, { f: { experimentId: [skipId] }, t: 0.1 });
    const loose = await s.gql(q, { f: { experimentId: [skipId] }, t: 0.5 });
    expect(def.data!.phaseDiagram.approxTolerance).toBe(0.1);
    expect(def.data!.phaseDiagram.cells).toEqual(tight.data!.phaseDiagram.cells);
    const l = loose.data!.phaseDiagram.cells as { approxCount: number }[];
    (tight.data!.phaseDiagram.cells as { approxCount: number }[]).forEach((c, i) => expect(l[i]!.approxCount).toBeGreaterThanOrEqual(c.approxCount));
    expect(l.reduce((a, c) => a + c.approxCount, 0)).toBeGreaterThan((tight.data!.phaseDiagram.cells as { approxCount: number }[]).reduce((a, c) => a + c.approxCount, 0));
  });

  it('a sigma slice keeps only the runs at that noise level', async () => {
    const all = await s.gql(`query($f: RunFilter) { phaseDiagram(filter: $f, bySigma: true) { cells { n sigma trials meanRelDistance } } }`, { f: { experimentId: [skipId] } });
    const slice = await s.gql(`query($f: RunFilter) { phaseDiagram(filter: $f, sigma: 0.05) { cells { n sigma trials meanRelDistance } } }`, { f: { experimentId: [skipId] } });
    expect(slice.errors).toBeUndefined();
    const expected = (all.data!.phaseDiagram.cells as { n: number; sigma: number; trials: number; meanRelDistance: number }[]).filter((c) => c.sigma === 0.05).map((c) => ({ ...c, sigma: null }));
    expect(slice.data!.phaseDiagram.cells).toEqual(expected);
    const none = await s.gql(`query($f: RunFilter) { phaseDiagram(filter: $f, sigma: 0.3) { cells { n } trials } }`, { f: { experimentId: [skipId] } });
    expect(none.data!.phaseDiagram).toEqual({ cells: [], trials: 0 });
  });

  it('the phase-diagram export takes the same tolerance and sigma slice', async () => {
    const f = encodeURIComponent(JSON.stringify({ experimentId: [skipId] }));
    const res = await fetch(`${s.base}/export/phase.json?filter=${f}&sigma=0.05&approxTolerance=0.25`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    const exported = (await res.json()) as { n: number; approxCount: number; medianRelDistance: number }[];
    const r = await s.gql(`query($f: RunFilter) { phaseDiagram(filter: $f, sigma: 0.05, approxTolerance: 0.25) { cells { n approxCount medianRelDistance } } }`, { f: { experimentId: [skipId] } });
    expect(exported.map((c) => ({ n: c.n, approxCount: c.approxCount, medianRelDistance: c.medianRelDistance }))).toEqual(r.data!.phaseDiagram.cells);
    const bad = await fetch(`${s.base}/export/phase.csv?approxTolerance=abc`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe('approxTolerance');
  });

  it('refuses a tolerance that is not a positive number and a negative sigma, naming the argument', async () => {
    for (const [args, field] of [
      ['approxTolerance: 0', 'approxTolerance'],
      ['approxTolerance: -0.1', 'approxTolerance'],
      ['sigma: -1', 'sigma'],
    ] as const) {
      const r = await s.gql(`{ phaseDiagram(${args}) { trials } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.field).toBe(field);
    }
  });
});

describe('transitionEstimate and compareRecovery by metric', () => {
  it('fits the threshold of P(approx) at one sigma, and refuses a metric that is not a probability', async () => {
    const r = await s.gql(`query($f: RunFilter) { transitionEstimate(filter: $f, metric: APPROX, sigma: 0, approxTolerance: 0.1) { c method metric approxTolerance cells trials } }`, { f: { experimentId: [skipId] } });
    expect(r.errors).toBeUndefined();
    const t = r.data!.transitionEstimate;
    expect(t).toMatchObject({ metric: 'APPROX', approxTolerance: 0.1, cells: 2, trials: 8 });
    // clean labels: approximate recovery follows exact recovery, which crosses between n/d = 1 and 4
    expect(t.c).toBeGreaterThan(1);
    expect(t.c).toBeLessThan(4);
    const bad = await s.gql(`{ transitionEstimate(metric: DISTANCE) { c } }`);
    expect(bad.errors?.[0]?.extensions?.field).toBe('metric');
    expect(bad.errors?.[0]?.message).toMatch(/DISTANCE is a mean, not a probability/);
  });

  it('diff is A minus B of the chosen metric: Newcombe interval for a probability, none for a mean; sigmaA/sigmaB slice one experiment at two noise levels', async () => {
    const q = `query($a: RunFilter!, $b: RunFilter!, $m: PhaseMetric, $sa: Float, $sb: Float) {
      compareRecovery(a: $a, b: $b, metric: $m, sigmaA: $sa, sigmaB: $sb, approxTolerance: 0.25) { metric approxTolerance cells { n d a { pApprox meanRelDistance trials } b { pApprox meanRelDistance trials } diff diffLow diffHigh } } }`;
    const e = { experimentId: [skipId] };
    const prob = await s.gql(q, { a: e, b: e, m: 'APPROX', sa: 0, sb: 0.2 });
    expect(prob.errors).toBeUndefined();
    expect(prob.data!.compareRecovery).toMatchObject({ metric: 'APPROX', approxTolerance: 0.25 });
    for (const c of prob.data!.compareRecovery.cells) {
      expect(c.a.trials).toBe(4);
      expect(c.diff).toBeCloseTo(c.a.pApprox - c.b.pApprox, 12);
      expect(c.diffLow).toBeLessThanOrEqual(c.diff);
      expect(c.diffHigh).toBeGreaterThanOrEqual(c.diff);
    }
    const mean = await s.gql(q, { a: e, b: e, m: 'REL_DISTANCE', sa: 0.2, sb: 0 });
    for (const c of mean.data!.compareRecovery.cells) {
      expect(c.diff).toBeCloseTo(c.a.meanRelDistance - c.b.meanRelDistance, 12);
      expect(c.diffLow).toBeNull();
      expect(c.diffHigh).toBeNull();
    }
    // the default metric is still P(recovered)
    const def = await s.gql(`query($a: RunFilter!, $b: RunFilter!) { compareRecovery(a: $a, b: $b, sigma: 0) { metric cells { a { p } b { p } diff } } }`, { a: e, b: { experimentId: [plainId] } });
    expect(def.data!.compareRecovery.metric).toBe('RECOVERED');
    const cells = def.data!.compareRecovery.cells as { a: { p: number } | null; b: { p: number } | null; diff: number | null }[];
    expect(cells).toHaveLength(3); // n = 5 on both sides, n = 20 only in A, n = 30 only in B
    for (const c of cells) {
      if (c.a && c.b) expect(c.diff).toBeCloseTo(c.a.p - c.b.p, 12);
      else expect(c.diff).toBeNull();
    }
  });
});

describe('the science on a small grid (science.md 5, 7)', () => {
  it('approximate recovery is more likely above the threshold than below, and above it the relative distance grows with sigma', async () => {
    for (const [id, below, above] of [
      [skipId, 5, 20],
      [plainId, 5, 30],
    ] as const) {
      const r = await s.gql(`query($f: RunFilter) { phaseDiagram(filter: $f, bySigma: true, approxTolerance: 0.25) { cells { n sigma pApprox medianRelDistance } } }`, { f: { experimentId: [id] } });
      const cells = r.data!.phaseDiagram.cells as { n: number; sigma: number; pApprox: number; medianRelDistance: number }[];
      const at = (n: number, sigma: number) => cells.find((c) => c.n === n && c.sigma === sigma)!;
      const sigmas = [...new Set(cells.map((c) => c.sigma))].sort((a, b) => a - b);
      // below the threshold (n = d) the model is wrong at every noise level; above it (n = 4 d, 6 d) it is recovered approximately at the small ones
      for (const sigma of sigmas) expect(at(below, sigma).pApprox).toBe(0);
      expect(at(above, 0).pApprox).toBe(1);
      expect(at(above, sigmas[1]!).pApprox).toBeGreaterThan(at(below, sigmas[1]!).pApprox);
      // above the threshold the distance is of the order of sigma: it grows with sigma
      for (let i = 1; i < sigmas.length; i++) expect(at(above, sigmas[i]!).medianRelDistance).toBeGreaterThan(at(above, sigmas[i - 1]!).medianRelDistance);
    }
  });
});
