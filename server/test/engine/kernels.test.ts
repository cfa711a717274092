/**
 * Every kernel of src/engine/kernels: the TypeScript reference (ts) and the WebAssembly SIMD kernels (wasm),
 * each against a naive definition written out here, on random data and edge sizes (1, odd, sizes that are
 * not multiples of the 4x4 / 4x2 register tiles or the 32-wide Cholesky block, empty row subsets), with
 * offsets and leading dimensions larger than the column count. wasm runs twice: on plain Float64Arrays
 * (the copying path) and on arena views (the zero-copy path).
 *
 * Tolerances. The implementations sum in different orders (SIMD lanes, 4-row tiles, blocked Cholesky), so
 * they agree only up to rounding. For a sum of k products the rounding error of any order is at most
 * gamma_k * sum|terms| with gamma_k = k u / (1 - k u), u = 2^-53 (Higham, Accuracy and Stability, 3.1).
 * Entries of products are therefore compared with |got - naive| <= 2 (k + 2) u (|A||B|)_ij (+ the beta term):
 * a rigorous bound, tight enough that a wrong index or a missed term fails it. Factorizations and solves are
 * checked on well-conditioned matrices (diagonally dominant SPD, condition number < 10) where forward
 * errors are a small multiple of n u; we allow 64 n u relative to the largest entry.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsKernels, getKernels, wasmSimdAvailable, kernels, parseKernelsName, KernelError, type Kernels } from '../../src/engine/kernels/index.ts';
import { WASM_URL } from '../../src/engine/kernels/wasm.ts';
import { socMaxStep } from '../../src/engine/soc.ts';
import { solveLinear } from '../../src/engine/linalg.ts';

const U = 2 ** -53;
const haveWasm = wasmSimdAvailable();
if (!haveWasm) console.warn('kernels.test: WebAssembly SIMD is not available here: only the ts kernels are tested');

interface Impl { label: string; K: Kernels; arena: boolean }
const impls: Impl[] = [{ label: 'ts', K: tsKernels, arena: false }];
if (haveWasm) {
  impls.push({ label: 'wasm(copy)', K: getKernels('wasm'), arena: false });
  impls.push({ label: 'wasm(arena)', K: getKernels('wasm'), arena: true });
}

/** a small seeded generator (mulberry32), so every run sees the same matrices */
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let seed = 12345;
function rand(len: number, scale = 1): Float64Array {
  const r = mulberry32(seed++);
  return Float64Array.from({ length: len }, () => (r() * 2 - 1) * scale);
}

/**
 * Run `f` on copies of the float arrays (and int arrays): plain copies, or copies into an arena of K.
 * Returns the float arrays after the call (as plain copies) and f's return value.
 */
function run<R>(impl: Impl, bufs: Record<string, Float64Array>, ints: Record<string, Int32Array>, f: (K: Kernels, b: Record<string, Float64Array>, i: Record<string, Int32Array>) => R): { out: Record<string, Float64Array>; ret: R } {
  const K = impl.K;
  const b: Record<string, Float64Array> = {};
  const i: Record<string, Int32Array> = {};
  let dispose = () => {};
  if (impl.arena) {
    let bytes = 1024;
    for (const v of Object.values(bufs)) bytes += v.length * 8 + 16;
    for (const v of Object.values(ints)) bytes += v.length * 4 + 16;
    const arena = K.createArena(bytes);
    for (const [k, v] of Object.entries(bufs)) { b[k] = arena.f64(v.length); b[k].set(v); }
    for (const [k, v] of Object.entries(ints)) { i[k] = arena.i32(v.length); i[k].set(v); }
    dispose = () => arena.dispose();
  } else {
    for (const [k, v] of Object.entries(bufs)) b[k] = v.slice();
    for (const [k, v] of Object.entries(ints)) i[k] = v.slice();
  }
  const ret = f(K, b, i);
  const out: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(b)) out[k] = v.slice();
  dispose();
  return { out, ret };
}

/** assert |got - want| <= tol entrywise (tol an array or a number); reports the worst entry */
function expectClose(got: Float64Array, want: Float64Array, tol: Float64Array | number, what: string): void {
  expect(got.length).toBe(want.length);
  let worst = -1, worstRatio = 0;
  for (let i = 0; i < got.length; i++) {
    const t = typeof tol === 'number' ? tol : tol[i]!;
    const e = Math.abs(got[i]! - want[i]!);
    if (!(e <= t)) { // also catches NaN
      const ratio = Number.isNaN(e) ? Infinity : e / Math.max(t, 1e-300);
      if (ratio > worstRatio) { worstRatio = ratio; worst = i; }
    }
  }
  if (worst >= 0) expect.fail(`${what}: entry ${worst}: got ${got[worst]}, want ${want[worst]} (tolerance ${typeof tol === 'number' ? tol : tol[worst]})`);
}

const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 33, 40, 65];
const pick = (r: () => number) => SIZES[Math.floor(r() * SIZES.length)]!;

describe('kernel selection', () => {
  it('RLAB_KERNELS parsing names the value and what is allowed', () => {
    expect(parseKernelsName(undefined)).toBeUndefined();
    expect(parseKernelsName('ts')).toBe('ts');
    expect(parseKernelsName('wasm')).toBe('wasm');
    expect(() => parseKernelsName('gpu')).toThrow(/RLAB_KERNELS = 'gpu': expected one of ts, wasm/);
  });
  it('the default follows RLAB_KERNELS, else wasm where available', () => {
    const want = process.env.RLAB_KERNELS || (haveWasm ? 'wasm' : 'ts');
    expect(kernels().name).toBe(want);
  });
});

