/**
 * Engine speed (issue 2): solves per second at several sizes, with and without the shortcuts (the
 * least-squares certificate; relaxed-first for exact programs): the pure column-generation path is the
 * in-run baseline, beside the interior-point reference
 * figures of science.md section 8 (cvxopt, one thread, exact plain-ReLU solve on this machine type);
 * and the wall time of the authors' skip/relaxed grid (n = 10:10:400, d = 10:10:100, 5 trials).
 */
import { instanceSpecSchema, type InstanceSpec } from '@rlab/shared';
import { experimentSpecSchema, expandExperiment } from '@rlab/shared/experiment.ts';
import { generateInstance } from '../src/engine/data.ts';
import { solveInstance } from '../src/engine/solve.ts';
import { crossingsPerD } from '../src/modules/sweep/stats.ts';
import { runPool, defaultWorkers } from '../src/engine/pool.ts';
import type { Task } from '../src/engine/task.ts';

/** cvxopt reference seconds per exact plain-ReLU solve (science.md section 8) */
const REFERENCE_S: Record<string, number> = { '20x10': 0.05, '50x20': 0.15, '100x40': 1.4, '200x50': 5 };

function solvesPerSecond(base: Record<string, unknown>, n: number, d: number, trials: number, shortcut: boolean): { perSecond: number; recovered: number } {
  let recovered = 0;
  const t0 = performance.now();
  for (let seed = 0; seed < trials; seed++) {
    const spec: InstanceSpec = instanceSpecSchema.parse({ ...base, n, d, seed });
    const inst = generateInstance(spec);
    const { result } = solveInstance(inst, { seedKey: inst.name, certificateShortcut: shortcut, relaxedFirst: shortcut });
    if (result.recovered) recovered++;
  }
  return { perSecond: trials / ((performance.now() - t0) / 1000), recovered };
}

export async function benchEngine(opts: { quick?: boolean; log?: (s: string) => void } = {}): Promise<Record<string, number>> {
  const log = opts.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const out: Record<string, number> = {};
  const plain = { architecture: 'plain', program: 'exact', planted: { kind: 'relu' } };
  const skip = { architecture: 'skip', program: 'relaxed', planted: { kind: 'linear', weights: 'smallest-singular' } };
  const sizes: [number, number, number][] = opts.quick ? [[20, 10, 6], [50, 20, 4]] : [[20, 10, 10], [50, 20, 6], [100, 40, 4], [200, 50, 2]];
  // warm up the JIT
  solvesPerSecond(plain, 30, 10, 3, false);
  for (const [n, d, trials] of sizes) {
    for (const [label, base] of [['plainExact', plain], ['skipRelaxed', skip]] as const) {
      const full = solvesPerSecond(base, n, d, trials, false);
      const fast = solvesPerSecond(base, n, d, trials, true);
      out[`engine.${label}.n${n}d${d}.solvesPerSecond`] = fast.perSecond;
      out[`engine.${label}.n${n}d${d}.columnGenerationOnly.solvesPerSecond`] = full.perSecond;
      out[`engine.${label}.n${n}d${d}.shortcutSpeedup`] = fast.perSecond / full.perSecond;
      const ref = REFERENCE_S[`${n}x${d}`];
      if (label === 'plainExact' && ref) out[`engine.plainExact.n${n}d${d}.speedupVsCvxoptReference`] = ref * fast.perSecond;
      log(`engine ${label} n=${n} d=${d}: ${fast.perSecond.toFixed(2)} solves/s (column generation only ${full.perSecond.toFixed(2)}/s), ${fast.recovered}/${trials} recovered${label === 'plainExact' && ref ? `; cvxopt reference ${ref} s/solve -> ${(ref * fast.perSecond).toFixed(1)}x` : ''}`);
    }
  }
  // the authors' grid for skip/relaxed
  const ns = opts.quick ? [10, 50, 100, 150, 200] : Array.from({ length: 40 }, (_, i) => 10 * (i + 1));
  const ds = opts.quick ? [10, 30, 50] : Array.from({ length: 10 }, (_, i) => 10 * (i + 1));
  const trials = opts.quick ? 1 : 5;
  // the experiment spec's one expansion (shared/experiment.ts), computed on the engine pool without a store
  const grid = experimentSpecSchema.parse({ ...skip, n: ns, d: ds, sigma: [0], trials, seed: 0 });
  const tasks: Task[] = expandExperiment(grid).map(({ spec }) => ({ method: 'convex', spec }));
  const workers = defaultWorkers();
  log(`engine: the authors' skip/relaxed grid, ${tasks.length} instances on ${workers} workers...`);
  const t0 = performance.now();
  let done = 0;
  const records = await runPool(tasks, { workers, onRecord: () => { if (++done % 250 === 0) log(`  ${done}/${tasks.length}`); } });
  const seconds = (performance.now() - t0) / 1000;
  const byCell = new Map<string, { n: number; d: number; trials: number; recovered: number }>();
  for (const r of records) {
    const key = `${r.spec.n}/${r.spec.d}`;
    const cell = byCell.get(key) ?? { n: r.spec.n, d: r.spec.d, trials: 0, recovered: 0 };
    byCell.set(key, cell);
    if (!r.result) continue;
    cell.trials++;
    if (r.result.recovered === true) cell.recovered++;
  }
  const { c } = crossingsPerD([...byCell.values()], (cell) => cell.recovered / cell.trials);
  out['engine.authorsGrid.skipRelaxed.instances'] = tasks.length;
  out['engine.authorsGrid.skipRelaxed.seconds'] = seconds;
  out['engine.authorsGrid.skipRelaxed.workers'] = workers;
  out['engine.authorsGrid.skipRelaxed.failed'] = records.filter((r) => !r.result || r.result.status !== 'optimal').length;
  if (c !== null) out['engine.authorsGrid.skipRelaxed.threshold'] = c;
  log(`engine: authors' grid ${tasks.length} instances in ${seconds.toFixed(1)} s (goal < 600 s); 50% threshold n = ${c?.toFixed(2)} d`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchEngine({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(r, null, 2));
}
