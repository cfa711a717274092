/**
 * Runs the plan: starts the server in-process on a free port (so the runs go through the job system and
 * land in the store like any other experiment), finds or creates each experiment by its stable name,
 * waits for the jobs (convex and, for the training experiment, trained runs), then reads everything back
 * through the services: the cells from the sweep service, and for the training experiment the
 * trained-vs-convex comparison of each trial's two stored networks on its test points (the same path for
 * every experiment: nothing computed beside the jobs, no cache of its own).
 */
import { mkdirSync } from 'node:fs';
import type { InstanceSpec } from '@rlab/shared';
import type { Experiment } from '../db/generated/prisma/client.ts';
import { startServer, type RunningServer } from '../http/server.ts';
import type { PhaseCell, TransitionEstimate } from '../modules/sweep/service.ts';
import { generateInstance } from '../engine/data.ts';
import { compareNetworks, type NetworkComparison } from '../engine/train/metrics.ts';
import { runToSpec } from '../modules/job/service.ts';
import { weightsKey } from '../modules/weights/service.ts';
import type { Run } from '../db/generated/prisma/client.ts';
import { experimentName, plan, GRIDS, type PlanItem, type Scale } from './plan.ts';

export interface ReproduceOptions {
  scale: Scale;
  out: string;
  dbFile: string;
  /** compute processes of the local executor (default: one per core) */
  workers?: number;
  /** run only these experiments (plan keys); default every one */
  only?: string[];
  log: (line: string) => void;
  /** set when the user interrupts; the runner stops waiting and closes the server */
  interrupted: () => boolean;
}

export interface ExperimentOutcome {
  item: PlanItem;
  experiment: Experiment;
  /** how this invocation got it: created now, found finished, or found unfinished and resumed */
  how: 'created' | 'reused' | 'resumed';
  cells: PhaseCell[];
  /** cells per sigma (noise) */
  cellsBySigma: PhaseCell[];
  /** the trained runs' cells (method both) */
  trainedCells: PhaseCell[];
  estimate: TransitionEstimate;
}

/** one trial of the training experiment: its stored convex and trained runs, and how their networks agree */
export interface TrainingRecord {
  spec: InstanceSpec;
  result: { recovered: boolean | null; distance: number | null; testError: number | null };
  trained: { recovered: boolean | null; distance: number | null; testError: number | null; backend: string };
  comparison: NetworkComparison;
}

export interface TrainingOutcome {
  records: TrainingRecord[];
  /** trials whose two networks were compared */
  compared: number;
  seconds: number;
  epochs: number;
}

export interface ReproduceOutcome {
  experiments: ExperimentOutcome[];
  training: TrainingOutcome;
  serverUrl: string;
  executor: { name: string; concurrency: number; backends: string[] };
  seconds: { total: number; convex: number; training: number };
}

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function findExperiment(server: RunningServer, name: string): Promise<Experiment | null> {
  const page = await server.services.experiments.page({ nameContains: name.slice(name.lastIndexOf('[')) }, 100, null);
  return page.nodes.find((e) => e.name === name) ?? null;
}

async function ensureExperiment(server: RunningServer, scale: Scale, item: PlanItem): Promise<{ experiment: Experiment; how: ExperimentOutcome['how'] }> {
  const name = experimentName(scale, item);
  const found = await findExperiment(server, name);
  if (found) {
    if (found.status === 'done') return { experiment: found, how: 'reused' };
    // unfinished: the executor leases its queued (and expired running) jobs again; failed runs are retried
    const progress = await server.services.experiments.progressLoader().load(found.id);
    if (progress.failed > 0) await server.services.experiments.retryFailed(found.id);
    else await server.services.executor.enqueue([]);
    return { experiment: found, how: 'resumed' };
  }
  const experiment = await server.services.experiments.create({ name, tags: ['reproduce', `reproduce-${scale}`], notes: `${item.title}. Created by rlab reproduce --scale ${scale} (science.md section 7).`, spec: item.spec });
  return { experiment, how: 'created' };
}

async function waitFor(server: RunningServer, ids: number[], opts: ReproduceOptions): Promise<void> {
  let last = '';
  let lastAt = 0;
  for (;;) {
    if (opts.interrupted()) throw new Interrupted();
    const loader = server.services.experiments.progressLoader();
    const ps = await Promise.all(ids.map((id) => loader.load(id)));
    const total = ps.reduce((s, p) => s + p.total, 0);
    const finished = ps.reduce((s, p) => s + p.done + p.failed + p.cancelled, 0);
    const open = ps.reduce((s, p) => s + p.queued + p.running, 0);
    const line = `reproduce: convex runs ${finished}/${total} finished (${ps.filter((p) => p.queued + p.running === 0).length}/${ids.length} experiments done)`;
    if (line !== last && Date.now() - lastAt > 5000) {
      opts.log(line);
      last = line;
      lastAt = Date.now();
    }
    if (open === 0) return;
    await sleep(300);
  }
}

