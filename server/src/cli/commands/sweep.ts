/**
 * rlab sweep --arch A --program P --n 10:10:120 --d 10:10:40 --trials 10 [--sigma 0,0.1] --out DIR [--db FILE]
 *
 * A client of the server's own path: the flags become experiment specs (shared/experiment.ts, one per
 * architecture x program), `ExperimentService.create` expands each once into runs and jobs in the database
 * (default: the user's database, the one `rlab serve` opens), the job system computes them on every core
 * (largest first), the store writes the results, and DIR/cells.csv, runs.jsonl and phase.svg are exports
 * of the stored experiments: cells.csv is the API's `phaseDiagram` of each experiment. The sweep is
 * browsable in the app while it runs and afterwards.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { EXPERIMENT_METHODS, MAX_RUNS_PER_EXPERIMENT, experimentSpecSchema, type ExperimentMethod, type ExperimentSpec } from '@rlab/shared/experiment.ts';
import { SPEC_RANGES } from '@rlab/shared';
import { InputError, describeIssue } from '../../engine/caseFile.ts';
import { phaseDiagramSvg } from '../../engine/phaseSvg.ts';
import { defaultDbFile, StoreLockedError } from '../../db/client.ts';
import { startServer, type RunningServer } from '../../http/server.ts';
import type { Experiment } from '../../db/generated/prisma/client.ts';
import type { PhaseCell } from '../../modules/sweep/service.ts';
import type { RunFilter } from '../../modules/run/filter.ts';
import { runToSpec } from '../../modules/job/service.ts';
import { AppError } from '../../modules/errors.ts';
import { parseTags } from '../../modules/run/service.ts';
import { addInstanceFlags, baseSpec, parseGrid, parseInRange, parseNumber, type InstanceFlags } from '../options.ts';

export interface SweepFlags extends InstanceFlags {
  trials: string;
  out: string;
  db?: string;
  name?: string;
  workers?: string;
  method: string;
  epochs?: string;
  bestDual?: boolean;
  progress: boolean;
}

/** the experiment specs of a sweep: one per --arch x --program combination, validated by the shared schema */
export function specsFromFlags(f: SweepFlags): ExperimentSpec[] {
  if (!(EXPERIMENT_METHODS as readonly string[]).includes(f.method)) throw new InputError(`--method "${f.method}" is not allowed; allowed: ${EXPERIMENT_METHODS.join(', ')}`, 'method');
  const method = f.method as ExperimentMethod;
  const n = parseGrid('n', f.n, SPEC_RANGES.n);
  const d = parseGrid('d', f.d, SPEC_RANGES.d);
  const sigma = parseGrid('sigma', f.sigma ?? '0', SPEC_RANGES.sigma);
  const trials = parseInRange('trials', f.trials, SPEC_RANGES.trials);
  const seed = parseInRange('seed', f.seed ?? '0', SPEC_RANGES.experimentSeed);
  // the one run cap: the server's, per experiment (each combination is one experiment)
  const size = n.length * d.length * sigma.length * trials;
  if (size > MAX_RUNS_PER_EXPERIMENT)
    throw new InputError(`the grid has ${size} runs (${n.length} n x ${d.length} d x ${sigma.length} sigma x ${trials} trials); at most ${MAX_RUNS_PER_EXPERIMENT} are allowed in one sweep: split it or use fewer trials`, 'grid');
  const archs = (f.arch ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const programs = (f.program ?? 'exact').split(',').map((p) => p.trim()).filter(Boolean);
  const epochs = f.epochs === undefined ? undefined : parseInRange('epochs', f.epochs, SPEC_RANGES.epochs);
  return (archs.length ? archs : [undefined]).flatMap((arch) =>
    programs.map((program) => {
      const base = baseSpec({ ...f, arch, program });
      const raw: Record<string, unknown> = { architecture: base.architecture, program: base.program, planted: base.planted, data: base.data, n, d, sigma, trials, beta: base.beta, seed, testSize: base.testSize, method };
      if (base.patternSamples !== undefined) raw.patternSamples = base.patternSamples;
      if (epochs !== undefined) raw.epochs = epochs;
      if (f.bestDual) raw.bestDual = true;
      const parsed = experimentSpecSchema.safeParse(raw);
      if (!parsed.success) {
        const { field, text } = describeIssue(raw, parsed.error.issues);
        throw new InputError(`spec ${text}`, field);
      }
      return parsed.data;
    }),
  );
}

/** cells.csv names for the PhaseCell fields that had a name in the first sweep format; the rest in snake_case */
const CSV_NAMES: Record<string, string> = {
  ratio: 'n_over_d',
  successes: 'recovered',
  p: 'p_recovered',
  pLow: 'p_low',
  pHigh: 'p_high',
  certifiedCount: 'certified',
  pCertified: 'p_certified',
};
const snake = (k: string) => CSV_NAMES[k] ?? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** the runs whose cells the sweep reports: the experiment's convex runs (its trained ones for method train) */
export function sweepFilter(experiment: Pick<Experiment, 'id' | 'method'>): RunFilter {
  return { experimentId: [experiment.id], method: [experiment.method === 'train' ? 'train' : 'convex'] };
}

export interface SweepOutcome {
  experiments: Experiment[];
  cells: PhaseCell[][];
  ratios: (number | null)[];
  dbFile: string;
  seconds: number;
}

async function waitForExperiments(server: RunningServer, ids: number[], events: AsyncGenerator<number>, onProgress: (finished: number, total: number, recovered: number) => void): Promise<void> {
  const check = async () => {
    const loader = server.services.experiments.progressLoader();
    const ps = await Promise.all(ids.map((id) => loader.load(id)));
    const total = ps.reduce((s, p) => s + p.total, 0);
    const finished = ps.reduce((s, p) => s + p.done + p.failed + p.cancelled, 0);
    const recovered = await server.services.runs.count({ experimentId: ids, recovered: true });
    onProgress(finished, total, recovered);
    return ps.every((p) => p.queued + p.running === 0);
  };
  if (await check()) return;
  // every finished run publishes the experiment's progress (the last one always): wait for those events
  for await (const id of events) if (ids.includes(id) && (await check())) return;
}

async function writeRunsJsonl(server: RunningServer, experiments: Experiment[], file: string): Promise<void> {
  const out = createWriteStream(file);
  for (const e of experiments) {
    let after: string | null = null;
    for (;;) {
      const page = await server.services.runs.page({ experimentId: [e.id] }, { field: 'ID', direction: 'ASC' }, 500, after);
      for (const r of page.nodes) {
        const line = { ...r, tags: parseTags(r.tags), lossCurve: r.lossCurve ? (JSON.parse(r.lossCurve) as unknown) : null, spec: runToSpec(r, e.spec) };
        if (!out.write(JSON.stringify(line) + '\n')) await new Promise<void>((ok) => out.once('drain', () => ok()));
      }
      if (!page.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
  }
  await new Promise<void>((ok, fail) => out.end((err?: Error | null) => (err ? fail(err) : ok())));
}

export async function runSweep(f: SweepFlags): Promise<SweepOutcome> {
  const specs = specsFromFlags(f);
  const workers = f.workers === undefined ? undefined : parseNumber('workers', f.workers, { integer: true, min: 1, max: 256 });
  try {
    mkdirSync(f.out, { recursive: true });
  } catch (e) {
    throw new InputError(`--out "${f.out}": cannot create the folder (${e instanceof Error ? e.message : String(e)})`, 'out');
  }
  const dbFile = f.db ? resolve(f.db) : defaultDbFile();
  let server: RunningServer;
  try {
    server = await startServer({ dbFile, port: 0, ...(workers !== undefined ? { workers } : {}) });
  } catch (err) {
    if (err instanceof StoreLockedError) throw new InputError(`${err.message} (rlab sweep writes to the database: stop that server or pass another --db)`, 'db');
    throw err;
  }
  const t0 = performance.now();
  const bar =
    f.progress && process.stderr.isTTY !== false
      ? new cliProgress.SingleBar({ format: 'sweep |{bar}| {value}/{total} runs | {recovered} recovered | {duration_formatted} elapsed, eta {eta_formatted}', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic)
      : null;
  // subscribed before the experiments exist, so no progress event is missed
  const events = server.services.pubsub.subscribe('experimentProgress', () => true, (p) => Promise.resolve(p.experimentId));
  try {
    process.stderr.write(`sweep: database ${dbFile}; browsable while this runs at ${server.url}\n`);
    const experiments: Experiment[] = [];
    for (const spec of specs) {
      const grid = `n ${f.n}, d ${f.d}, sigma ${f.sigma ?? '0'}, ${spec.trials} trials`;
      // names are at most 200 characters (TEXT_LIMITS); a long grid is cut in the default name, the spec keeps it all
      const name = f.name ? (specs.length > 1 ? `${f.name} (${spec.architecture}/${spec.program})` : f.name) : `sweep ${spec.architecture}/${spec.program} ${spec.method}: ${grid}`.slice(0, 200);
      try {
        experiments.push(await server.services.experiments.create({ name, tags: ['sweep'], notes: `rlab sweep ${process.argv.slice(3).join(' ')}`.slice(0, 100_000), spec }));
      } catch (err) {
        // the service's own validation (a --name it refuses): a message naming the flag, exit status 2
        if (err instanceof AppError) throw new InputError(`${err.field === 'input.name' ? '--name: ' : ''}${err.message}`, err.field === 'input.name' ? 'name' : (err.field ?? 'spec'));
        throw err;
      }
    }
    let started = false;
    await waitForExperiments(server, experiments.map((e) => e.id), events, (finished, total, recovered) => {
      if (!bar) return;
      if (!started) bar.start(total, finished, { recovered });
      else bar.update(finished, { recovered });
      started = true;
    });
    bar?.stop();
    const seconds = (performance.now() - t0) / 1000;

    // exports of the stored experiments: the API's phase diagram of each one, its runs, its heat map
    const cellsOf: PhaseCell[][] = [];
    const ratios: (number | null)[] = [];
    const rows: Record<string, unknown>[] = [];
    let columns: string[] = [];
    for (const [k, e] of experiments.entries()) {
      const spec = specs[k]!;
      const filter = sweepFilter(e);
      const cells = await server.services.sweeps.phaseDiagram(filter, true);
      cellsOf.push(cells);
      const trained = spec.method === 'both' ? await server.services.sweeps.phaseDiagram({ experimentId: [e.id], method: ['train'] }, true) : [];
      for (const c of cells) {
        const row: Record<string, unknown> = { architecture: spec.architecture, program: spec.program };
        for (const [key, v] of Object.entries(c)) row[snake(key)] = v;
        if (spec.method === 'both') {
          const t = trained.find((x) => x.n === c.n && x.d === c.d && x.sigma === c.sigma);
          row.p_trained_recovered = t?.p ?? null;
          row.mean_trained_test_error = t?.meanTestError ?? null;
        }
        rows.push(row);
        if (Object.keys(row).length > columns.length) columns = Object.keys(row);
      }
      const sigma0 = cells[0]?.sigma ?? 0;
      const estimate = await server.services.sweeps.transitionEstimate({ and: [filter, { sigma: { min: sigma0, max: sigma0 } }] }, 0.5);
      ratios.push(estimate.c);
      const first = cells.filter((c) => c.sigma === sigma0);
      const b = spec.planted;
      const svg = phaseDiagramSvg(first, {
        title: `P(recovered): ${spec.architecture}/${spec.program}, planted ${b?.kind ?? 'default'}${b && b.k > 1 ? ' x' + b.k : ''}, ${spec.data}, sigma ${sigma0}, ${spec.trials} trials, method ${spec.method}`,
        ratio: estimate.c,
      });
      // phase.svg is the first combination; every combination also gets its own file when there are several
      if (k === 0) writeFileSync(join(f.out, 'phase.svg'), svg);
      if (experiments.length > 1) writeFileSync(join(f.out, `phase-${spec.architecture}-${spec.program}.svg`), svg);
    }
    writeFileSync(join(f.out, 'cells.csv'), stringify(rows, { header: true, columns }));
    await writeRunsJsonl(server, experiments, join(f.out, 'runs.jsonl'));
    const progress = await Promise.all(experiments.map((e) => server.services.experiments.progressLoader().load(e.id)));
    const total = progress.reduce((s, p) => s + p.total, 0);
    const failed = progress.reduce((s, p) => s + p.failed, 0);
    process.stderr.write(
      `sweep: ${total} runs in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(1)} runs/s)${failed ? `, ${failed} failed (see runs.jsonl)` : ''}; ` +
        `50% threshold ${specs.map((s, k) => `${s.architecture}/${s.program}: n = ${ratios[k] == null ? 'not crossed in the grid' : ratios[k]!.toFixed(2) + ' d'}`).join(', ')}; ` +
        `stored as experiment${experiments.length > 1 ? 's' : ''} ${experiments.map((e) => e.id).join(', ')} in ${dbFile}; wrote ${join(f.out, 'cells.csv')}, runs.jsonl, phase.svg\n`,
    );
    return { experiments, cells: cellsOf, ratios, dbFile, seconds };
  } finally {
    bar?.stop();
    await events.return(undefined);
    await server.close();
  }
}

export function registerSweep(program: Command): void {
  const cmd = program.command('sweep').description('a phase diagram: every (n, d, sigma) cell times trials, stored as experiments and computed by the job system on every core; --arch and --program may be lists (every combination is swept)');
  addInstanceFlags(cmd, true);
  cmd
    .requiredOption('--trials <count>', 'trials per cell')
    .requiredOption('--out <dir>', 'output folder (cells.csv, runs.jsonl, phase.svg)')
    .option('--db <file>', `SQLite database the experiments are stored in (default ${defaultDbFile()}, the one rlab serve uses)`)
    .option('--name <name>', 'experiment name (default: the architecture, program and grid)')
    .option('--workers <count>', 'compute processes (default: one per core)')
    .option('--method <method>', `convex program, trained networks, or both: ${EXPERIMENT_METHODS.join(', ')}`, 'convex')
    .option('--epochs <count>', 'training epochs (method train/both)')
    .option('--best-dual', 'also compute the best-dual certificate per trial (one more convex program each)')
    .option('--no-progress', 'no progress bar');
  cmd.action(async (opts: SweepFlags) => {
    await runSweep(opts);
  });
}
