/**
 * rlab solve --case PATH...      solve case files (or directories of them), one JSON line per case, in
 *                                 input order; several files are solved on this thread and worker
 *                                 threads (--workers, default one per core), the largest first
 * rlab solve --arch ... --n --d   generate and solve one instance
 */
import type { Command } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, readCase } from '../../engine/caseFile.ts';
import { solveInstance } from '../../engine/solve.ts';
import { runSpec } from '../../engine/run.ts';
import { addInstanceFlags, singleSpec, parseNumber, type InstanceFlags } from '../options.ts';
import type { Instance } from '../../engine/instance.ts';
import type { EnginePool } from '../../engine/pool.ts';

export function listCaseFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`--case "${p}": no such file or directory`, 'case');
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith('.json')) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

/** estimated cost of solving a case (pool.ts specCost with the case's own pattern count when it has one) */
function caseCost(inst: Instance): number {
  const n = inst.X.r, d = inst.X.c;
  return n * (inst.patterns ? inst.patterns.length : Math.max(n, 50)) * d * d;
}

/**
 * Solve validated case files on this thread and `workers - 1` worker threads of the engine pool, largest
 * first from one queue, printing each result line as soon as every case before it in input order has
 * printed. This thread takes cases while the workers start (about a second), so a short list is never
 * slower than solving it here alone; each worker has a second case waiting in its queue, so it does not
 * idle while this thread is busy in a solve.
 */
async function solveCasesInParallel(pool: EnginePool, files: string[], instances: Instance[], bestDual: boolean): Promise<void> {
  const lines: (string | undefined)[] = new Array(files.length);
  let next = 0;
  const emit = (i: number, result: unknown) => {
    lines[i] = JSON.stringify(result);
    while (next < lines.length && lines[next] !== undefined) {
      process.stdout.write(lines[next] + '\n');
      lines[next++] = undefined;
    }
  };
  const queue = instances.map((_, i) => i).sort((a, b) => caseCost(instances[b]!) - caseCost(instances[a]!) || a - b);
  let head = 0;
  const take = (): number | undefined => (head < queue.length ? queue[head++] : undefined);
  const onPool = async () => {
    // take cases only once a worker is up: a case queued on a starting worker would wait for it
    await pool.threadInfo();
    // the worker reads and checks the file itself: no copy of the parsed case crosses threads
    for (let i = take(); i !== undefined; i = take()) emit(i, await pool.solveCaseFile({ path: files[i]!, source: files[i]!, bestDual }));
  };
  const here = async () => {
    for (let i = take(); i !== undefined; i = take()) {
      const inst = instances[i]!;
      emit(i, solveInstance(inst, { seedKey: inst.name, bestDual }).result);
      // let the pool's finished cases in (and hand their workers the next ones)
      await new Promise((r) => setImmediate(r));
    }
  };
  await Promise.all([...Array.from({ length: 2 * pool.workers }, onPool), here()]);
}

export function registerSolve(program: Command): void {
  const cmd = program.command('solve').description('solve case files, or one generated instance, and print results as JSON lines');
  cmd.option('--case <paths...>', 'case files or directories of them');
  cmd.option('--best-dual', 'also compute the best-dual certificate (one more convex program per case)');
  cmd.option('--workers <count>', 'worker threads for several case files (default: one per core; 1 solves them one by one on this thread)');
  addInstanceFlags(cmd, false);
  cmd.action(async (opts: InstanceFlags & { case?: string[]; bestDual?: boolean; workers?: string }) => {
    if (opts.case) {
      const files = listCaseFiles(opts.case);
      if (files.length === 0) throw new InputError(`--case ${opts.case.join(' ')}: no .json case files found`, 'case');
      const workersFlag = opts.workers === undefined ? undefined : parseNumber('workers', opts.workers, { integer: true, min: 1, max: 256 });
      let workers = 1;
      let pool: EnginePool | null = null;
      if (files.length > 1) {
        const { defaultWorkers, EnginePool } = await import('../../engine/pool.ts');
        workers = Math.min(workersFlag ?? defaultWorkers(), files.length);
        // the worker threads start (about a second of module loading) while this thread reads the files
        if (workers > 1) pool = new EnginePool(workers - 1, { tasksPerWorker: 2 });
      }
      try {
        // validate everything first so a bad file fails before any output
        const instances = files.map((f) => readCase(f));
        if (pool) return await solveCasesInParallel(pool, files, instances, !!opts.bestDual);
        for (const inst of instances) {
          const { result } = solveInstance(inst, { seedKey: inst.name, bestDual: !!opts.bestDual });
          process.stdout.write(JSON.stringify(result) + '\n');
        }
      } finally {
        await pool?.destroy();
      }
      return;
    }
    const spec = singleSpec(opts);
    const { result } = runSpec(spec, { bestDual: !!opts.bestDual });
    process.stdout.write(JSON.stringify({ ...result, spec }) + '\n');
  });
}