/**
 * The training experiment's comparison, from the store: for each trial the convex run and the trained run
 * (same spec, same data), their stored networks evaluated on the trial's regenerated test points
 * (compareNetworks, engine/train/metrics.ts). The trainer's epochs are its default (GRIDS[scale].train).
 */
async function compareTraining(server: RunningServer, scale: Scale, experiment: Experiment | undefined, opts: ReproduceOptions): Promise<TrainingOutcome> {
  const t0 = performance.now();
  const epochs = GRIDS[scale].train.epochs;
  if (!experiment) return { records: [], compared: 0, seconds: 0, epochs };
  const runs: Run[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await server.services.runs.page({ experimentId: [experiment.id], status: ['done'] }, { field: 'ID', direction: 'ASC' }, 500, after);
    runs.push(...page.nodes);
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  const pairs = new Map<string, { convex?: Run; train?: Run }>();
  for (const r of runs) {
    const key = `${r.n}|${r.d}|${r.sigma}|${r.seed}`;
    const pair = pairs.get(key) ?? {};
    if (r.method === 'train') pair.train = r;
    else pair.convex = r;
    pairs.set(key, pair);
  }
  const weights = server.services.weights.loader();
  const network = (w: { w: number[][]; a: number[]; skip: number[] | null }) => ({ neurons: w.w.map((row, i) => ({ w: row, a: w.a[i]! })), skip: w.skip });
  const records: TrainingRecord[] = [];
  for (const { convex, train } of pairs.values()) {
    if (!convex || !train) continue;
    const [wc, wt] = await Promise.all([weights.load(weightsKey(convex.id, 'recovered')), weights.load(weightsKey(train.id, 'recovered'))]);
    if (!wc || !wt) continue;
    const spec = runToSpec(convex, experiment.spec);
    const inst = generateInstance(spec);
    const comparison = compareNetworks(spec.architecture, network(wt), network(wc), inst.test?.X ?? inst.X, inst.test && inst.planted ? inst.test.y : null);
    records.push({
      spec,
      result: { recovered: convex.recovered, distance: convex.distance, testError: convex.testError },
      trained: { recovered: train.recovered, distance: train.distance, testError: train.testError, backend: train.backend.replace(/^tfjs-/, '') },
      comparison,
    });
  }
  opts.log(`reproduce: training comparison: ${records.length} trials, each trained run against its convex run from the store (job system, ${epochs} epochs)`);
  return { records, compared: records.length, seconds: (performance.now() - t0) / 1000, epochs };
}

export async function runPlan(opts: ReproduceOptions): Promise<ReproduceOutcome> {
  const t0 = performance.now();
  mkdirSync(opts.out, { recursive: true });
  const server = await startServer({ dbFile: opts.dbFile, port: 0, leaseMs: 5000, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) });
  try {
    opts.log(`reproduce: the experiments are browsable while this runs at ${server.url} (database ${opts.dbFile})`);
    const items = plan(opts.scale).filter((it) => !opts.only || opts.only.includes(it.key));
    const got: { item: PlanItem; experiment: Experiment; how: ExperimentOutcome['how'] }[] = [];
    for (const item of items) {
      if (opts.interrupted()) throw new Interrupted();
      const r = await ensureExperiment(server, opts.scale, item);
      got.push({ item, ...r });
      opts.log(`reproduce: experiment ${r.experiment.id} "${r.experiment.name}": ${r.how}`);
    }
    await waitFor(server, got.map((g) => g.experiment.id), opts);
    const convexSeconds = (performance.now() - t0) / 1000;
    const status = await server.services.executor.status();
    const executor = { name: status.executor, concurrency: status.concurrency, backends: [...new Set((status.workers ?? []).map((w) => w.backend))] };
    await server.services.executor.stop();
    if (opts.interrupted()) throw new Interrupted();
    const training = await compareTraining(server, opts.scale, got.find((g) => g.item.section === 'training')?.experiment, opts);
    const experiments: ExperimentOutcome[] = [];
    for (const g of got) {
      const filter = { experimentId: [g.experiment.id] };
      const experiment = (await server.services.experiments.get(g.experiment.id)) ?? g.experiment;
      const convex = { ...filter, method: ['convex'] };
      const cellsBySigma = await server.services.sweeps.phaseDiagram(convex, true);
      // the clean convex cells decide the threshold (noise experiments: sigma = 0)
      const clean = { ...convex, sigma: { min: 0, max: 0 } };
      const cells = await server.services.sweeps.phaseDiagram(clean, false);
      const estimate = await server.services.sweeps.transitionEstimate(clean, 0.5);
      const trainedCells = g.item.spec.method === 'both' ? await server.services.sweeps.phaseDiagram({ ...filter, method: ['train'] }, false) : [];
      experiments.push({ item: g.item, experiment, how: g.how, cells, cellsBySigma, trainedCells, estimate });
    }
    return {
      experiments,
      training,
      serverUrl: server.url.replace(/\?token=.*/, ''),
      executor,
      seconds: { total: (performance.now() - t0) / 1000, convex: convexSeconds, training: training.seconds },
    };
  } finally {
    await server.close();
  }
}