describe.each(impls)('kernels: $label', (impl) => {
  it('gemm, all four transposes, random and edge sizes, offsets and ld > cols', () => {
    const r = mulberry32(1);
    const cases: [number, number, number][] = [[1, 1, 1], [0, 3, 2], [3, 0, 2], [3, 2, 0], [4, 4, 4], [5, 7, 9], [33, 31, 40], [65, 9, 16], [8, 65, 3]];
    for (let t = 0; t < 12; t++) cases.push([pick(r), pick(r), pick(r)]);
    for (const [m, n, k] of cases) {
      for (const tA of [false, true]) for (const tB of [false, true]) {
        const ar = tA ? k : m, ac = tA ? m : k, br = tB ? n : k, bc = tB ? k : n;
        const lda = ac + 3, ldb = bc + 1, ldc = n + 2, aOff = 5, bOff = 2, cOff = 7;
        const A = rand(aOff + Math.max(0, ar - 1) * lda + ac + 4);
        const B = rand(bOff + Math.max(0, br - 1) * ldb + bc + 4);
        const C = rand(cOff + Math.max(0, m - 1) * ldc + n + 4);
        for (const [alpha, beta] of [[1.5, 0.5], [1, 0], [-1, 1]] as const) {
          const want = C.slice(), tol = new Float64Array(C.length);
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
            let s = 0, sa = 0;
            for (let p = 0; p < k; p++) {
              const a = tA ? A[aOff + p * lda + i]! : A[aOff + i * lda + p]!;
              const b = tB ? B[bOff + j * ldb + p]! : B[bOff + p * ldb + j]!;
              s += a * b; sa += Math.abs(a * b);
            }
            const c = cOff + i * ldc + j;
            want[c] = alpha * s + (beta === 0 ? 0 : beta * C[c]!);
            tol[c] = 2 * (k + 2) * U * (Math.abs(alpha) * sa + Math.abs(beta * C[c]!));
          }
          const { out } = run(impl, { A, B, C }, {}, (K, b) => K.gemm(tA, tB, m, n, k, alpha, b.A!, aOff, lda, b.B!, bOff, ldb, beta, b.C!, cOff, ldc));
          expectClose(out.C!, want, tol, `gemm ${tA ? 'T' : 'N'}${tB ? 'T' : 'N'} ${m}x${n}x${k} alpha ${alpha} beta ${beta}`);
          expect(out.A).toEqual(A);
          expect(out.B).toEqual(B);
        }
      }
    }
  });

  it('gemm with beta = 0 overwrites NaN in C', () => {
    const C = new Float64Array(6).fill(NaN);
    const { out } = run(impl, { A: Float64Array.from([1, 2, 3, 4]), B: Float64Array.from([1, 0, 1, 0, 1, 1]), C }, {}, (K, b) => K.gemm(false, false, 2, 3, 2, 1, b.A!, 0, 2, b.B!, 0, 3, 0, b.C!, 0, 3));
    expect(Array.from(out.C!)).toEqual([1, 2, 3, 3, 4, 7]);
  });

  it('syrkRows over masked rows (with and without weights, empty subsets), lower triangle only', () => {
    const r = mulberry32(2);
    const nA = 70;
    for (const k of [1, 2, 3, 5, 8, 9, 33, 40]) {
      for (const subset of ['empty', 'one', 'some', 'all', 'null'] as const) {
        const lda = k + 2, aOff = 3, ldc = k + 1, cOff = 4;
        const A = rand(aOff + (nA - 1) * lda + k + 1);
        const w = rand(nA + 2);
        const C = rand(cOff + (k - 1) * ldc + k + 1);
        let rowList: number[] = [];
        if (subset === 'one') rowList = [Math.floor(r() * nA)];
        if (subset === 'some') for (let t = 0; t < nA; t++) if (r() < 0.4) rowList.push(t);
        if (subset === 'all' || subset === 'null') rowList = Array.from({ length: nA }, (_, t) => t);
        const rows = Int32Array.from([9, 9, ...rowList]);
        for (const useW of [true, false]) for (const beta of [0, 1, 0.25]) {
          const want = C.slice(), tol = new Float64Array(C.length);
          for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) {
            let s = 0, sa = 0;
            for (const rr of rowList) {
              const v = (useW ? w[1 + rr]! : 1) * A[aOff + rr * lda + a]! * A[aOff + rr * lda + b]!;
              s += v; sa += Math.abs(v);
            }
            const c = cOff + a * ldc + b;
            want[c] = s + (beta === 0 ? 0 : beta * C[c]!);
            tol[c] = 2 * (rowList.length + 3) * U * (sa + Math.abs(beta * C[c]!));
          }
          const { out } = run(impl, { A, w, C }, { rows }, (K, b, i) =>
            K.syrkRows(k, rowList.length, subset === 'null' ? null : i.rows!, 2, b.A!, aOff, lda, useW ? b.w! : null, 1, beta, b.C!, cOff, ldc));
          expectClose(out.C!, want, tol, `syrkRows k=${k} ${subset} w=${useW} beta=${beta}`);
        }
      }
    }
  });

  it('syrk (A A^T and A^T A), lower triangle only', () => {
    for (const [n, k] of [[1, 1], [3, 0], [0, 4], [5, 3], [9, 17], [33, 7], [40, 40], [65, 5]] as const) {
      for (const trans of [false, true]) {
        const lda = (trans ? n : k) + 1, ldc = n + 3, aOff = 2, cOff = 1;
        const A = rand(aOff + Math.max(0, (trans ? k : n) - 1) * lda + (trans ? n : k) + 1);
        const C = rand(cOff + Math.max(0, n - 1) * ldc + n + 1);
        const alpha = 0.75, beta = -0.5;
        const want = C.slice(), tol = new Float64Array(C.length);
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
          let s = 0, sa = 0;
          for (let p = 0; p < k; p++) {
            const v = trans ? A[aOff + p * lda + i]! * A[aOff + p * lda + j]! : A[aOff + i * lda + p]! * A[aOff + j * lda + p]!;
            s += v; sa += Math.abs(v);
          }
          const c = cOff + i * ldc + j;
          want[c] = alpha * s + beta * C[c]!;
          tol[c] = 2 * (k + 2) * U * (alpha * sa + Math.abs(beta * C[c]!));
        }
        const { out } = run(impl, { A, C }, {}, (K, b) => K.syrk(trans, n, k, alpha, b.A!, aOff, lda, beta, b.C!, cOff, ldc));
        expectClose(out.C!, want, tol, `syrk trans=${trans} n=${n} k=${k}`);
      }
    }
  });

  /** a diagonally dominant SPD matrix n x n at (off, ld), upper triangle filled with a marker */
  function spd(n: number, off: number, ld: number): Float64Array {
    const G = rand(n * n);
    const S = new Float64Array(off + Math.max(0, n - 1) * ld + n + 2).fill(-7);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += G[i * n + p]! * G[j * n + p]!;
      S[off + i * ld + j] = s / n + (i === j ? 2 : 0);
    }
    return S;
  }

  it('potrf: L L^T reproduces the matrix, agrees with the reference factor, never touches the upper triangle', () => {
    for (const n of [0, 1, 2, 3, 5, 8, 31, 32, 33, 41, 62, 64, 65, 100]) {
      const off = 3, ld = n + 2;
      const S = spd(n, off, ld);
      const ref = S.slice();
      expect(tsKernels.potrf(n, ref, off, ld)).toBe(-1);
      const { out, ret } = run(impl, { S }, {}, (K, b) => K.potrf(n, b.S!, off, ld));
      expect(ret).toBe(-1);
      const L = out.S!;
      let maxS = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) maxS = Math.max(maxS, Math.abs(S[off + i * ld + j]!));
      const tol = 64 * Math.max(n, 1) * U * Math.max(maxS, 1);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let p = 0; p <= j; p++) s += L[off + i * ld + p]! * L[off + j * ld + p]!;
        expect(Math.abs(s - S[off + i * ld + j]!)).toBeLessThanOrEqual(tol);
        expect(Math.abs(L[off + i * ld + j]! - ref[off + i * ld + j]!)).toBeLessThanOrEqual(tol);
      }
      // strict upper triangle and the padding are untouched
      for (let i = 0; i < S.length; i++) {
        const row = Math.floor((i - off) / ld), col = (i - off) % ld;
        const inLower = i >= off && row < n && col <= row;
        if (!inLower) expect(L[i]).toBe(S[i]);
      }
    }
  });

  it('potrf reports the first non-positive pivot, the same one as the reference', () => {
    for (const [n, bad] of [[1, 0], [4, 2], [40, 37], [70, 33], [70, 5]] as const) {
      const ld = n;
      const S = spd(n, 0, ld);
      // make the leading (bad+1) x (bad+1) block indefinite: pivot `bad` becomes negative
      S[bad * ld + bad] = -1 - S[bad * ld + bad]!;
      const ref = tsKernels.potrf(n, S.slice(), 0, ld);
      expect(ref).toBe(bad);
      const { ret } = run(impl, { S }, {}, (K, b) => K.potrf(n, b.S!, 0, ld));
      expect(ret).toBe(bad);
    }
    // NaN on the diagonal fails too
    const { ret } = run(impl, { S: Float64Array.from([4, 0, 0, NaN]) }, {}, (K, b) => K.potrf(2, b.S!, 0, 2));
    expect(ret).toBe(1);
  });

  it('trsv, potrs, trsmLeft, trsmRight: op(L) X = B solved (residual) and equal to the reference', () => {
    for (const n of [1, 2, 3, 5, 9, 33, 70]) {
      const off = 1, ld = n + 1;
      const L = spd(n, off, ld);
      expect(tsKernels.potrf(n, L, off, ld)).toBe(-1);
      const Lij = (i: number, j: number) => (j <= i ? L[off + i * ld + j]! : 0);
      const tol = (scale: number) => 64 * n * U * scale;
      for (const trans of [false, true]) {
        const op = (i: number, j: number) => (trans ? Lij(j, i) : Lij(i, j));
        // trsv
        const b = rand(n + 3);
        const { out } = run(impl, { L, b }, {}, (K, bb) => K.trsv(trans, n, bb.L!, off, ld, bb.b!, 2));
        const x = out.b!;
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += op(i, j) * x[2 + j]!;
          expect(Math.abs(s - b[2 + i]!)).toBeLessThanOrEqual(tol(1 + Math.abs(b[2 + i]!)));
        }
        expect(x[0]).toBe(b[0]); expect(x[1]).toBe(b[1]);
        // trsmLeft: B n x m
        for (const m of [1, 3, 8]) {
          const ldb = m + 2;
          const B = rand(Math.max(0, n - 1) * ldb + m + 1);
          const { out: o2 } = run(impl, { L, B }, {}, (K, bb) => K.trsmLeft(trans, n, m, bb.L!, off, ld, bb.B!, 0, ldb));
          for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += op(i, j) * o2.B![j * ldb + c]!;
            expect(Math.abs(s - B[i * ldb + c]!)).toBeLessThanOrEqual(tol(1 + Math.abs(B[i * ldb + c]!)));
          }
          // trsmRight: B m x n, X op(L) = B
          const ldr = n + 1;
          const R = rand(Math.max(0, m - 1) * ldr + n + 1);
          const { out: o3 } = run(impl, { L, R }, {}, (K, bb) => K.trsmRight(trans, m, n, bb.L!, off, ld, bb.R!, 0, ldr));
          for (let rr = 0; rr < m; rr++) for (let j = 0; j < n; j++) {
            let s = 0;
            for (let i = 0; i < n; i++) s += o3.R![rr * ldr + i]! * op(i, j);
            expect(Math.abs(s - R[rr * ldr + j]!)).toBeLessThanOrEqual(tol(1 + Math.abs(R[rr * ldr + j]!)));
          }
        }
      }
      // potrs: L L^T x = b
      const b = rand(n);
      const { out } = run(impl, { L, b }, {}, (K, bb) => K.potrs(n, bb.L!, off, ld, bb.b!, 0));
      const ref = b.slice();
      tsKernels.potrs(n, L, off, ld, ref, 0);
      expectClose(out.b!, ref, tol(10 * (1 + Math.max(...Array.from(ref, Math.abs)))), `potrs n=${n}`);
    }
  });

  it('gemv and symv (lower triangle only)', () => {
    for (const [m, n] of [[1, 1], [0, 3], [3, 0], [4, 5], [7, 2], [33, 40], [65, 9]] as const) {
      const lda = n + 2, aOff = 1;
      const A = rand(aOff + Math.max(0, m - 1) * lda + n + 1);
      for (const trans of [false, true]) {
        const lx = trans ? m : n, ly = trans ? n : m;
        const x = rand(lx + 1), y = rand(ly + 2);
        for (const [alpha, beta] of [[1, 0], [-0.5, 2]] as const) {
          const want = y.slice(), tol = new Float64Array(y.length);
          for (let i = 0; i < ly; i++) {
            let s = 0, sa = 0;
            for (let j = 0; j < lx; j++) {
              const v = (trans ? A[aOff + j * lda + i]! : A[aOff + i * lda + j]!) * x[1 + j]!;
              s += v; sa += Math.abs(v);
            }
            want[2 + i] = alpha * s + (beta === 0 ? 0 : beta * y[2 + i]!);
            tol[2 + i] = 2 * (lx + 2) * U * (Math.abs(alpha) * sa + Math.abs(beta * y[2 + i]!));
          }
          const { out } = run(impl, { A, x, y }, {}, (K, b) => K.gemv(trans, m, n, alpha, b.A!, aOff, lda, b.x!, 1, beta, b.y!, 2));
          expectClose(out.y!, want, tol, `gemv trans=${trans} ${m}x${n}`);
        }
      }
    }
    for (const n of [0, 1, 2, 3, 8, 33, 40]) {
      const lds = n + 1;
      const S = rand(Math.max(0, n - 1) * lds + n + 1);
      const x = rand(n), y = rand(n);
      const want = y.slice(), tol = new Float64Array(n);
      const sij = (i: number, j: number) => (j <= i ? S[i * lds + j]! : S[j * lds + i]!);
      for (let i = 0; i < n; i++) {
        let s = 0, sa = 0;
        for (let j = 0; j < n; j++) { s += sij(i, j) * x[j]!; sa += Math.abs(sij(i, j) * x[j]!); }
        want[i] = 1.25 * s + 0.5 * y[i]!;
        tol[i] = 2 * (n + 2) * U * (1.25 * sa + Math.abs(0.5 * y[i]!));
      }
      const { out } = run(impl, { S, x, y }, {}, (K, b) => K.symv(n, 1.25, b.S!, 0, lds, b.x!, 0, 0.5, b.y!, 0));
      expectClose(out.y!, want, tol, `symv n=${n}`);
    }
  });

  it('hadamard (also in place), rowProducts + gemm = every block Hessian, unpackLower, gatherRows, dot, axpy', () => {
    for (const [m, n] of [[1, 1], [3, 5], [8, 7], [33, 2]] as const) {
      const A = rand(m * (n + 1)), B = rand(m * (n + 2));
      const want = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) want[i * n + j] = A[i * (n + 1) + j]! * B[i * (n + 2) + j]!;
      const { out } = run(impl, { A, B, C: new Float64Array(m * n) }, {}, (K, b) => K.hadamard(m, n, b.A!, 0, n + 1, b.B!, 0, n + 2, b.C!, 0, n));
      expect(out.C).toEqual(want); // one rounded product per entry: exact agreement
      const { out: o2 } = run(impl, { A, B }, {}, (K, b) => K.hadamard(m, n, b.A!, 0, n + 1, b.B!, 0, n + 2, b.A!, 0, n + 1));
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(o2.A![i * (n + 1) + j]).toBe(want[i * n + j]);
    }
    // all block Hessians at once: W (P x nX) times the row products of X (nX x d(d+1)/2)
    for (const [nX, d, P] of [[1, 1, 1], [7, 3, 5], [40, 9, 6], [33, 20, 3]] as const) {
      const T = (d * (d + 1)) / 2;
      const X = rand(nX * d), W = rand(P * nX);
      const { out } = run(impl, { X, W, Q: new Float64Array(nX * (T + 1)), H: new Float64Array(P * T), F: new Float64Array(d * d) }, {}, (K, b) => {
        K.rowProducts(nX, d, b.X!, 0, d, b.Q!, 0, T + 1);
        K.gemm(false, false, P, T, nX, 1, b.W!, 0, nX, b.Q!, 0, T + 1, 0, b.H!, 0, T);
        K.unpackLower(d, b.H!, (P - 1) * T, b.F!, 0, d);
      });
      for (let i = 0; i < nX; i++) for (let a = 0; a < d; a++) for (let c = 0; c <= a; c++) expect(out.Q![i * (T + 1) + (a * (a + 1)) / 2 + c]).toBe(X[i * d + a]! * X[i * d + c]!);
      // F = X^T diag(W[P-1, :]) X, full symmetric
      for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) {
        let s = 0, sa = 0;
        for (let i = 0; i < nX; i++) { const v = W[(P - 1) * nX + i]! * X[i * d + a]! * X[i * d + c]!; s += v; sa += Math.abs(v); }
        expect(Math.abs(out.F![a * d + c]! - s)).toBeLessThanOrEqual(2 * (nX + 3) * U * sa);
      }
    }
    // gatherRows
    {
      const k = 5, nA = 9, A = rand(nA * (k + 1)), w = rand(nA);
      const rows = Int32Array.from([0, 8, 3, 3]);
      for (const useW of [false, true]) {
        const { out } = run(impl, { A, w, O: new Float64Array(4 * k) }, { rows }, (K, b, i) => K.gatherRows(k, 4, i.rows!, 0, b.A!, 0, k + 1, useW ? b.w! : null, 0, b.O!, 0, k));
        for (let t = 0; t < 4; t++) for (let j = 0; j < k; j++) expect(out.O![t * k + j]).toBe((useW ? w[rows[t]!]! : 1) * A[rows[t]! * (k + 1) + j]!);
      }
      const { out } = run(impl, { A, O: Float64Array.from([5]) }, { rows: new Int32Array(0) }, (K, b, i) => K.gatherRows(k, 0, i.rows!, 0, b.A!, 0, k + 1, null, 0, b.O!, 0, k));
      expect(out.O![0]).toBe(5);
    }
    // dot, axpy
    for (const n of [0, 1, 2, 3, 5, 8, 101]) {
      const x = rand(n + 1), y = rand(n + 2);
      let s = 0, sa = 0;
      for (let i = 0; i < n; i++) { s += x[1 + i]! * y[2 + i]!; sa += Math.abs(x[1 + i]! * y[2 + i]!); }
      const { ret } = run(impl, { x, y }, {}, (K, b) => K.dot(n, b.x!, 1, b.y!, 2));
      expect(Math.abs(ret - s)).toBeLessThanOrEqual(2 * (n + 1) * U * sa);
      const { out } = run(impl, { x, y }, {}, (K, b) => K.axpy(n, -2, b.x!, 1, b.y!, 2));
      for (let i = 0; i < n; i++) expect(out.y![2 + i]).toBe(y[2 + i]! + -2 * x[1 + i]!);
    }
  });

  it('batched potrf, potrs and trsmLeft over equal-size blocks = the single-block kernels, block by block', () => {
    for (const [count, n] of [[0, 3], [1, 1], [3, 5], [7, 41], [2, 33]] as const) {
      const ld = n + 1, block = (n - 1) * ld + n, stride = block + 3;
      const A = new Float64Array(2 + Math.max(0, count - 1) * stride + block + 1).fill(-3);
      for (let b = 0; b < count; b++) {
        const S = spd(n, 0, ld);
        A.set(S.subarray(0, block), 2 + b * stride);
      }
      if (count > 2) A[2 + 2 * stride + 1 * ld + 1] = -50; // block 2 is not positive definite: pivot 1 fails
      const info = new Int32Array(count + 1).fill(99);
      const { out, ret } = run(impl, { A }, { info }, (K, bb, ii) => {
        const failed = K.potrfBatched(count, n, bb.A!, 2, ld, stride, ii.info!, 1);
        expect(Array.from(ii.info!.subarray(1))).toEqual(Array.from({ length: count }, (_, b) => (b === 2 && count > 2 ? 1 : -1)));
        expect(ii.info![0]).toBe(99);
        return failed;
      });
      expect(ret).toBe(count > 2 ? 1 : 0);
      // each good block equals the single-block factorization by the same kernels
      for (let b = 0; b < count; b++) {
        if (b === 2 && count > 2) continue;
        const one = A.slice(2 + b * stride, 2 + b * stride + block);
        expect(impl.K.potrf(n, one, 0, ld)).toBe(-1);
        expect(Array.from(out.A!.subarray(2 + b * stride, 2 + b * stride + block))).toEqual(Array.from(one));
      }
      // potrs on every good block, and with one shared factor (stride 0)
      const L = out.A!;
      const xs = rand(Math.max(0, count - 1) * (n + 2) + n);
      for (const lStride of [stride, 0]) {
        const { out: o2 } = run(impl, { L, x: xs }, {}, (K, bb) => {
          if (count > 2 && lStride === stride) {
            // skip the failed block: solve blocks 0..1 only
            K.potrsBatched(2, n, bb.L!, 2, ld, lStride, bb.x!, 0, n + 2);
          } else K.potrsBatched(lStride === 0 ? count : Math.min(count, 2), n, bb.L!, 2, ld, lStride, bb.x!, 0, n + 2);
        });
        const solved = lStride === 0 ? count : Math.min(count, 2);
        for (let b = 0; b < solved; b++) {
          const one = xs.slice(b * (n + 2), b * (n + 2) + n);
          impl.K.potrs(n, L, 2 + b * lStride, ld, one, 0);
          expect(Array.from(o2.x!.subarray(b * (n + 2), b * (n + 2) + n))).toEqual(Array.from(one));
        }
      }
      // trsmLeft on the first two blocks
      const m = 3, ldb = m + 1, bStride = (n - 1) * ldb + m + 2, nb = Math.min(count, 2);
      const B = rand(Math.max(0, nb - 1) * bStride + (n - 1) * ldb + m + 1);
      for (const trans of [false, true]) {
        const { out: o3 } = run(impl, { L, B }, {}, (K, bb) => K.trsmLeftBatched(trans, nb, n, m, bb.L!, 2, ld, stride, bb.B!, 0, ldb, bStride));
        for (let b = 0; b < nb; b++) {
          const one = B.slice(b * bStride, b * bStride + (n - 1) * ldb + m);
          impl.K.trsmLeft(trans, n, m, L, 2 + b * stride, ld, one, 0, ldb);
          expect(Array.from(o3.B!.subarray(b * bStride, b * bStride + (n - 1) * ldb + m))).toEqual(Array.from(one));
        }
      }
    }
    expect(() => impl.K.potrfBatched(2, 2, new Float64Array(8), 0, 2, 3, null, 0)).toThrow(/stride of A = 3: output blocks would overlap/);
    expect(() => impl.K.potrsBatched(3, 2, new Float64Array(4), 0, 2, 0, new Float64Array(5), 0, 2)).toThrow(/potrsBatched: x \(block 2\)/);
  });

  it('socScale: Nesterov-Todd scaling of cone blocks, forward and inverse, also in place', () => {
    for (const [count, len] of [[0, 3], [1, 1], [1, 2], [3, 5], [4, 41], [2, 8]] as const) {
      const N = count * len;
      const w = rand(N + 2), v = rand(N + 3), eta = Float64Array.from(rand(count + 1), (x) => 0.5 + Math.abs(x));
      for (const inverse of [false, true]) {
        const want = new Float64Array(N + 1), tol = new Float64Array(N + 1);
        for (let b = 0; b < count; b++) {
          const e = eta[1 + b]!;
          let s = 0, sa = 0;
          for (let i = 0; i < len; i++) {
            const p = w[2 + b * len + i]! * v[3 + b * len + i]! * (inverse && i > 0 ? -1 : 1);
            s += p; sa += Math.abs(p);
          }
          for (let i = 0; i < len; i++) {
            const wi = w[2 + b * len + i]!, vi = v[3 + b * len + i]!;
            const sign = i === 0 ? -1 : 1;
            // forward: eta (2 s w_i + J v); inverse: (2 s (J w)_i - (J v)_i) / eta
            const val = inverse ? (2 * s * (i === 0 ? wi : -wi) - (i === 0 ? vi : -vi)) / e : e * (2 * s * wi + sign * vi);
            want[1 + b * len + i] = val;
            const scale = inverse ? 1 / e : e;
            tol[1 + b * len + i] = 8 * (len + 4) * U * scale * (2 * sa * Math.abs(wi) + Math.abs(vi));
          }
        }
        const { out } = run(impl, { eta, w, v, o: new Float64Array(N + 1) }, {}, (K, bb) => K.socScale(inverse, count, len, bb.eta!, 1, bb.w!, 2, bb.v!, 3, bb.o!, 1));
        expectClose(out.o!, want, tol, `socScale inverse=${inverse} ${count}x${len}`);
        // in place: out is v
        const { out: o2 } = run(impl, { eta, w, v }, {}, (K, bb) => K.socScale(inverse, count, len, bb.eta!, 1, bb.w!, 2, bb.v!, 3, bb.v!, 3));
        expectClose(o2.v!.subarray(3, 3 + N), want.subarray(1, 1 + N), tol.subarray(1, 1 + N), `socScale in place inverse=${inverse} ${count}x${len}`);
      }
    }
    // inverse undoes forward
    const w0 = Float64Array.from([1.2, 0.3, -0.4, 0.1]), v0 = Float64Array.from([2, 0.5, 0.25, -1]), e0 = Float64Array.from([1.7]);
    // w must be a unit-J-norm cone point for W^{-1} W = I: normalise w_0
    w0[0] = Math.sqrt(1 + 0.3 * 0.3 + 0.4 * 0.4 + 0.1 * 0.1);
    const { out: f } = run(impl, { e0, w0, v0, o: new Float64Array(4) }, {}, (K, bb) => K.socScale(false, 1, 4, bb.e0!, 0, bb.w0!, 0, bb.v0!, 0, bb.o!, 0));
    const { out: g } = run(impl, { e0, w0, f: f.o!, o: new Float64Array(4) }, {}, (K, bb) => K.socScale(true, 1, 4, bb.e0!, 0, bb.w0!, 0, bb.f!, 0, bb.o!, 0));
    expectClose(g.o!, v0, 1e-13, 'socScale inverse(forward(v)) = v');
  });

  /** `count` blocks of length `len`, each strictly inside the second-order cone (x_0 > |x_1|) */
  function coneInterior(count: number, len: number, pad: number): Float64Array {
    const x = rand(pad + count * len);
    for (let b = 0; b < count; b++) {
      let n1 = 0;
      for (let i = 1; i < len; i++) n1 += x[pad + b * len + i]! ** 2;
      x[pad + b * len] = Math.sqrt(n1) + 0.1 + Math.abs(x[pad + b * len]!);
    }
    return x;
  }

  it('socProd and socDiv: the Jordan product, and division undoes it (lam o (lam \\ v) = v), also in place', () => {
    for (const [count, len] of [[0, 3], [1, 1], [1, 2], [3, 5], [4, 41], [2, 8]] as const) {
      const N = count * len;
      const u = rand(N + 1), v = rand(N + 2);
      const want = new Float64Array(N), tol = new Float64Array(N);
      for (let b = 0; b < count; b++) {
        let s = 0, sa = 0;
        for (let i = 0; i < len; i++) { s += u[1 + b * len + i]! * v[2 + b * len + i]!; sa += Math.abs(u[1 + b * len + i]! * v[2 + b * len + i]!); }
        want[b * len] = s; tol[b * len] = 2 * len * U * sa;
        for (let i = 1; i < len; i++) {
          const a = u[1 + b * len]! * v[2 + b * len + i]!, c = v[2 + b * len]! * u[1 + b * len + i]!;
          want[b * len + i] = a + c; tol[b * len + i] = 2 * U * (Math.abs(a) + Math.abs(c));
        }
      }
      const { out } = run(impl, { u, v, o: new Float64Array(N + 3) }, {}, (K, bb) => K.socProd(count, len, bb.u!, 1, bb.v!, 2, bb.o!, 3));
      expectClose(out.o!.subarray(3), want, tol, `socProd ${count}x${len}`);
      const { out: ip } = run(impl, { u, v }, {}, (K, bb) => K.socProd(count, len, bb.u!, 1, bb.v!, 2, bb.v!, 2));
      expectClose(ip.v!.subarray(2), want, tol, `socProd in place ${count}x${len}`);
      // division: lam inside the cone, x = lam \ v, then lam o x = v
      const lam = coneInterior(count, len, 1);
      const { out: dv } = run(impl, { lam, v, o: new Float64Array(N + 1) }, {}, (K, bb) => K.socDiv(count, len, bb.lam!, 1, bb.v!, 2, bb.o!, 1));
      const back = new Float64Array(N);
      tsKernels.socProd(count, len, lam, 1, dv.o!, 1, back, 0);
      expectClose(back, v.subarray(2, 2 + N), 1e-11, `socDiv ${count}x${len}`);
      const { out: dvi } = run(impl, { lam, v }, {}, (K, bb) => K.socDiv(count, len, bb.lam!, 1, bb.v!, 2, bb.v!, 2));
      expectClose(dvi.v!.subarray(2, 2 + N), dv.o!.subarray(1, 1 + N), 1e-12, `socDiv in place ${count}x${len}`);
    }
  });

  it('socMaxStep: the step to the cone boundary of the first block that reaches it; 0 outside the cone, Infinity when never', () => {
    const minEig = (x: Float64Array, off: number, len: number) => {
      let n1 = 0;
      for (let i = 1; i < len; i++) n1 += x[off + i]! ** 2;
      return x[off]! - Math.sqrt(n1);
    };
    for (const [count, len] of [[1, 1], [1, 2], [3, 5], [4, 41], [2, 8], [6, 3]] as const) {
      const N = count * len;
      const v = coneInterior(count, len, 2), dv = rand(N + 1, 3);
      const { ret: a } = run(impl, { v, dv }, {}, (K, bb) => K.socMaxStep(count, len, bb.v!, 2, bb.dv!, 1));
      // every block stays in the cone up to a, and one block is on its boundary at a (unless Infinity)
      let tightest = Infinity;
      for (let b = 0; b < count; b++) {
        const x = new Float64Array(len);
        for (let i = 0; i < len; i++) x[i] = v[2 + b * len + i]! + (Number.isFinite(a) ? a : 0) * dv[1 + b * len + i]!;
        const scale = Math.abs(v[2 + b * len]!) + (Number.isFinite(a) ? a : 0) * Math.abs(dv[1 + b * len]!) + 1;
        expect(minEig(x, 0, len)).toBeGreaterThanOrEqual(-1e-10 * scale);
        tightest = Math.min(tightest, Math.abs(minEig(x, 0, len)) / scale);
      }
      // the root of a near-tangent quadratic is accurate to about sqrt(eps) only
      if (Number.isFinite(a)) expect(tightest).toBeLessThanOrEqual(1e-7);
      // agrees with the one-block definition in soc.ts
      let want = Infinity;
      for (let b = 0; b < count; b++) want = Math.min(want, socMaxStep(v, dv, 2 + b * len, len, 1 + b * len));
      if (Number.isFinite(want)) expect(Math.abs(a - want)).toBeLessThanOrEqual(1e-10 * want);
      else expect(a).toBe(Infinity);
    }
    // a direction into the cone never leaves it; a point outside the cone gives 0
    const v = Float64Array.from([2, 1, 0, 1, 0.5, 0.5]), dv = Float64Array.from([1, 0, 0, 1, 0, 0]);
    expect(run(impl, { v, dv }, {}, (K, bb) => K.socMaxStep(2, 3, bb.v!, 0, bb.dv!, 0)).ret).toBe(Infinity);
    const out = Float64Array.from([2, 1, 0, 0.5, 1, 0]);
    expect(run(impl, { out, dv }, {}, (K, bb) => K.socMaxStep(2, 3, bb.out!, 0, bb.dv!, 0)).ret).toBe(0);
  });

  it('socNT: the Nesterov-Todd scaling W z = W^{-1} s = lambda, w on the unit hyperboloid', () => {
    for (const [count, len] of [[1, 1], [1, 2], [3, 5], [4, 41], [2, 8]] as const) {
      const N = count * len;
      const s = coneInterior(count, len, 1), z = coneInterior(count, len, 2);
      const { out } = run(impl, { s, z, w: new Float64Array(N + 1), eta: new Float64Array(count + 2), lam: new Float64Array(N) }, {}, (K, bb) =>
        K.socNT(count, len, bb.s!, 1, bb.z!, 2, bb.w!, 1, bb.eta!, 2, bb.lam!, 0));
      const w = out.w!, eta = out.eta!, lam = out.lam!;
      // W z (forward) and W^{-1} s (inverse), by the reference socScale
      const wz = new Float64Array(N), wis = new Float64Array(N);
      tsKernels.socScale(false, count, len, eta, 2, w, 1, z, 2, wz, 0);
      tsKernels.socScale(true, count, len, eta, 2, w, 1, s, 1, wis, 0);
      expectClose(lam, wz, 1e-11, `socNT lambda = W z ${count}x${len}`);
      expectClose(wis, wz, 1e-10, `socNT W^{-1} s = W z ${count}x${len}`);
      for (let b = 0; b < count; b++) {
        let j = w[1 + b * len]! ** 2;
        for (let i = 1; i < len; i++) j -= w[1 + b * len + i]! ** 2;
        expect(Math.abs(j - 1)).toBeLessThanOrEqual(1e-12);
        expect(eta[2 + b]!).toBeGreaterThan(0);
      }
      // ts and this implementation agree to rounding
      const { out: ref } = run({ label: 'ts', K: tsKernels, arena: false }, { s, z, w: new Float64Array(N + 1), eta: new Float64Array(count + 2), lam: new Float64Array(N) }, {}, (K, bb) =>
        K.socNT(count, len, bb.s!, 1, bb.z!, 2, bb.w!, 1, bb.eta!, 2, bb.lam!, 0));
      expectClose(lam, ref.lam!, 1e-12, 'socNT ts vs this');
    }
  });

  it('elementwise passes (colSumProd, scaleCols, vdiv, linMaxStep, linNT, lincomb) equal their definitions bit for bit, also in place', () => {
    for (const [m, n] of [[0, 3], [1, 1], [3, 5], [4, 41], [7, 8]] as const) {
      const A = rand(m * n + 2), B = rand(m * n + 1), v = rand(n + 3), out0 = rand(n + 1);
      for (const beta of [0, 1, -0.5]) {
        const want = new Float64Array(n);
        for (let j = 0; j < n; j++) want[j] = beta === 0 ? 0 : beta === 1 ? out0[1 + j]! : beta * out0[1 + j]!;
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) want[j]! += A[2 + i * n + j]! * B[1 + i * n + j]!;
        const { out } = run(impl, { A, B, o: out0 }, {}, (K, bb) => K.colSumProd(m, n, bb.A!, 2, bb.B!, 1, beta, bb.o!, 1));
        expect(Array.from(out.o!.subarray(1))).toEqual(Array.from(want));
      }
      const sc = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sc[i * n + j] = A[2 + i * n + j]! * v[3 + j]!;
      const { out: o1 } = run(impl, { A, v, o: new Float64Array(m * n) }, {}, (K, bb) => K.scaleCols(m, n, bb.A!, 2, bb.v!, 3, bb.o!, 0));
      expect(Array.from(o1.o!)).toEqual(Array.from(sc));
      const { out: o2 } = run(impl, { A, v }, {}, (K, bb) => K.scaleCols(m, n, bb.A!, 2, bb.v!, 3, bb.A!, 2));
      expect(Array.from(o2.A!.subarray(2, 2 + m * n))).toEqual(Array.from(sc));
    }
    for (const n of [0, 1, 2, 3, 8, 41, 4160]) {
      const x = rand(n + 1), y = rand(n + 2), s = Float64Array.from(rand(n), (t) => 0.01 + Math.abs(t)), z = Float64Array.from(rand(n + 1), (t) => 0.01 + Math.abs(t));
      const q = new Float64Array(n);
      for (let j = 0; j < n; j++) q[j] = x[1 + j]! / y[2 + j]!;
      const { out } = run(impl, { x, y, o: new Float64Array(n) }, {}, (K, bb) => K.vdiv(n, bb.x!, 1, bb.y!, 2, bb.o!, 0));
      expect(Array.from(out.o!)).toEqual(Array.from(q));
      const { out: ip } = run(impl, { x, y }, {}, (K, bb) => K.vdiv(n, bb.x!, 1, bb.y!, 2, bb.x!, 1));
      expect(Array.from(ip.x!.subarray(1))).toEqual(Array.from(q));
      // the step to the boundary of the nonnegative orthant: s + alpha dv >= 0 with one entry at 0
      let want = Infinity;
      for (let j = 0; j < n; j++) if (x[1 + j]! < 0) want = Math.min(want, -s[j]! / x[1 + j]!);
      expect(run(impl, { s, x }, {}, (K, bb) => K.linMaxStep(n, bb.s!, 0, bb.x!, 1)).ret).toBe(want);
      const w2i = new Float64Array(n), wl = new Float64Array(n), lam = new Float64Array(n);
      for (let j = 0; j < n; j++) { w2i[j] = z[1 + j]! / s[j]!; wl[j] = Math.sqrt(s[j]! / z[1 + j]!); lam[j] = Math.sqrt(s[j]! * z[1 + j]!); }
      const { out: nt } = run(impl, { s, z, a: new Float64Array(n), b: new Float64Array(n), c: new Float64Array(n) }, {}, (K, bb) => K.linNT(n, bb.s!, 0, bb.z!, 1, bb.a!, 0, bb.b!, 0, bb.c!, 0));
      expect(Array.from(nt.a!)).toEqual(Array.from(w2i));
      expect(Array.from(nt.b!)).toEqual(Array.from(wl));
      expect(Array.from(nt.c!)).toEqual(Array.from(lam));
    }
    expect(run(impl, { a: Float64Array.from([1, 2]), b: Float64Array.from([1, 0]) }, {}, (K, bb) => K.linMaxStep(2, bb.a!, 0, bb.b!, 0)).ret).toBe(Infinity);
    // lincomb: (a x + b y) + c, also in place on x and on y; with c = 0 no + c (x - y to the bit, -0 kept)
    for (const n of [0, 1, 2, 3, 41, 4160])
      for (const [a, b, c] of [[1, -1, 0], [-1, -1, 0.37], [2.5, 0.5, 0], [1, 1, -3]] as const) {
        const x = rand(n + 1), y = rand(n + 2);
        if (n > 0) { x[1] = 0; y[2] = 0; } // a - b * 0 with x = 0: -0 stays -0 when c = 0
        const want = new Float64Array(n);
        for (let j = 0; j < n; j++) want[j] = c === 0 ? a * x[1 + j]! + b * y[2 + j]! : a * x[1 + j]! + b * y[2 + j]! + c;
        const { out } = run(impl, { x, y, o: new Float64Array(n + 1) }, {}, (K, bb) => K.lincomb(n, a, bb.x!, 1, b, bb.y!, 2, c, bb.o!, 1));
        expect(Array.from(out.o!.subarray(1))).toEqual(Array.from(want));
        const { out: onX } = run(impl, { x, y }, {}, (K, bb) => K.lincomb(n, a, bb.x!, 1, b, bb.y!, 2, c, bb.x!, 1));
        expect(Array.from(onX.x!.subarray(1))).toEqual(Array.from(want));
        const { out: onY } = run(impl, { x, y }, {}, (K, bb) => K.lincomb(n, a, bb.x!, 1, b, bb.y!, 2, c, bb.y!, 2));
        expect(Array.from(onY.y!.subarray(2))).toEqual(Array.from(want));
      }
  });

  it('coneHessians: W^{-2} + [0, 0; 0, unpack(Hp)] per cone block, lower triangle (against the explicit matrices)', () => {
    for (const [Bc, d, coneStart] of [[0, 3, 0], [1, 1, 0], [3, 4, 1], [2, 9, 2]] as const) {
      const D = d + 1, T = (d * (d + 1)) / 2, B = coneStart + Bc;
      const Hp = rand(Bc * T), eta = Float64Array.from(rand(B), (x) => 0.5 + Math.abs(x)), wv = rand(B * D);
      const { out } = run(impl, { Hp, eta, wv, HL: new Float64Array(Bc * D * D) }, {}, (K, bb) => K.coneHessians(Bc, d, T, coneStart, bb.Hp!, bb.eta!, bb.wv!, bb.HL!));
      for (let c = 0; c < Bc; c++) {
        const b = coneStart + c, v = wv.subarray(b * D, (b + 1) * D), a = v.map((x, i) => (i === 0 ? x : -x));
        let vv = 0;
        for (const x of v) vv += x * x;
        for (let i = 0; i < D; i++) for (let j = 0; j <= i; j++) {
          let want = (4 * vv * a[i]! * a[j]! - 2 * a[i]! * v[j]! - 2 * v[i]! * a[j]! + (i === j ? 1 : 0)) / eta[b]! ** 2;
          if (i > 0 && j > 0) want += Hp[c * T + ((i - 1) * i) / 2 + (j - 1)]!;
          const got = out.HL![c * D * D + i * D + j]!;
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want)) * (4 * vv + 4) / eta[b]! ** 2 + 1e-13);
        }
      }
    }
  });

  it('schurGroups: S[rows, rows] += X_g^T (H_u^{-1} + H_v^{-1}) X_g per group, from the blocks\' Cholesky factors, X_g\'s first row zero and not read; bad metadata refused (D = 4, and D = 11 for the wasm solve\'s 4-row tiles with a partial last one)', () => {
    for (const D of [4, 11]) {
      const n = 9, coneStart = 1;
      // groups: blocks 1+2 share rows {0, 3, 5, 8}; block 3 alone on rows {1, 2, 3}; block 4 has no rows;
      // then q = 7, 9 and 6 rows (every q mod 4 beside whole 4-row tiles: the wasm kernel's tile edges)
      const rowsOf = [[], [0, 3, 5, 8], [0, 3, 5, 8], [1, 2, 3], [], [0, 1, 2, 4, 5, 6, 7], [0, 1, 2, 4, 5, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 4, 5, 7, 8]];
      const rowOff = new Int32Array(rowsOf.length), rowCnt = new Int32Array(rowsOf.length), list: number[] = [];
      rowsOf.forEach((r, b) => { rowOff[b] = list.length; rowCnt[b] = r.length; list.push(...r); });
      const rowList = Int32Array.from(list);
      const groupFirst = Int32Array.from([1, 3, 4, 5, 7, 8]), groupSize = Int32Array.from([2, 1, 1, 2, 1, 1]);
      const G = groupFirst.length;
      const xtsOff = new Int32Array(G);
      let xtsLen = 0;
      for (let g = 0; g < G; g++) { xtsOff[g] = xtsLen; xtsLen += D * rowCnt[groupFirst[g]!]!; }
      const xts = rand(xtsLen + 1);
      const maxQ = 9;
      // each cone block's factor: L L^T = H (SPD)
      const Bc = rowsOf.length - coneStart, HL = new Float64Array(Bc * D * D), H: Float64Array[] = [];
      for (let c = 0; c < Bc; c++) {
        const S0 = spd(D, 0, D).subarray(0, D * D);
        const full = new Float64Array(D * D);
        for (let i = 0; i < D; i++) for (let j = 0; j <= i; j++) { full[i * D + j] = S0[i * D + j]!; full[j * D + i] = S0[i * D + j]!; }
        H.push(full);
        HL.set(S0, c * D * D);
        expect(tsKernels.potrf(D, HL, c * D * D, D)).toBe(-1);
      }
      const S = rand(n * n);
      const want = S.slice();
      for (let g = 0; g < G; g++) {
        const b = groupFirst[g]!, q = rowCnt[b]!;
        if (q === 0) continue;
        // X_g = [0; X_S^T]: the kernels take its first row as zero (xts holds random numbers there, never read)
        const Xg = xts.slice(xtsOff[g]!, xtsOff[g]! + D * q).fill(0, 0, q);
        for (let h = 0; h < groupSize[g]!; h++) {
          // Z = H^{-1} X_g by Gaussian elimination, then X_g^T Z on the group's rows
          const Hm = H[b + h - coneStart]!;
          for (let t = 0; t < q; t++) {
            const col = Float64Array.from({ length: D }, (_, i) => Xg[i * q + t]!);
            const z = solveLinear({ r: D, c: D, a: Hm }, col);
            for (let r = t; r < q; r++) {
              let s2 = 0;
              for (let i = 0; i < D; i++) s2 += Xg[i * q + r]! * z[i]!;
              const ia = rowList[rowOff[b]! + r]!, ib = rowList[rowOff[b]! + t]!;
              want[Math.max(ia, ib) * n + Math.min(ia, ib)]! += s2;
            }
          }
        }
      }
      const { out } = run(impl, { HL, xts, Yc: new Float64Array(2 * D * maxQ), Tq: new Float64Array(maxQ * maxQ), S }, { groupFirst, groupSize, rowCnt, rowOff, xtsOff, rowList }, (K, bb, ii) =>
        K.schurGroups({ G, D, n, coneStart, groupFirst: ii.groupFirst!, groupSize: ii.groupSize!, rowCnt: ii.rowCnt!, rowOff: ii.rowOff!, xtsOff: ii.xtsOff!, rowList: ii.rowList!, HL: bb.HL!, xts: bb.xts!, Yc: bb.Yc!, Tq: bb.Tq!, S: bb.S! }));
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) expect(Math.abs(out.S![i * n + j]! - want[i * n + j]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[i * n + j]!)));
      // the strict upper triangle is untouched
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(out.S![i * n + j]).toBe(S[i * n + j]);
      const bad = Int32Array.from(list);
      bad[2] = n;
      expect(() => impl.K.schurGroups({ G, D, n, coneStart, groupFirst, groupSize, rowCnt, rowOff, xtsOff, rowList: bad, HL, xts, Yc: new Float64Array(2 * D * maxQ), Tq: new Float64Array(maxQ * maxQ), S: S.slice() })).toThrow(/schurGroups: group 0: row 9 outside 0..8/);
      expect(() => impl.K.schurGroups({ G, D, n, coneStart, groupFirst, groupSize, rowCnt, rowOff, xtsOff, rowList, HL, xts, Yc: new Float64Array(8), Tq: new Float64Array(maxQ * maxQ), S: S.slice() })).toThrow(new RegExp(`scratch Yc needs ${2 * D * 4}`));
    }
  });

  it('jacobiEig and gaussSolve: the reference\'s bits exactly (instances depend on them), and what they compute', () => {
    for (const n of [1, 2, 3, 7, 16, 33, 90]) {
      const G = rand(n * n), A = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
        let s2 = 0;
        for (let p = 0; p < n; p++) s2 += G[i * n + p]! * G[j * n + p]!;
        A[i * n + j] = s2;
        A[j * n + i] = s2;
      }
      const ref = { A: A.slice(), V: new Float64Array(n * n) };
      tsKernels.jacobiEig(n, ref.A, 0, ref.V, 0);
      const { out } = run(impl, { A, V: new Float64Array(n * n) }, {}, (K, bb) => K.jacobiEig(n, bb.A!, 0, bb.V!, 0));
      expect(Array.from(out.A!)).toEqual(Array.from(ref.A));
      expect(Array.from(out.V!)).toEqual(Array.from(ref.V));
      // V diag(w) V^T = A
      let scale = 0;
      for (const v of A) scale = Math.max(scale, Math.abs(v));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s2 = 0;
        for (let p = 0; p < n; p++) s2 += out.V![i * n + p]! * out.A![p * n + p]! * out.V![j * n + p]!;
        expect(Math.abs(s2 - A[i * n + j]!)).toBeLessThanOrEqual(1e-12 * n * scale);
      }
    }
    for (const k of [1, 2, 5, 12, 31, 60]) {
      const M = rand(k * k), x = rand(k);
      const ref = { M: M.slice(), x: x.slice() };
      expect(tsKernels.gaussSolve(k, ref.M, 0, ref.x, 0)).toBe(true);
      const { out, ret } = run(impl, { M, x }, {}, (K, bb) => K.gaussSolve(k, bb.M!, 0, bb.x!, 0));
      expect(ret).toBe(true);
      expect(Array.from(out.x!)).toEqual(Array.from(ref.x));
      expect(Array.from(out.M!)).toEqual(Array.from(ref.M));
      // M x = b
      for (let i = 0; i < k; i++) {
        let s2 = 0;
        for (let j = 0; j < k; j++) s2 += M[i * k + j]! * out.x![j]!;
        expect(Math.abs(s2 - x[i]!)).toBeLessThanOrEqual(1e-9);
      }
    }
    const singular = Float64Array.from([1, 2, 2, 4]);
    expect(run(impl, { singular, x: Float64Array.from([1, 1]) }, {}, (K, bb) => K.gaussSolve(2, bb.singular!, 0, bb.x!, 0)).ret).toBe(false);
  });

  it('linNewtonRhs and linNewtonBack: the linear cones\' Newton passes equal their definitions bit for bit', () => {
    for (const n of [0, 1, 2, 3, 9, 4160]) {
      const rz = rand(n), wl = Float64Array.from(rand(n), (x) => 0.1 + Math.abs(x)), dsT = rand(n), lam = Float64Array.from(rand(n), (x) => 0.1 + Math.abs(x));
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) t[i] = rz[i]! + wl[i]! * (dsT[i]! / lam[i]!);
      const { out } = run(impl, { rz, wl, dsT, lam, t: new Float64Array(n) }, {}, (K, bb) => K.linNewtonRhs(n, bb.rz!, bb.wl!, bb.dsT!, bb.lam!, bb.t!));
      expect(Array.from(out.t!)).toEqual(Array.from(t));
      const gdx = rand(n), w2i = rand(n), ds = new Float64Array(n), dz = new Float64Array(n);
      for (let i = 0; i < n; i++) { ds[i] = -rz[i]! + gdx[i]!; dz[i] = w2i[i]! * (t[i]! - gdx[i]!); }
      const { out: o2 } = run(impl, { rz, gdx, w2i, t, ds: new Float64Array(n), dz: new Float64Array(n) }, {}, (K, bb) => K.linNewtonBack(n, bb.rz!, bb.gdx!, bb.w2i!, bb.t!, bb.ds!, bb.dz!));
      expect(Array.from(o2.ds!)).toEqual(Array.from(ds));
      expect(Array.from(o2.dz!)).toEqual(Array.from(dz));
    }
  });

  it('bad dimensions and extents throw a RangeError naming the argument', () => {
    const K = impl.K;
    const A = new Float64Array(6);
    expect(() => K.gemm(false, false, 2, 3, 2, 1, A, 0, 2, A, 1, 3, 0, A, 0, 3)).toThrow(/gemm: B \(2 x 3, offset 1, ld 3\) needs 7 entries, the array has 6/);
    expect(() => K.gemm(false, false, 2, 3, 4, 1, A, 0, 4, A, 0, 3, 0, A, 0, 3)).toThrow(/gemm: A \(2 x 4/);
    expect(() => K.gemm(false, false, -1, 3, 4, 1, A, 0, 4, A, 0, 3, 0, A, 0, 3)).toThrow(/gemm: m = -1: expected an integer >= 0/);
    expect(() => K.potrf(3, A, 0, 3)).toThrow(/potrf: A \(3 x 3, offset 0, ld 3\) needs 9 entries, the array has 6/);
    expect(() => K.potrf(2, A, 0, 1)).toThrow(/potrf: ld of A = 1: expected an integer >= max\(1, 2\)/);
    expect(() => K.syrkRows(2, 1, Int32Array.from([3]), 0, A, 0, 2, null, 0, 0, A, 0, 2)).toThrow(/syrkRows: rows\[0\] = 3: expected a row index in \[0, 3\)/);
    expect(() => K.trsv(false, 2, A, 0, 2, A, 5)).toThrow(/trsv: x \(length 2, offset 5\) needs 7 entries/);
  });

  it('arenas: aligned zeroed views, mark/release, ARENA_FULL', () => {
    const arena = impl.K.createArena(1024);
    const a = arena.f64(3);
    const b = arena.i32(5);
    const c = arena.f64(2);
    expect(Array.from(a)).toEqual([0, 0, 0]);
    expect(b.byteOffset % 16).toBe(0);
    expect(c.byteOffset % 16).toBe(0);
    const mk = arena.mark();
    arena.f64(10);
    arena.release(mk);
    expect(arena.usedBytes).toBe(mk);
    expect(() => arena.f64(1000)).toThrow(KernelError);
    expect(() => arena.f64(1000)).toThrow(/ARENA|arena: 8000 bytes requested/);
    arena.dispose();
  });
});

