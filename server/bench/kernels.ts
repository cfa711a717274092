/**
 * Flop rate of each kernel, TypeScript reference vs WebAssembly SIMD, in the same run, at the sizes the
 * solver uses. The wasm kernels run on arena views (the zero-copy path the solver takes).
 * Figures: kernels.<kernel>.<size>.<ts|wasm>.gflops and kernels.<kernel>.<size>.speedup (wasm / ts).
 * Standalone: node --import tsx/esm bench/kernels.ts [--quick]
 */
import { tsKernels, getKernels, wasmSimdAvailable, type Kernels } from '../src/engine/kernels/index.ts';

interface Case {
  kernel: string;
  size: string;
  flops: number;
  /** float arrays (filled with random data) and the call */
  arrays: Record<string, number>;
  ints?: Record<string, Int32Array>;
  /** restore inputs a call destroys (factorizations) before each call; not timed separately, kept cheap */
  prepare?: (b: Record<string, Float64Array>) => void;
  call: (K: Kernels, b: Record<string, Float64Array>, i: Record<string, Int32Array>) => void;
}

function spdInto(S: Float64Array, n: number): void {
  // diagonally dominant: factorization always succeeds
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) S[i * n + j] = i === j ? n : ((i * 7 + j * 13) % 17) / 17 - 0.5;
}

function cases(quick: boolean): Case[] {
  const out: Case[] = [];
  const sizes = quick ? [40, 200] : [40, 100, 200, 400];
  for (const n of sizes) {
    out.push({ kernel: 'gemm_nn', size: `n${n}`, flops: 2 * n * n * n, arrays: { A: n * n, B: n * n, C: n * n }, call: (K, b) => K.gemm(false, false, n, n, n, 1, b.A!, 0, n, b.B!, 0, n, 0, b.C!, 0, n) });
    out.push({ kernel: 'gemm_nt', size: `n${n}`, flops: 2 * n * n * n, arrays: { A: n * n, B: n * n, C: n * n }, call: (K, b) => K.gemm(false, true, n, n, n, 1, b.A!, 0, n, b.B!, 0, n, 0, b.C!, 0, n) });
    out.push({ kernel: 'syrk', size: `n${n}`, flops: n * n * n, arrays: { A: n * n, C: n * n }, call: (K, b) => K.syrk(false, n, n, 1, b.A!, 0, n, 0, b.C!, 0, n) });
    out.push({
      kernel: 'potrf', size: `n${n}`, flops: (n * n * n) / 3, arrays: { S0: n * n, S: n * n },
      prepare: (b) => { if (b.S0![0] !== n) spdInto(b.S0!, n); b.S!.set(b.S0!); },
      call: (K, b) => { if (K.potrf(n, b.S!, 0, n) !== -1) throw new Error('bench potrf: not SPD'); },
    });
    out.push({
      kernel: 'trsm_left', size: `n${n}`, flops: n * n * n, arrays: { L: n * n, B0: n * n, B: n * n, flag: 1 },
      prepare: (b) => {
        if (b.flag![0] !== 1) { spdInto(b.L!, n); tsKernels.potrf(n, b.L!, 0, n); b.flag![0] = 1; }
        b.B!.set(b.B0!);
      },
      call: (K, b) => K.trsmLeft(false, n, n, b.L!, 0, n, b.B!, 0, n),
    });
    out.push({ kernel: 'gemv', size: `n${n}`, flops: 2 * n * n, arrays: { A: n * n, x: n, y: n }, call: (K, b) => K.gemv(false, n, n, 1, b.A!, 0, n, b.x!, 0, 0, b.y!, 0) });
  }
  // the solver's shapes: masked-row SYRK of a block (n rows, about half active, d columns) and the
  // batched Hessian W (2P x n) * rowProducts(X) (n x d(d+1)/2)
  const shapes: [number, number][] = quick ? [[100, 40]] : [[40, 20], [100, 40], [200, 50], [400, 100]];
  for (const [n, d] of shapes) {
    const rows = new Int32Array(Math.ceil(n / 2)).map((_, t) => 2 * t);
    out.push({
      kernel: 'syrk_rows', size: `n${n}d${d}`, flops: rows.length * d * (d + 1), arrays: { X: n * d, w: n, C: d * d }, ints: { rows },
      call: (K, b, i) => K.syrkRows(d, rows.length, i.rows!, 0, b.X!, 0, d, b.w!, 0, 0, b.C!, 0, d),
    });
    const T = (d * (d + 1)) / 2, P2 = 2 * Math.min(4 * n, 400);
    out.push({
      kernel: 'hessians', size: `n${n}d${d}P${P2 / 2}`, flops: 2 * P2 * n * T, arrays: { W: P2 * n, Q: n * T, H: P2 * T },
      call: (K, b) => K.gemm(false, false, P2, T, n, 1, b.W!, 0, n, b.Q!, 0, T, 0, b.H!, 0, T),
    });
  }
  // many small blocks (the per-block Newton solves, d + 1 = 41): one batched call vs one call per block
  const nb = 41, count = 200, blk = nb * nb;
  const prepBlocks = (b: Record<string, Float64Array>) => {
    if (b.flag![0] === 1) return;
    for (let t = 0; t < count; t++) { const S = b.L!.subarray(t * blk, (t + 1) * blk); spdInto(S, nb); tsKernels.potrf(nb, S, 0, nb); }
    b.flag![0] = 1;
  };
  out.push({
    kernel: 'potrs_batch', size: `${count}x${nb}`, flops: count * 2 * nb * nb, arrays: { L: count * blk, x: count * nb, flag: 1 }, prepare: prepBlocks,
    call: (K, b) => K.potrsBatched(count, nb, b.L!, 0, nb, blk, b.x!, 0, nb),
  });
  out.push({
    kernel: 'potrs_loop', size: `${count}x${nb}`, flops: count * 2 * nb * nb, arrays: { L: count * blk, x: count * nb, flag: 1 }, prepare: prepBlocks,
    call: (K, b) => { for (let t = 0; t < count; t++) K.potrs(nb, b.L!, t * blk, nb, b.x!, t * nb); },
  });
  // the interior-point method's cone scaling, all blocks at once (Nesterov-Todd, blocks of d + 1 = 41)
  out.push({
    kernel: 'soc_scale', size: `${count}x${nb}`, flops: count * 5 * nb, arrays: { eta: count, w: count * nb, v: count * nb, o: count * nb },
    prepare: (b) => { if (b.eta![0]! <= 0) for (let t = 0; t < count; t++) b.eta![t] = 1 + t / count; },
    call: (K, b) => K.socScale(false, count, nb, b.eta!, 0, b.w!, 0, b.v!, 0, b.o!, 0),
  });
  return out;
}

