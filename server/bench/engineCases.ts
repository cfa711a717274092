/**
 * Child process of bench/engine.ts: solves the cells it is given with the engine found at a repository
 * root (this checkout, or a baseline worktree of an older commit), with the kernels chosen by
 * RLAB_KERNELS in its environment, and prints one JSON line of per-cell figures. A process of its own
 * per engine, so that CPU time (process.cpuUsage) is that engine's alone on a shared, loaded machine.
 *
 *   node --import tsx/esm bench/engineCases.ts '<json: { root, cells: [{ key, spec, trials, budgetS }] }>'
 */
interface CellIn {
  key: string;
  spec: Record<string, unknown>;
  trials: number;
  /** stop after this much CPU time (at least one trial runs) */
  budgetS: number;
  /** solveInstance options beside seedKey (for example a reference path: { conePricing: 'reference' }) */
  options?: Record<string, unknown>;
}
export interface CellOut {
  key: string;
  solves: number;
  cpuS: number;
  /** CPU seconds of each solve, in seed order */
  cpuEach: number[];
  wallS: number;
  iterations: number;
  recovered: (boolean | null)[];
  objectives: number[];
}

const arg = JSON.parse(process.argv[2] ?? '{}') as { root: string; cells: CellIn[] };
const root = arg.root.replace(/\/$/, '');
const shared = (await import(`${root}/shared/src/index.ts`)) as { instanceSpecSchema: { parse: (v: unknown) => unknown } };
const data = (await import(`${root}/server/src/engine/data.ts`)) as { generateInstance: (spec: unknown) => { name: string } };
const solve = (await import(`${root}/server/src/engine/solve.ts`)) as {
  solveInstance: (inst: unknown, opts: Record<string, unknown>) => { result: { recovered: boolean | null; objective: number; iterations: number } };
};

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
// warm up the JIT (and the wasm module) on a small case of each program kind
for (const spec of [{ architecture: 'plain', program: 'exact', planted: { kind: 'relu' } }, { architecture: 'skip', program: 'relaxed', planted: { kind: 'linear' } }])
  for (let seed = 0; seed < 2; seed++) {
    const inst = data.generateInstance(shared.instanceSpecSchema.parse({ ...spec, n: 24, d: 10, seed: 1000 + seed }));
    solve.solveInstance(inst, { seedKey: inst.name });
  }

const out: CellOut[] = [];
for (const cell of arg.cells) {
  const c: CellOut = { key: cell.key, solves: 0, cpuS: 0, cpuEach: [], wallS: 0, iterations: 0, recovered: [], objectives: [] };
  // seeds 0 .. trials-1, or from the spec's own seed on
  const seed0 = typeof cell.spec.seed === 'number' ? cell.spec.seed : 0;
  for (let seed = seed0; seed < seed0 + cell.trials; seed++) {
    const inst = data.generateInstance(shared.instanceSpecSchema.parse({ ...cell.spec, seed }));
    const u0 = process.cpuUsage();
    const t0 = performance.now();
    const { result } = solve.solveInstance(inst, { ...cell.options, seedKey: inst.name });
    c.wallS += (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(process.cpuUsage(u0));
    c.cpuS += cpu;
    c.cpuEach.push(cpu);
    c.solves++;
    c.iterations += result.iterations;
    c.recovered.push(result.recovered);
    c.objectives.push(result.objective);
    if (c.cpuS > cell.budgetS) break;
  }
  out.push(c);
}
process.stdout.write(JSON.stringify(out) + '\n');
