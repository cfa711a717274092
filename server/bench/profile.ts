/**
 * Where a solve's time goes, kernel by kernel: wraps every method of the process's kernels with a timer
 * (outermost call only; GEMMs also by shape), then solves plain/exact instances and prints each kernel's
 * share of the wall time. Not part of `pnpm bench`; for profiling by hand:
 *
 *   node --import tsx/esm bench/profile.ts [n,d,seeds] ['<json solveInstance options>']
 *   node --import tsx/esm bench/profile.ts 100,40,8 '{"relaxedFirst":false}'
 */
import { instanceSpecSchema } from '../../shared/src/index.ts';
import { generateInstance } from '../src/engine/data.ts';
import { solveInstance } from '../src/engine/solve.ts';
import { kernels } from '../src/engine/kernels/index.ts';

const k = kernels() as unknown as Record<string, unknown>;
const times = new Map<string, number>(), calls = new Map<string, number>();
const add = (key: string, t: number) => {
  times.set(key, (times.get(key) ?? 0) + t);
  calls.set(key, (calls.get(key) ?? 0) + 1);
};
let depth = 0;
for (const key of new Set([...Object.keys(k), ...Object.getOwnPropertyNames(Object.getPrototypeOf(k))])) {
  const f = k[key];
  if (key === 'constructor' || key === 'createArena' || typeof f !== 'function') continue;
  k[key] = function (this: unknown, ...a: unknown[]) {
    if (depth > 0) return (f as (...x: unknown[]) => unknown).apply(this, a);
    depth++;
    const t0 = performance.now();
    try {
      return (f as (...x: unknown[]) => unknown).apply(this, a);
    } finally {
      depth--;
      const t = performance.now() - t0;
      add(key, t);
      if (key === 'gemm') add(`  gemm ${a[0] ? 'T' : 'N'}${a[1] ? 'T' : 'N'} ${String(a[2])}x${String(a[3])}x${String(a[4])}`, t);
    }
  };
}
const [n, d, seeds] = (process.argv[2] ?? '100,40,8').split(',').map(Number) as [number, number, number];
const opts = JSON.parse(process.argv[3] ?? '{}') as Record<string, unknown>;
const spec = { architecture: 'plain', program: 'exact', planted: { kind: 'relu' } };
for (let seed = 0; seed < 3; seed++) {
  const inst = generateInstance(instanceSpecSchema.parse({ ...spec, n: 24, d: 10, seed: 1000 + seed }));
  solveInstance(inst, { seedKey: inst.name });
}
times.clear();
calls.clear();
let total = 0, its = 0;
for (let seed = 0; seed < seeds; seed++) {
  const inst = generateInstance(instanceSpecSchema.parse({ ...spec, n, d, seed }));
  const t0 = performance.now();
  const { result } = solveInstance(inst, { ...opts, seedKey: inst.name });
  total += performance.now() - t0;
  its += result.iterations;
}
let inKernels = 0;
for (const [key, t] of [...times].sort((a, b) => b[1] - a[1])) {
  if (!key.startsWith(' ')) inKernels += t;
  if (t >= 0.002 * total) console.log(`${key.padEnd(26)} ${t.toFixed(0).padStart(6)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  calls ${calls.get(key)}`);
}
console.log(`plain/exact (${n}, ${d}), ${seeds} seeds: ${total.toFixed(0)} ms, ${((100 * inKernels) / total).toFixed(0)}% in kernels, ${(its / seeds).toFixed(1)} iterations a solve (the final solve's)`);