describe.skipIf(!haveWasm)('wasm binding specifics', () => {
  const W = haveWasm ? getKernels('wasm') : tsKernels;

  it('views taken before memory grew are detected, not read as zeros', () => {
    const first = W.createArena(1024);
    const v = first.f64(4);
    const grown = W.createArena(4 * 1024 * 1024); // grows linear memory: v's buffer is detached
    expect(v.length).toBe(0);
    expect(() => W.dot(4, v, 0, v, 0)).toThrow(/detached: wasm memory grew/);
    grown.dispose();
    first.dispose();
  });

  it('a disposed region is reused: memory does not grow for a same-size arena', () => {
    const a = W.createArena(1 << 20);
    a.dispose();
    const before = (W as unknown as { memoryBytes: number }).memoryBytes;
    const b = W.createArena(1 << 20);
    expect((W as unknown as { memoryBytes: number }).memoryBytes).toBe(before);
    b.dispose();
  });

  it('disposed regions are split, merged and extended at the top: memory grows only by what is missing', () => {
    const bytesOf = () => (W as unknown as { memoryBytes: number }).memoryBytes;
    const MB = 1 << 20;
    const a = W.createArena(4 * MB);
    a.dispose();
    const m0 = bytesOf();
    const b = W.createArena(1 * MB), c = W.createArena(2 * MB); // both inside the freed 4 MB
    expect(bytesOf()).toBe(m0);
    b.dispose();
    c.dispose(); // merged back into one free 4 MB region at the top
    const d = W.createArena(6 * MB); // extends that region (and any free one merged below it) instead of adding 6 MB
    expect(bytesOf() - m0).toBeGreaterThan(0);
    expect(bytesOf() - m0).toBeLessThanOrEqual(2 * MB);
    const v = d.f64(6 * MB / 8 - 16);
    v[v.length - 1] = 1; // the whole region is usable
    expect(W.dot(1, v, v.length - 1, v, v.length - 1)).toBe(1);
    d.dispose();
  });

  it('plain arrays larger than the scratch area run the reference kernel (same result as ts)', () => {
    const n = 1100; // three n x n operands = 29 MB > 8 MiB scratch
    const A = rand(n * n), B = rand(n * 3), C1 = new Float64Array(n * 3), C2 = new Float64Array(n * 3);
    tsKernels.gemm(false, false, n, 3, n, 1, A, 0, n, B, 0, 3, 0, C1, 0, 3);
    W.gemm(false, false, n, 3, n, 1, A, 0, n, B, 0, 3, 0, C2, 0, 3);
    expect(C2).toEqual(C1);
  });

  it('in worker threads too: the module instantiates synchronously at load', async () => {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(new URL('./kernelsWorker.mjs', import.meta.url));
    const msg = await new Promise<{ name: string; dot: number }>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
    await w.terminate();
    expect(msg).toEqual({ name: process.env.RLAB_KERNELS || 'wasm', dot: 14 });
  });
});

describe('kernels.wasm is reproducible from its source', () => {
  it('a rebuild with the pinned AssemblyScript gives the committed bytes', () => {
    const server = fileURLToPath(new URL('../..', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'rlab-wasm-'));
    try {
      const out = join(dir, 'kernels.wasm');
      const asc = join(server, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
      execFileSync(process.execPath, [asc, '--config', join(server, 'src/engine/wasm/asconfig.json'), '--outFile', out], { cwd: server, stdio: 'pipe' });
      const rebuilt = readFileSync(out);
      const committed = readFileSync(WASM_URL);
      expect(rebuilt.length).toBe(committed.length);
      expect(rebuilt.equals(committed), 'kernels.wasm differs from a rebuild of src/engine/wasm/kernels.ts: run pnpm --filter @rlab/server build:wasm and commit it').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
