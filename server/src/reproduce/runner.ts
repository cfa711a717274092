/**
 * Runs the plan: starts the server in-process on a free port (so the runs go through the job system and
 * land in the store like any other experiment), finds or creates each experiment by its stable name,
 * waits for the jobs (convex and, for the training experiment, trained runs), computes the trained-vs-convex
 * function gap through the engine's pool (not a stored metric), then reads everything back through the
 * sweep service.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Experiment } from '../db/generated/prisma/client.ts';
import { startServer, type RunningServer } from '../http/server.ts';
import type { PhaseCell, TransitionEstimate } from '../modules/sweep/service.ts';
import { runPool } from '../engine/pool.ts';
import type { Task, TaskRecord } from '../engine/task.ts';
import { experimentName, plan, shortHash, trainingSpecs, GRIDS, type PlanItem, type Scale } from './plan.ts';

export interface ReproduceOptions {
  scale: Scale;
  out: string;
  dbFile: string;
  /** compute processes of the local executor (default: one per core) */
  workers?: number;
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

export interface TrainingOutcome {
  records: TaskRecord[];
  reused: number;
  computed: number;
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

/** training records cached one JSON line per finished task, keyed by the hash of the task */
async function runTraining(scale: Scale, opts: ReproduceOptions): Promise<TrainingOutcome> {
  const t0 = performance.now();
  const epochs = GRIDS[scale].train.epochs;
  const tasks: Task[] = trainingSpecs(scale).map((spec) => ({ method: 'both', spec, train: { epochs } }));
  const cacheDir = join(opts.out, '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = join(cacheDir, `training-${scale}.jsonl`);
  const cached = new Map<string, TaskRecord>();
  if (existsSync(cacheFile))
    for (const line of readFileSync(cacheFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const o = JSON.parse(line) as { key: string; record: TaskRecord };
        if (o.record.result) cached.set(o.key, o.record);
      } catch {
        // a line cut short by an interruption: that task runs again
      }
    }
  const keys = tasks.map((t) => shortHash({ method: t.method, spec: t.spec, train: t.train }));
  const todo = tasks.map((t, i) => ({ t, i })).filter(({ i }) => !cached.has(keys[i]!));
  opts.log(`reproduce: training comparison: ${tasks.length - todo.length} of ${tasks.length} networks cached, training ${todo.length} (engine pool, ${epochs} epochs each)`);
  if (todo.length) {
    let done = 0;
    await runPool(
      todo.map((x) => x.t),
      {
        ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
        onRecord: (j, record) => {
          const key = keys[todo[j]!.i]!;
          if (record.result) {
            appendFileSync(cacheFile, JSON.stringify({ key, record }) + '\n');
            cached.set(key, record);
          }
          done++;
          if (done % 10 === 0 || done === todo.length) opts.log(`reproduce: trained ${done}/${todo.length}`);
        },
      },
    );
  }
  const records = tasks.map((t, i) => cached.get(keys[i]!) ?? { spec: t.spec, result: null, error: 'not computed', method: 'both' });
  return { records, reused: tasks.length - todo.length, computed: todo.length, seconds: (performance.now() - t0) / 1000, epochs };
}

export async function runPlan(opts: ReproduceOptions): Promise<ReproduceOutcome> {
  const t0 = performance.now();
  mkdirSync(opts.out, { recursive: true });
  const server = await startServer({ dbFile: opts.dbFile, port: 0, leaseMs: 5000, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) });
  try {
    opts.log(`reproduce: the experiments are browsable while this runs at ${server.url} (database ${opts.dbFile})`);
    const items = plan(opts.scale);
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
    // the convex jobs are finished: the cores are free for training
    await server.services.executor.stop();
    if (opts.interrupted()) throw new Interrupted();
    const training = await runTraining(opts.scale, opts);
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