function time(K: Kernels, c: Case, b: Record<string, Float64Array>, i: Record<string, Int32Array>, budgetMs: number): number {
  // seconds per call, best of batches (least disturbed by other load on a shared machine)
  c.prepare?.(b);
  c.call(K, b, i); // warm up (JIT, caches)
  let best = Infinity;
  const t0 = performance.now();
  let reps = 1;
  while (performance.now() - t0 < budgetMs) {
    let spent = 0;
    for (let r = 0; r < reps; r++) {
      c.prepare?.(b);
      const s = performance.now();
      c.call(K, b, i);
      spent += performance.now() - s;
    }
    best = Math.min(best, spent / reps / 1000);
    if (spent < 5) reps *= 2;
  }
  return best;
}

function arraysFor(K: Kernels | null, c: Case): { b: Record<string, Float64Array>; i: Record<string, Int32Array>; done: () => void } {
  let bytes = 4096;
  for (const len of Object.values(c.arrays)) bytes += len * 8 + 16;
  for (const v of Object.values(c.ints ?? {})) bytes += v.length * 4 + 16;
  const arena = K ? K.createArena(bytes) : null;
  const b: Record<string, Float64Array> = {};
  const i: Record<string, Int32Array> = {};
  let s = 1;
  for (const [k, len] of Object.entries(c.arrays)) {
    b[k] = arena ? arena.f64(len) : new Float64Array(len);
    for (let t = 0; t < len; t++) { s = (s * 16807) % 2147483647; b[k]![t] = s / 2147483647 - 0.5; }
  }
  for (const [k, v] of Object.entries(c.ints ?? {})) {
    i[k] = arena ? arena.i32(v.length) : new Int32Array(v.length);
    i[k]!.set(v);
  }
  return { b, i, done: () => arena?.dispose() };
}

export async function benchKernels(opts: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const quick = opts.quick ?? false;
  const budget = quick ? 60 : 400;
  const figures: Record<string, number> = {};
  const wasm = wasmSimdAvailable() ? getKernels('wasm') : null;
  if (!wasm) process.stderr.write('bench kernels: WebAssembly SIMD unavailable, ts only\n');
  process.stderr.write(`${'kernel'.padEnd(10)} ${'size'.padEnd(14)} ${'ts GFLOP/s'.padStart(11)} ${'wasm GFLOP/s'.padStart(13)} ${'speedup'.padStart(8)}\n`);
  for (const c of cases(quick)) {
    const tsArr = arraysFor(null, c);
    const tTs = time(tsKernels, c, tsArr.b, tsArr.i, budget);
    tsArr.done();
    const key = `kernels.${c.kernel}.${c.size}`;
    figures[`${key}.ts.gflops`] = c.flops / tTs / 1e9;
    let line = `${c.kernel.padEnd(10)} ${c.size.padEnd(14)} ${(c.flops / tTs / 1e9).toFixed(2).padStart(11)}`;
    if (wasm) {
      const wArr = arraysFor(wasm, c);
      const tW = time(wasm, c, wArr.b, wArr.i, budget);
      wArr.done();
      figures[`${key}.wasm.gflops`] = c.flops / tW / 1e9;
      figures[`${key}.speedup`] = tTs / tW;
      line += ` ${(c.flops / tW / 1e9).toFixed(2).padStart(13)} ${(tTs / tW).toFixed(1).padStart(7)}x`;
    }
    process.stderr.write(line + '\n');
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchKernels({ quick: process.argv.includes('--quick') });
  process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
}
