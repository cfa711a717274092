/**
 * Noisy-label against clean recovery, as the paper measures it (science.md 4, 5, 7; issue 11): for each
 * model (one planted ReLU neuron with plain/exact, a linear model with skip/relaxed), each program
 * (min-norm, beta = 0, and regularized, beta > 0) and each d, one experiment over n = ratio * d and
 * sigma in {0, 0.05, 0.1, 0.2}, created through the server (createExperiment over GraphQL, computed by
 * the job system, stored in SQLite) and read back through the GraphQL API: per sigma, P(approximately
 * recovered) and its fitted threshold for each tolerance, the relative distance (mean, median, quartiles)
 * per cell, P(support) and the mean cosine.
 */
import { startServer, type RunningServer } from '../http/server.ts';

export interface NoisyModel {
  key: string;
  title: string;
  architecture: 'plain' | 'skip';
  program: 'exact' | 'relaxed';
  planted: { kind: 'relu' | 'linear'; k: 1; weights: 'gaussian' };
}

export const NOISY_MODELS: NoisyModel[] = [
  { key: 'relu-plain-exact', title: 'one planted ReLU neuron, plain network, exact program', architecture: 'plain', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' } },
  { key: 'linear-skip-relaxed', title: 'linear model (Gaussian w), skip network, relaxed program', architecture: 'skip', program: 'relaxed', planted: { kind: 'linear', k: 1, weights: 'gaussian' } },
];

export interface NoisyOptions {
  dbFile: string;
  d: number[];
  /** n = round(ratio * d) */
  ratios: number[];
  sigma: number[];
  trials: number;
  /** beta of the regularized program (min-norm is beta = 0) */
  betas: number[];
  tolerances: number[];
  models?: NoisyModel[];
  workers?: number;
  /** cells with n / d >= this are "above the threshold" for the distance-vs-sigma summary */
  aboveRatio: number;
  log?: (line: string) => void;
}

export interface NoisyCell {
  n: number;
  d: number;
  sigma: number;
  ratio: number;
  trials: number;
  p: number;
  meanRelDistance: number | null;
  medianRelDistance: number | null;
  q25RelDistance: number | null;
  q75RelDistance: number | null;
  meanCosine: number | null;
  pSupport: number;
  /** P(approx) per tolerance, keyed by the tolerance as written */
  pApprox: Record<string, number>;
}

export interface NoisyThreshold {
  c: number | null;
  low: number | null;
  high: number | null;
  method: string;
  note: string | null;
}

export interface NoisySeries {
  model: string;
  title: string;
  beta: number;
  program: string;
  experimentIds: number[];
  /** per tolerance, per sigma: the fitted threshold of P(approx) over both d (pooled by n/d) */
  approxThreshold: Record<string, Record<string, NoisyThreshold>>;
  /** per sigma: the fitted threshold of P(recovered) (exact recovery: only sigma = 0 crosses) */
  recoveredThreshold: Record<string, NoisyThreshold>;
  /** per sigma: P(approx) per tolerance at the smallest and the largest ratio (pooled over d) */
  approxRange: Record<string, Record<string, { lowestRatio: number; highestRatio: number }>>;
  /** per sigma: median over trials of the relative distance, pooled over the cells with n/d >= aboveRatio */
  relDistanceAbove: Record<string, { median: number | null; mean: number | null; trials: number }>;
  cells: NoisyCell[];
}

export interface NoisySummary {
  format: 'noisy-vs-clean/1';
  createdAt: string;
  grid: { d: number[]; ratios: number[]; sigma: number[]; trials: number; betas: number[]; tolerances: number[]; aboveRatio: number };
  seconds: number;
  runs: number;
  series: NoisySeries[];
}

const CELL_FIELDS = 'n d sigma ratio trials p meanRelDistance medianRelDistance q25RelDistance q75RelDistance meanCosine pSupport approxCount pApprox';

async function gql<T>(server: RunningServer, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
  return body.data;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const key = (v: number) => String(v);

/** median of the pooled trials of several cells from their per-cell quartiles is not exact: pool the runs instead */
async function pooledRelDistance(server: RunningServer, ids: number[], minRatio: number, sigma: number): Promise<{ median: number | null; mean: number | null; trials: number }> {
  const nodes: { n: number; d: number; relDistance: number | null }[] = [];
  for (let after: string | null = null; ; ) {
    const page = await server.services.runs.page({ experimentId: ids, status: ['done'], sigma: { min: sigma, max: sigma } }, null, 500, after);
    nodes.push(...page.nodes);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  const v = nodes
    .filter((r) => r.n / r.d >= minRatio - 1e-9 && r.relDistance !== null)
    .map((r) => r.relDistance!)
    .sort((a, b) => a - b);
  if (v.length === 0) return { median: null, mean: null, trials: 0 };
  const h = (v.length - 1) / 2;
  const median = v[Math.floor(h)]! + (h - Math.floor(h)) * (v[Math.ceil(h)]! - v[Math.floor(h)]!);
  return { median, mean: v.reduce((s, x) => s + x, 0) / v.length, trials: v.length };
}

export async function runNoisyVsClean(opts: NoisyOptions): Promise<NoisySummary> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const models = opts.models ?? NOISY_MODELS;
  const server = await startServer({ dbFile: opts.dbFile, port: 0, leaseMs: 5000, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) });
  try {
    const groups: { model: NoisyModel; beta: number; ids: number[] }[] = [];
    for (const model of models)
      for (const beta of [0, ...opts.betas]) {
        const ids: number[] = [];
        for (const d of opts.d) {
          const n = [...new Set(opts.ratios.map((r) => Math.round(r * d)))];
          const created = await gql<{ createExperiment: { id: string } }>(
            server,
            `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`,
            {
              input: {
                name: `noisy vs clean: ${model.key}, beta ${beta}, d ${d}`,
                tags: ['noisy-vs-clean'],
                spec: { architecture: model.architecture, program: model.program, planted: model.planted, n, d: [d], sigma: opts.sigma, trials: opts.trials, beta, testSize: 100 },
              },
            },
          );
          ids.push(Number(created.createExperiment.id));
        }
        groups.push({ model, beta, ids });
      }
    const allIds = groups.flatMap((g) => g.ids);
    let last = '';
    for (;;) {
      const data = await gql<{ experiments: { nodes: { id: string; progress: { total: number; done: number; failed: number; queued: number; running: number } }[] } }>(
        server,
        `query { experiments(first: 100) { nodes { id progress { total done failed queued running } } } }`,
        {},
      );
      const mine = data.experiments.nodes.filter((e) => allIds.includes(Number(e.id)));
      const total = mine.reduce((s, e) => s + e.progress.total, 0);
      const done = mine.reduce((s, e) => s + e.progress.done, 0);
      const failed = mine.reduce((s, e) => s + e.progress.failed, 0);
      const open = mine.reduce((s, e) => s + e.progress.queued + e.progress.running, 0);
      const line = `noisy-vs-clean: ${done + failed}/${total} runs finished (${failed} failed)`;
      if (line !== last) log(line);
      last = line;
      if (open === 0) {
        if (failed > 0) throw new Error(`${failed} runs failed`);
        break;
      }
      await sleep(500);
    }

    const series: NoisySeries[] = [];
    let runs = 0;
    for (const g of groups) {
      const filter = { experimentId: g.ids.map(String) };
      const approxThreshold: NoisySeries['approxThreshold'] = {};
      const approxRange: NoisySeries['approxRange'] = {};
      const recoveredThreshold: NoisySeries['recoveredThreshold'] = {};
      const relDistanceAbove: NoisySeries['relDistanceAbove'] = {};
      const byCell = new Map<string, NoisyCell>();
      for (const tol of opts.tolerances) {
        approxThreshold[key(tol)] = {};
        const pd = await gql<{ phaseDiagram: { cells: (Omit<NoisyCell, 'pApprox'> & { pApprox: number; approxCount: number })[] } }>(
          server,
          `query($f: RunFilter, $tol: Float) { phaseDiagram(filter: $f, bySigma: true, approxTolerance: $tol) { cells { ${CELL_FIELDS} } } }`,
          { f: filter, tol },
        );
        for (const c of pd.phaseDiagram.cells) {
          const k = `${c.n}|${c.d}|${c.sigma}`;
          const cell = byCell.get(k) ?? { ...c, pApprox: {} };
          cell.pApprox[key(tol)] = c.pApprox;
          byCell.set(k, cell);
        }
        for (const sigma of opts.sigma) {
          const te = await gql<{ transitionEstimate: NoisyThreshold }>(
            server,
            `query($f: RunFilter, $tol: Float, $s: Float) { transitionEstimate(filter: $f, metric: APPROX, approxTolerance: $tol, sigma: $s) { c low high method note } }`,
            { f: filter, tol, s: sigma },
          );
          approxThreshold[key(tol)]![key(sigma)] = te.transitionEstimate;
          const pooled = await gql<{ phaseDiagram: { cells: { ratio: number; trials: number; approxCount: number }[] } }>(
            server,
            `query($f: RunFilter, $tol: Float, $s: Float) { phaseDiagram(filter: $f, sigma: $s, approxTolerance: $tol) { cells { ratio trials approxCount } } }`,
            { f: filter, tol, s: sigma },
          );
          const byRatio = new Map<number, { k: number; n: number }>();
          for (const c of pooled.phaseDiagram.cells) {
            const r = Math.round(c.ratio * 1e6) / 1e6;
            const e = byRatio.get(r) ?? { k: 0, n: 0 };
            e.k += c.approxCount;
            e.n += c.trials;
            byRatio.set(r, e);
          }
          const ratios = [...byRatio.keys()].sort((a, b) => a - b);
          const lo = byRatio.get(ratios[0]!)!, hi = byRatio.get(ratios[ratios.length - 1]!)!;
          (approxRange[key(sigma)] ??= {})[key(tol)] = { lowestRatio: lo.k / lo.n, highestRatio: hi.k / hi.n };
        }
      }
      for (const sigma of opts.sigma) {
        const te = await gql<{ transitionEstimate: NoisyThreshold }>(
          server,
          `query($f: RunFilter, $s: Float) { transitionEstimate(filter: $f, metric: RECOVERED, sigma: $s) { c low high method note } }`,
          { f: filter, s: sigma },
        );
        recoveredThreshold[key(sigma)] = te.transitionEstimate;
        relDistanceAbove[key(sigma)] = await pooledRelDistance(server, g.ids, opts.aboveRatio, sigma);
      }
      const cells = [...byCell.values()].sort((a, b) => a.d - b.d || a.sigma - b.sigma || a.n - b.n);
      runs += cells.reduce((s, c) => s + c.trials, 0);
      series.push({
        model: g.model.key,
        title: g.model.title,
        beta: g.beta,
        program: g.beta > 0 ? `regularized (beta = ${g.beta})` : 'min-norm (beta = 0)',
        experimentIds: g.ids,
        approxThreshold,
        recoveredThreshold,
        approxRange,
        relDistanceAbove,
        cells,
      });
    }
    return {
      format: 'noisy-vs-clean/1',
      createdAt: new Date().toISOString(),
      grid: { d: opts.d, ratios: opts.ratios, sigma: opts.sigma, trials: opts.trials, betas: opts.betas, tolerances: opts.tolerances, aboveRatio: opts.aboveRatio },
      seconds: (performance.now() - t0) / 1000,
      runs,
      series,
    };
  } finally {
    await server.close();
  }
}
