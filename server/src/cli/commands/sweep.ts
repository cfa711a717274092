/**
 * rlab sweep --arch A --program P --n 10:10:120 --d 10:10:40 --trials 10 [--sigma 0,0.1] --out DIR
 * Writes DIR/cells.csv, DIR/runs.jsonl and DIR/phase.svg; uses every core; deterministic for a seed.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../../engine/caseFile.ts';
import { expandGrid, gridSize, aggregateCells, transitionRatio, MAX_SWEEP_RUNS, type GridSpec } from '../../engine/sweep.ts';
import { phaseDiagramSvg } from '../../engine/phaseSvg.ts';
import { runPool } from '../../engine/pool.ts';
import { METHODS, type Method, type Task } from '../../engine/task.ts';
import { addInstanceFlags, baseSpec, parseGrid, parseNumber, type InstanceFlags } from '../options.ts';

export interface SweepFlags extends InstanceFlags {
  trials: string;
  out: string;
  workers?: string;
  method: string;
  epochs?: string;
  bestDual?: boolean;
  progress: boolean;
}

export function gridFromFlags(f: SweepFlags): GridSpec {
  // --arch and --program take lists: every combination is a variant of the sweep
  const archs = (f.arch ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const programs = (f.program ?? 'exact').split(',').map((p) => p.trim()).filter(Boolean);
  const variants = (archs.length ? archs : [undefined]).flatMap((arch) => programs.map((program) => baseSpec({ ...f, arch, program })));
  const g: GridSpec = {
    base: variants[0]!,
    variants,
    n: parseGrid('n', f.n, { integer: true, min: 1, max: 5000 }),
    d: parseGrid('d', f.d, { integer: true, min: 1, max: 1000 }),
    sigma: parseGrid('sigma', f.sigma ?? '0', { min: 0, max: 10 }),
    trials: parseNumber('trials', f.trials, { integer: true, min: 1, max: 10000 }),
    seed: parseNumber('seed', f.seed ?? '0', { integer: true, min: 0, max: 2 ** 31 - 1 - 10000 }),
  };
  const size = gridSize(g);
  if (size > MAX_SWEEP_RUNS)
    throw new InputError(`the grid has ${size} runs (${g.n.length} n x ${g.d.length} d x ${g.sigma.length} sigma x ${g.trials} trials); at most ${MAX_SWEEP_RUNS} are allowed in one sweep: split it or use fewer trials`, 'grid');
  return g;
}

export async function runSweep(f: SweepFlags): Promise<{ cells: ReturnType<typeof aggregateCells>; ratio: number | null; seconds: number }> {
  const grid = gridFromFlags(f);
  const method = (METHODS as readonly string[]).includes(f.method) ? (f.method as Method) : null;
  if (!method) throw new InputError(`--method "${f.method}" is not allowed; allowed: ${METHODS.join(', ')}`, 'method');
  const workers = f.workers === undefined ? undefined : parseNumber('workers', f.workers, { integer: true, min: 1, max: 256 });
  const specs = expandGrid(grid);
  const train: Record<string, unknown> = {};
  if (f.epochs !== undefined) train.epochs = parseNumber('epochs', f.epochs, { integer: true, min: 1 });
  const tasks: Task[] = specs.map((spec) => ({ method, spec, train, bestDual: !!f.bestDual }));
  try {
    mkdirSync(f.out, { recursive: true });
  } catch (e) {
    throw new InputError(`--out "${f.out}": cannot create the folder (${e instanceof Error ? e.message : String(e)})`, 'out');
  }
  const bar = f.progress && process.stderr.isTTY !== false
    ? new cliProgress.SingleBar({ format: 'sweep |{bar}| {value}/{total} runs | {recovered} recovered | {duration_formatted} elapsed, eta {eta_formatted}', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic)
    : null;
  let recovered = 0;
  bar?.start(tasks.length, 0, { recovered });
  const t0 = performance.now();
  const opts: Parameters<typeof runPool>[1] = {
    onRecord: (_i, rec) => {
      if (rec.result?.recovered) recovered++;
      bar?.increment(1, { recovered });
    },
  };
  if (workers !== undefined) opts.workers = workers;
  let records;
  try {
    records = await runPool(tasks, opts);
  } finally {
    bar?.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cells = aggregateCells(records);
  const combos = [...new Set(cells.map((c) => `${c.architecture}/${c.program}`))];
  const ratios = new Map(combos.map((k) => [k, transitionRatio(cells.filter((c) => `${c.architecture}/${c.program}` === k)).c]));
  const c = ratios.get(combos[0]!) ?? null;
  writeFileSync(join(f.out, 'runs.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(
    join(f.out, 'cells.csv'),
    stringify(
      cells.map((c) => ({ ...c, n_over_d: Number((c.n / c.d).toFixed(6)) })),
      { header: true, columns: ['architecture', 'program', 'n', 'd', 'sigma', 'n_over_d', 'trials', 'failed', 'recovered', 'p_recovered', 'p_low', 'p_high', 'certified', 'p_certified', 'test_ok', 'p_test_ok', 'mean_distance', 'mean_test_error', 'mean_active_neurons', 'mean_time_ms',
        ...(f.bestDual ? ['certified_best', 'p_certified_best'] : []),
        ...(method === 'both' ? ['p_trained_recovered', 'mean_trained_test_error', 'p_same_function', 'p_same_neurons', 'mean_function_gap_rel'] : [])] },
    ),
  );
  for (const [k, combo] of combos.entries()) {
    const mine = cells.filter((c) => `${c.architecture}/${c.program}` === combo);
    const sigmas = [...new Set(mine.map((c) => c.sigma))];
    const first = mine.filter((c) => c.sigma === sigmas[0]);
    const b = grid.variants![k] ?? grid.base;
    const svg = phaseDiagramSvg(first, {
      title: `P(recovered): ${combo}, planted ${b.planted.kind}${b.planted.k > 1 ? ' x' + b.planted.k : ''}, ${b.data}, sigma ${sigmas[0]}, ${grid.trials} trials, method ${method}`,
      ratio: ratios.get(combo) ?? null,
    });
    // phase.svg is the first combination; every combination also gets its own file when there are several
    if (k === 0) writeFileSync(join(f.out, 'phase.svg'), svg);
    if (combos.length > 1) writeFileSync(join(f.out, `phase-${combo.replace('/', '-')}.svg`), svg);
  }
  const failed = records.filter((r) => !r.result).length;
  process.stderr.write(
    `sweep: ${records.length} runs in ${seconds.toFixed(1)} s (${(records.length / seconds).toFixed(1)} runs/s)` +
      `${failed ? `, ${failed} failed (see runs.jsonl)` : ''}; 50% threshold ${combos.map((k) => `${k}: n = ${ratios.get(k) == null ? 'not crossed in the grid' : ratios.get(k)!.toFixed(2) + ' d'}`).join(', ')}; wrote ${join(f.out, 'cells.csv')}, runs.jsonl, phase.svg\n`,
  );
  return { cells, ratio: c, seconds };
}

export function registerSweep(program: Command): void {
  const cmd = program.command('sweep').description('a phase diagram: every (n, d, sigma) cell times trials, on every core; --arch and --program may be lists (every combination is swept)');
  addInstanceFlags(cmd, true);
  cmd
    .requiredOption('--trials <count>', 'trials per cell')
    .requiredOption('--out <dir>', 'output folder (cells.csv, runs.jsonl, phase.svg)')
    .option('--workers <count>', 'worker threads (default: one per core)')
    .option('--method <method>', `convex program, trained networks, or both: ${METHODS.join(', ')}`, 'convex')
    .option('--epochs <count>', 'training epochs (method train/both)')
    .option('--best-dual', 'also compute the best-dual certificate per trial (one more convex program each)')
    .option('--no-progress', 'no progress bar');
  cmd.action(async (opts: SweepFlags) => {
    await runSweep(opts);
  });
}
