/**
 * The WebAssembly SIMD kernels: a binding over server/src/engine/wasm/kernels.wasm (built from
 * server/src/engine/wasm/kernels.ts by AssemblyScript; see the README there). One instance per thread,
 * instantiated synchronously on first use, so it works at module load in worker threads.
 *
 * Memory layout of the instance (bytes):
 *   [0, 64 KiB)                  the module's own static area (unused today)
 *   [64 KiB, 64 KiB + SCRATCH)   scratch for arguments that do not live in this instance's memory
 *   above                        arenas (createArena), each a fixed region; disposed regions are reused
 * Linear memory grows only in createArena (the rule in ./types.ts). A kernel whose every array is a view
 * into this memory runs on those bytes directly (no copy, no allocation). Other arrays are copied into the
 * scratch area and the outputs copied back; when they do not fit the scratch area, the call runs the
 * TypeScript reference instead (same definition, different rounding).
 */
import { readFileSync } from 'node:fs';
import type { Arena, Kernels, SchurGroupsArgs } from './types.ts';
import { KernelError } from './types.ts';
import { tsKernels, checkGemm, checkSyrkRows, checkSyrk, checkSquare, checkBatch, checkSoc, checkSchurGroups } from './ts.ts';
import { checkDim, checkMat, checkVec, checkRows, rowsAvailable } from './check.ts';

// The WebAssembly API, typed locally (the server's lib settings, ES2023 without DOM, do not declare it).
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmModule { readonly __wasmModule?: never }
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
const STATIC_BYTES = PAGE;
const SCRATCH_BYTES = 8 * 1024 * 1024;

interface KernelExports {
  memory: WasmMemory;
  gemm(tA: number, tB: number, m: number, n: number, k: number, alpha: number, A: number, lda: number, B: number, ldb: number, beta: number, C: number, ldc: number): void;
  syrkRows(k: number, nRows: number, rows: number, useRows: number, A: number, lda: number, w: number, useW: number, alpha: number, beta: number, C: number, ldc: number): void;
  syrkN(n: number, k: number, alpha: number, A: number, lda: number, beta: number, C: number, ldc: number): void;
  potrf(n: number, A: number, lda: number): number;
  trsv(trans: number, n: number, L: number, ldl: number, x: number): void;
  potrs(n: number, L: number, ldl: number, x: number): void;
  trsmLeft(trans: number, n: number, m: number, L: number, ldl: number, B: number, ldb: number): void;
  trsmRight(trans: number, m: number, n: number, L: number, ldl: number, B: number, ldb: number): void;
  gemv(trans: number, m: number, n: number, alpha: number, A: number, lda: number, x: number, beta: number, y: number): void;
  symv(n: number, alpha: number, S: number, lds: number, x: number, beta: number, y: number): void;
  hadamard(m: number, n: number, A: number, lda: number, B: number, ldb: number, C: number, ldc: number): void;
  rowProducts(n: number, d: number, X: number, ldx: number, Q: number, ldq: number): void;
  unpackLower(d: number, P: number, C: number, ldc: number): void;
  gatherRows(k: number, nRows: number, rows: number, A: number, lda: number, w: number, useW: number, out: number, ldo: number): void;
  dot(n: number, x: number, y: number): number;
  socScale(inverse: number, count: number, len: number, eta: number, w: number, v: number, out: number): void;
  socProd(count: number, len: number, u: number, v: number, out: number): void;
  socDiv(count: number, len: number, lam: number, v: number, out: number): void;
  socMaxStep(count: number, len: number, v: number, dv: number): number;
  socNT(count: number, len: number, s: number, z: number, w: number, eta: number, lam: number): void;
  colSumProd(m: number, n: number, A: number, B: number, beta: number, out: number): void;
  scaleCols(m: number, n: number, A: number, v: number, out: number): void;
  vdiv(n: number, x: number, y: number, out: number): void;
  linMaxStep(n: number, v: number, dv: number): number;
  linNT(n: number, s: number, z: number, w2i: number, wl: number, lam: number): void;
  coneHessians(Bc: number, d: number, T: number, coneStart: number, Hp: number, eta: number, wv: number, HL: number): void;
  jacobiEig(n: number, A: number, V: number): void;
  linNewtonRhs(n: number, rz: number, wl: number, dsT: number, lam: number, t: number): void;
  linNewtonBack(n: number, rz: number, gdx: number, w2i: number, t: number, ds: number, dz: number): void;
  gaussSolve(k: number, M: number, x: number): number;
  schurGroups(G: number, D: number, n: number, coneStart: number, groupFirst: number, groupSize: number, rowCnt: number, rowOff: number, xtsOff: number, rowList: number, HL: number, xts: number, Yc: number, Tq: number, S: number): void;
  potrfBatched(count: number, n: number, A: number, lda: number, stride: number, info: number, useInfo: number): number;
  potrsBatched(count: number, n: number, L: number, ldl: number, lStride: number, x: number, xStride: number): void;
  trsmLeftBatched(trans: number, count: number, n: number, m: number, L: number, ldl: number, lStride: number, B: number, ldb: number, bStride: number): void;
  axpy(n: number, alpha: number, x: number, y: number): void;
  lincomb(n: number, a: number, x: number, b: number, y: number, c: number, out: number): void;
}

/** the module's bytes, read once */
let moduleCache: WasmModule | null | undefined;
let moduleError = '';

export const WASM_URL = new URL('../wasm/kernels.wasm', import.meta.url);

function compiledModule(): WasmModule | null {
  if (moduleCache !== undefined) return moduleCache;
  try {
    moduleCache = new WA.Module(readFileSync(WASM_URL));
  } catch (e) {
    moduleError = e instanceof Error ? e.message : String(e);
    moduleCache = null;
  }
  return moduleCache;
}

/** true where the kernels' module compiles (WebAssembly with SIMD) */
export function wasmSimdAvailable(): boolean {
  return compiledModule() !== null;
}

const f64extent = (rows: number, cols: number, ld: number): number => (rows === 0 || cols === 0 ? 0 : (rows - 1) * ld + cols);

interface Region { base: number; bytes: number }

class WasmArena implements Arena {
  private used = 0;
  private disposed = false;
  constructor(private readonly owner: WasmKernels, readonly region: Region, readonly capacityBytes: number) {}
  get usedBytes(): number {
    return this.used;
  }
  private take(bytes: number): number {
    if (this.disposed) throw new RangeError('arena: used after dispose()');
    const start = (this.used + 15) & ~15;
    if (start + bytes > this.capacityBytes) {
      throw new KernelError('ARENA_FULL', `arena: ${bytes} bytes requested, ${Math.max(0, this.capacityBytes - start)} of ${this.capacityBytes} left`);
    }
    this.used = start + bytes;
    return this.region.base + start;
  }
  f64(length: number): Float64Array {
    checkDim('arena.f64', 'length', length);
    return new Float64Array(this.owner.buffer(), this.take(length * 8), length).fill(0);
  }
  i32(length: number): Int32Array {
    checkDim('arena.i32', 'length', length);
    return new Int32Array(this.owner.buffer(), this.take(length * 4), length).fill(0);
  }
  mark(): number {
    return this.used;
  }
  release(mark: number): void {
    if (!Number.isInteger(mark) || mark < 0 || mark > this.used) throw new RangeError(`arena.release: mark = ${mark}: expected a value returned by mark() (<= ${this.used})`);
    this.used = mark;
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.owner.freeRegion(this.region);
  }
}

/** Staging of one call's arguments: zero-copy for views into our memory, else copies through scratch. */
class Staging {
  private scratch = 0;
  private outs: (Float64Array | null)[] = [null, null, null];
  private outOff = [0, 0, 0];
  private outPtr = [0, 0, 0];
  private outLen = [0, 0, 0];
  private nOut = 0;
  fits = true;
  constructor(private readonly owner: WasmKernels) {}
  begin(): void {
    this.scratch = 0;
    this.nOut = 0;
    this.fits = true;
  }
  private reserve(bytes: number): number {
    const start = (this.scratch + 15) & ~15;
    if (start + bytes > SCRATCH_BYTES) {
      this.fits = false;
      return 0;
    }
    this.scratch = start + bytes;
    return STATIC_BYTES + start;
  }
  /** byte pointer to a[off] with `len` entries readable (and written back if `out`) */
  f64(a: Float64Array, off: number, len: number, out: boolean): number {
    const buf = this.owner.buffer();
    if (a.buffer === buf) return a.byteOffset + off * 8;
    if (len === 0) return STATIC_BYTES;
    const p = this.reserve(len * 8);
    if (!this.fits) return 0;
    new Float64Array(buf, p, len).set(a.subarray(off, off + len));
    if (out) {
      const i = this.nOut++;
      this.outs[i] = a;
      this.outOff[i] = off;
      this.outPtr[i] = p;
      this.outLen[i] = len;
    }
    return p;
  }
  i32(a: Int32Array, off: number, len: number): number {
    const buf = this.owner.buffer();
    if (a.buffer === buf) return a.byteOffset + off * 4;
    if (len === 0) return STATIC_BYTES;
    const p = this.reserve(len * 4);
    if (!this.fits) return 0;
    new Int32Array(buf, p, len).set(a.subarray(off, off + len));
    return p;
  }
  end(): void {
    const buf = this.owner.buffer();
    for (let i = 0; i < this.nOut; i++) {
      this.outs[i]!.set(new Float64Array(buf, this.outPtr[i]!, this.outLen[i]!), this.outOff[i]!);
      this.outs[i] = null;
    }
    this.nOut = 0;
  }
}

export class WasmKernels implements Kernels {
  readonly name = 'wasm' as const;
  private readonly ex: KernelExports;
  private buf: ArrayBuffer;
  private top: number;
  private readonly free: Region[] = [];
  private readonly st: Staging;

  constructor(module: WasmModule) {
    const instance = new WA.Instance(module, {});
    this.ex = instance.exports as unknown as KernelExports;
    const have = this.ex.memory.buffer.byteLength;
    const want = STATIC_BYTES + SCRATCH_BYTES;
    if (have < want) this.ex.memory.grow(Math.ceil((want - have) / PAGE));
    this.buf = this.ex.memory.buffer;
    this.top = this.buf.byteLength;
    this.st = new Staging(this);
  }

  /** the current linear memory (changes only when createArena grows it) */
  buffer(): ArrayBuffer {
    return this.buf;
  }

  /** bytes of linear memory (for tests and diagnostics) */
  get memoryBytes(): number {
    return this.buf.byteLength;
  }

  createArena(capacityBytes: number): Arena {
    checkDim('createArena', 'capacityBytes', capacityBytes);
    const bytes = Math.max(PAGE, Math.ceil(capacityBytes / PAGE) * PAGE);
    // best fit among the regions of disposed arenas (split, the rest stays free)
    let best = -1;
    for (let i = 0; i < this.free.length; i++) if (this.free[i]!.bytes >= bytes && (best < 0 || this.free[i]!.bytes < this.free[best]!.bytes)) best = i;
    let region: Region;
    if (best >= 0) {
      const r = this.free[best]!;
      region = { base: r.base, bytes };
      if (r.bytes > bytes) this.free[best] = { base: r.base + bytes, bytes: r.bytes - bytes };
      else this.free.splice(best, 1);
    } else {
      // grow memory: extend a free region that ends at the top of memory, else start a new one there
      const last = this.free.length ? this.free[this.free.length - 1]! : null;
      const extend = last !== null && last.base + last.bytes === this.top;
      const base = extend ? last.base : this.top;
      const more = base + bytes - this.top;
      if (base + bytes > 2 ** 32) throw new KernelError('ARENA_FULL', `createArena: ${capacityBytes} bytes would take wasm memory past 4 GiB`);
      this.ex.memory.grow(more / PAGE);
      this.buf = this.ex.memory.buffer;
      if (extend) this.free.pop();
      region = { base, bytes };
      this.top = base + bytes;
    }
    return new WasmArena(this, region, capacityBytes);
  }

  /** @internal a disposed arena's region becomes reusable (free regions kept sorted and merged) */
  freeRegion(region: Region): void {
    this.free.push({ base: region.base, bytes: region.bytes });
    this.free.sort((a, b) => a.base - b.base);
    for (let i = this.free.length - 1; i > 0; i--) {
      const a = this.free[i - 1]!, b = this.free[i]!;
      if (a.base + a.bytes === b.base) {
        a.bytes += b.bytes;
        this.free.splice(i, 1);
      }
    }
  }

  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, ldb: number, beta: number, C: Float64Array, cOff: number, ldc: number): void {
    checkGemm(transA, transB, m, n, k, A, aOff, lda, B, bOff, ldb, C, cOff, ldc);
    const st = this.st;
    st.begin();
    const live = m > 0 && n > 0 && k > 0;
    const pa = st.f64(A, aOff, live ? f64extent(transA ? k : m, transA ? m : k, lda) : 0, false);
    const pb = st.f64(B, bOff, live ? f64extent(transB ? n : k, transB ? k : n, ldb) : 0, false);
    const pc = st.f64(C, cOff, f64extent(m, n, ldc), true);
    if (!st.fits) return tsKernels.gemm(transA, transB, m, n, k, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
    this.ex.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    st.end();
  }

  syrkRows(k: number, nRows: number, rows: Int32Array | null, rowsOff: number, A: Float64Array, aOff: number, lda: number, w: Float64Array | null, wOff: number, beta: number, C: Float64Array, cOff: number, ldc: number): void {
    checkSyrkRows(k, nRows, rows, rowsOff, A, aOff, lda, w, wOff, C, cOff, ldc);
    const st = this.st;
    st.begin();
    const live = k > 0 && nRows > 0;
    let maxRow = nRows - 1;
    if (live && rows) {
      maxRow = 0;
      for (let t = 0; t < nRows; t++) if (rows[rowsOff + t]! > maxRow) maxRow = rows[rowsOff + t]!;
    }
    const pr = live && rows ? st.i32(rows, rowsOff, nRows) : STATIC_BYTES;
    const pa = st.f64(A, aOff, live ? f64extent(maxRow + 1, k, lda) : 0, false);
    const pw = live && w ? st.f64(w, wOff, maxRow + 1, false) : STATIC_BYTES;
    const pc = st.f64(C, cOff, f64extent(k, k, ldc), true);
    if (!st.fits) return tsKernels.syrkRows(k, nRows, rows, rowsOff, A, aOff, lda, w, wOff, beta, C, cOff, ldc);
    this.ex.syrkRows(k, live ? nRows : 0, pr, rows ? 1 : 0, pa, lda, pw, w ? 1 : 0, 1, beta, pc, ldc);
    st.end();
  }

  syrk(trans: boolean, n: number, k: number, alpha: number, A: Float64Array, aOff: number, lda: number, beta: number, C: Float64Array, cOff: number, ldc: number): void {
    checkSyrk(trans, n, k, A, aOff, lda, C, cOff, ldc);
    const st = this.st;
    st.begin();
    const live = n > 0 && k > 0;
    const pa = st.f64(A, aOff, live ? f64extent(trans ? k : n, trans ? n : k, lda) : 0, false);
    const pc = st.f64(C, cOff, f64extent(n, n, ldc), true);
    if (!st.fits) return tsKernels.syrk(trans, n, k, alpha, A, aOff, lda, beta, C, cOff, ldc);
    // A^T A is the sum over A's k rows of a_p a_p^T: the row-SYRK kernel with all rows
    if (trans) this.ex.syrkRows(n, live ? k : 0, STATIC_BYTES, 0, pa, lda, STATIC_BYTES, 0, alpha, beta, pc, ldc);
    else this.ex.syrkN(n, live ? k : 0, alpha, pa, lda, beta, pc, ldc);
    st.end();
  }

  potrf(n: number, A: Float64Array, aOff: number, lda: number): number {
    checkSquare('potrf', 'A', n, A, aOff, lda);
    const st = this.st;
    st.begin();
    const pa = st.f64(A, aOff, f64extent(n, n, lda), true);
    if (!st.fits) return tsKernels.potrf(n, A, aOff, lda);
    const r = this.ex.potrf(n, pa, lda);
    st.end();
    return r;
  }

  trsv(trans: boolean, n: number, L: Float64Array, lOff: number, ldl: number, x: Float64Array, xOff: number): void {
    checkSquare('trsv', 'L', n, L, lOff, ldl);
    checkVec('trsv', 'x', x, xOff, n);
    const st = this.st;
    st.begin();
    const pl = st.f64(L, lOff, f64extent(n, n, ldl), false);
    const px = st.f64(x, xOff, n, true);
    if (!st.fits) return tsKernels.trsv(trans, n, L, lOff, ldl, x, xOff);
    this.ex.trsv(trans ? 1 : 0, n, pl, ldl, px);
    st.end();
  }

  potrs(n: number, L: Float64Array, lOff: number, ldl: number, x: Float64Array, xOff: number): void {
    checkSquare('potrs', 'L', n, L, lOff, ldl);
    checkVec('potrs', 'x', x, xOff, n);
    const st = this.st;
    st.begin();
    const pl = st.f64(L, lOff, f64extent(n, n, ldl), false);
    const px = st.f64(x, xOff, n, true);
    if (!st.fits) return tsKernels.potrs(n, L, lOff, ldl, x, xOff);
    this.ex.potrs(n, pl, ldl, px);
    st.end();
  }

  trsmLeft(trans: boolean, n: number, m: number, L: Float64Array, lOff: number, ldl: number, B: Float64Array, bOff: number, ldb: number): void {
    checkSquare('trsmLeft', 'L', n, L, lOff, ldl);
    checkDim('trsmLeft', 'm', m);
    checkMat('trsmLeft', 'B', B, bOff, ldb, n, m);
    const st = this.st;
    st.begin();
    const pl = st.f64(L, lOff, f64extent(n, n, ldl), false);
    const pb = st.f64(B, bOff, f64extent(n, m, ldb), true);
    if (!st.fits) return tsKernels.trsmLeft(trans, n, m, L, lOff, ldl, B, bOff, ldb);
    this.ex.trsmLeft(trans ? 1 : 0, n, m, pl, ldl, pb, ldb);
    st.end();
  }

  trsmRight(trans: boolean, m: number, n: number, L: Float64Array, lOff: number, ldl: number, B: Float64Array, bOff: number, ldb: number): void {
    checkSquare('trsmRight', 'L', n, L, lOff, ldl);
    checkDim('trsmRight', 'm', m);
    checkMat('trsmRight', 'B', B, bOff, ldb, m, n);
    const st = this.st;
    st.begin();
    const pl = st.f64(L, lOff, f64extent(n, n, ldl), false);
    const pb = st.f64(B, bOff, f64extent(m, n, ldb), true);
    if (!st.fits) return tsKernels.trsmRight(trans, m, n, L, lOff, ldl, B, bOff, ldb);
    this.ex.trsmRight(trans ? 1 : 0, m, n, pl, ldl, pb, ldb);
    st.end();
  }

  gemv(trans: boolean, m: number, n: number, alpha: number, A: Float64Array, aOff: number, lda: number, x: Float64Array, xOff: number, beta: number, y: Float64Array, yOff: number): void {
    checkDim('gemv', 'm', m); checkDim('gemv', 'n', n);
    checkMat('gemv', 'A', A, aOff, lda, m, n);
    const lx = trans ? m : n, ly = trans ? n : m;
    checkVec('gemv', 'x', x, xOff, lx);
    checkVec('gemv', 'y', y, yOff, ly);
    const st = this.st;
    st.begin();
    const pa = st.f64(A, aOff, f64extent(m, n, lda), false);
    const px = st.f64(x, xOff, lx, false);
    const py = st.f64(y, yOff, ly, true);
    if (!st.fits) return tsKernels.gemv(trans, m, n, alpha, A, aOff, lda, x, xOff, beta, y, yOff);
    this.ex.gemv(trans ? 1 : 0, m, n, alpha, pa, lda, px, beta, py);
    st.end();
  }

  symv(n: number, alpha: number, S: Float64Array, sOff: number, lds: number, x: Float64Array, xOff: number, beta: number, y: Float64Array, yOff: number): void {
    checkSquare('symv', 'S', n, S, sOff, lds);
    checkVec('symv', 'x', x, xOff, n);
    checkVec('symv', 'y', y, yOff, n);
    const st = this.st;
    st.begin();
    const ps = st.f64(S, sOff, f64extent(n, n, lds), false);
    const px = st.f64(x, xOff, n, false);
    const py = st.f64(y, yOff, n, true);
    if (!st.fits) return tsKernels.symv(n, alpha, S, sOff, lds, x, xOff, beta, y, yOff);
    this.ex.symv(n, alpha, ps, lds, px, beta, py);
    st.end();
  }

  hadamard(m: number, n: number, A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, ldb: number, C: Float64Array, cOff: number, ldc: number): void {
    checkDim('hadamard', 'm', m); checkDim('hadamard', 'n', n);
    checkMat('hadamard', 'A', A, aOff, lda, m, n);
    checkMat('hadamard', 'B', B, bOff, ldb, m, n);
    checkMat('hadamard', 'C', C, cOff, ldc, m, n);
    const st = this.st;
    st.begin();
    const pa = st.f64(A, aOff, f64extent(m, n, lda), false);
    const pb = st.f64(B, bOff, f64extent(m, n, ldb), false);
    const pc = st.f64(C, cOff, f64extent(m, n, ldc), true);
    if (!st.fits) return tsKernels.hadamard(m, n, A, aOff, lda, B, bOff, ldb, C, cOff, ldc);
    this.ex.hadamard(m, n, pa, lda, pb, ldb, pc, ldc);
    st.end();
  }

  rowProducts(n: number, d: number, X: Float64Array, xOff: number, ldx: number, Q: Float64Array, qOff: number, ldq: number): void {
    checkDim('rowProducts', 'n', n); checkDim('rowProducts', 'd', d);
    const dq = (d * (d + 1)) / 2;
    checkMat('rowProducts', 'X', X, xOff, ldx, n, d);
    checkMat('rowProducts', 'Q', Q, qOff, ldq, n, dq);
    const st = this.st;
    st.begin();
    const px = st.f64(X, xOff, f64extent(n, d, ldx), false);
    const pq = st.f64(Q, qOff, f64extent(n, dq, ldq), true);
    if (!st.fits) return tsKernels.rowProducts(n, d, X, xOff, ldx, Q, qOff, ldq);
    this.ex.rowProducts(n, d, px, ldx, pq, ldq);
    st.end();
  }

  unpackLower(d: number, P: Float64Array, pOff: number, C: Float64Array, cOff: number, ldc: number): void {
    checkDim('unpackLower', 'd', d);
    const dq = (d * (d + 1)) / 2;
    checkVec('unpackLower', 'P', P, pOff, dq);
    checkMat('unpackLower', 'C', C, cOff, ldc, d, d);
    const st = this.st;
    st.begin();
    const pp = st.f64(P, pOff, dq, false);
    const pc = st.f64(C, cOff, f64extent(d, d, ldc), true);
    if (!st.fits) return tsKernels.unpackLower(d, P, pOff, C, cOff, ldc);
    this.ex.unpackLower(d, pp, pc, ldc);
    st.end();
  }

  gatherRows(k: number, nRows: number, rows: Int32Array, rowsOff: number, A: Float64Array, aOff: number, lda: number, w: Float64Array | null, wOff: number, out: Float64Array, oOff: number, ldo: number): void {
    checkDim('gatherRows', 'k', k); checkDim('gatherRows', 'nRows', nRows);
    checkMat('gatherRows', 'out', out, oOff, ldo, nRows, k);
    if (k === 0 || nRows === 0) return;
    checkMat('gatherRows', 'A', A, aOff, lda, 1, k);
    checkRows('gatherRows', rows, rowsOff, nRows, rowsAvailable(A.length, aOff, lda, k));
    let maxRow = 0;
    for (let t = 0; t < nRows; t++) if (rows[rowsOff + t]! > maxRow) maxRow = rows[rowsOff + t]!;
    if (w) checkVec('gatherRows', 'w', w, wOff, maxRow + 1);
    const st = this.st;
    st.begin();
    const pr = st.i32(rows, rowsOff, nRows);
    const pa = st.f64(A, aOff, f64extent(maxRow + 1, k, lda), false);
    const pw = w ? st.f64(w, wOff, maxRow + 1, false) : STATIC_BYTES;
    const po = st.f64(out, oOff, f64extent(nRows, k, ldo), true);
    if (!st.fits) return tsKernels.gatherRows(k, nRows, rows, rowsOff, A, aOff, lda, w, wOff, out, oOff, ldo);
    this.ex.gatherRows(k, nRows, pr, pa, lda, pw, w ? 1 : 0, po, ldo);
    st.end();
  }

  potrfBatched(count: number, n: number, A: Float64Array, aOff: number, lda: number, stride: number, info: Int32Array | null, infoOff: number): number {
    checkDim('potrfBatched', 'n', n);
    checkBatch('potrfBatched', 'A', A, aOff, lda, stride, count, n, n, true);
    if (info) checkVec('potrfBatched', 'info', info, infoOff, count);
    if (count === 0) return 0;
    const st = this.st;
    st.begin();
    const pa = st.f64(A, aOff, (count - 1) * stride + f64extent(n, n, lda), true);
    // info is an output: in our memory it is written directly, else through a scratch copy
    const buf = this.buf;
    const direct = info !== null && info.buffer === buf;
    const pi = info ? (direct ? info.byteOffset + infoOff * 4 : st.i32(new Int32Array(count), 0, count)) : STATIC_BYTES;
    if (!st.fits) return tsKernels.potrfBatched(count, n, A, aOff, lda, stride, info, infoOff);
    const failed = this.ex.potrfBatched(count, n, pa, lda, stride, pi, info ? 1 : 0);
    if (info && !direct) info.set(new Int32Array(this.buf, pi, count), infoOff);
    st.end();
    return failed;
  }

  potrsBatched(count: number, n: number, L: Float64Array, lOff: number, ldl: number, lStride: number, x: Float64Array, xOff: number, xStride: number): void {
    checkDim('potrsBatched', 'n', n);
    checkBatch('potrsBatched', 'L', L, lOff, ldl, lStride, count, n, n, false);
    checkBatch('potrsBatched', 'x', x, xOff, Math.max(1, n), xStride, count, 1, n, true);
    if (count === 0 || n === 0) return;
    const st = this.st;
    st.begin();
    const pl = st.f64(L, lOff, (count - 1) * lStride + f64extent(n, n, ldl), false);
    const px = st.f64(x, xOff, (count - 1) * xStride + n, true);
    if (!st.fits) return tsKernels.potrsBatched(count, n, L, lOff, ldl, lStride, x, xOff, xStride);
    this.ex.potrsBatched(count, n, pl, ldl, lStride, px, xStride);
    st.end();
  }

  trsmLeftBatched(trans: boolean, count: number, n: number, m: number, L: Float64Array, lOff: number, ldl: number, lStride: number, B: Float64Array, bOff: number, ldb: number, bStride: number): void {
    checkDim('trsmLeftBatched', 'n', n); checkDim('trsmLeftBatched', 'm', m);
    checkBatch('trsmLeftBatched', 'L', L, lOff, ldl, lStride, count, n, n, false);
    checkBatch('trsmLeftBatched', 'B', B, bOff, ldb, bStride, count, n, m, true);
    if (count === 0 || n === 0 || m === 0) return;
    const st = this.st;
    st.begin();
    const pl = st.f64(L, lOff, (count - 1) * lStride + f64extent(n, n, ldl), false);
    const pb = st.f64(B, bOff, (count - 1) * bStride + f64extent(n, m, ldb), true);
    if (!st.fits) return tsKernels.trsmLeftBatched(trans, count, n, m, L, lOff, ldl, lStride, B, bOff, ldb, bStride);
    this.ex.trsmLeftBatched(trans ? 1 : 0, count, n, m, pl, ldl, lStride, pb, ldb, bStride);
    st.end();
  }

  linNewtonRhs(n: number, rz: Float64Array, wl: Float64Array, dsT: Float64Array, lam: Float64Array, t: Float64Array): void {
    checkDim('linNewtonRhs', 'n', n);
    checkVec('linNewtonRhs', 'rz', rz, 0, n); checkVec('linNewtonRhs', 'wl', wl, 0, n); checkVec('linNewtonRhs', 'dsT', dsT, 0, n);
    checkVec('linNewtonRhs', 'lam', lam, 0, n); checkVec('linNewtonRhs', 't', t, 0, n);
    const st = this.st;
    st.begin();
    const a = st.f64(rz, 0, n, false), b = st.f64(wl, 0, n, false), c = st.f64(dsT, 0, n, false), d = st.f64(lam, 0, n, false), e = st.f64(t, 0, n, true);
    if (!st.fits) return tsKernels.linNewtonRhs(n, rz, wl, dsT, lam, t);
    this.ex.linNewtonRhs(n, a, b, c, d, e);
    st.end();
  }

  linNewtonBack(n: number, rz: Float64Array, gdx: Float64Array, w2i: Float64Array, t: Float64Array, ds: Float64Array, dz: Float64Array): void {
    checkDim('linNewtonBack', 'n', n);
    checkVec('linNewtonBack', 'rz', rz, 0, n); checkVec('linNewtonBack', 'gdx', gdx, 0, n); checkVec('linNewtonBack', 'w2i', w2i, 0, n);
    checkVec('linNewtonBack', 't', t, 0, n); checkVec('linNewtonBack', 'ds', ds, 0, n); checkVec('linNewtonBack', 'dz', dz, 0, n);
    const st = this.st;
    st.begin();
    const a = st.f64(rz, 0, n, false), b = st.f64(gdx, 0, n, false), c = st.f64(w2i, 0, n, false), d = st.f64(t, 0, n, false);
    const e = st.f64(ds, 0, n, true), f = st.f64(dz, 0, n, true);
    if (!st.fits) return tsKernels.linNewtonBack(n, rz, gdx, w2i, t, ds, dz);
    this.ex.linNewtonBack(n, a, b, c, d, e, f);
    st.end();
  }

  jacobiEig(n: number, A: Float64Array, aOff: number, V: Float64Array, vOff: number): void {
    checkSquare('jacobiEig', 'A', n, A, aOff, n); checkSquare('jacobiEig', 'V', n, V, vOff, n);
    const st = this.st;
    st.begin();
    const pa = st.f64(A, aOff, n * n, true), pv = st.f64(V, vOff, n * n, true);
    if (!st.fits) return tsKernels.jacobiEig(n, A, aOff, V, vOff);
    this.ex.jacobiEig(n, pa, pv);
    st.end();
  }

  gaussSolve(k: number, M: Float64Array, mOff: number, x: Float64Array, xOff: number): boolean {
    checkSquare('gaussSolve', 'M', k, M, mOff, k); checkVec('gaussSolve', 'x', x, xOff, k);
    const st = this.st;
    st.begin();
    const pm = st.f64(M, mOff, k * k, true), px = st.f64(x, xOff, k, true);
    if (!st.fits) return tsKernels.gaussSolve(k, M, mOff, x, xOff);
    const r = this.ex.gaussSolve(k, pm, px);
    st.end();
    return r !== 0;
  }

  coneHessians(Bc: number, d: number, T: number, coneStart: number, Hp: Float64Array, eta: Float64Array, wv: Float64Array, HL: Float64Array): void {
    checkDim('coneHessians', 'Bc', Bc); checkDim('coneHessians', 'd', d);
    const D = d + 1;
    if (T !== (d * (d + 1)) / 2) throw new RangeError(`coneHessians: T = ${T}: expected d (d + 1) / 2 = ${(d * (d + 1)) / 2}`);
    checkVec('coneHessians', 'Hp', Hp, 0, Bc * T); checkVec('coneHessians', 'eta', eta, 0, coneStart + Bc);
    checkVec('coneHessians', 'wv', wv, 0, (coneStart + Bc) * D); checkVec('coneHessians', 'HL', HL, 0, Bc * D * D);
    const st = this.st;
    st.begin();
    const ph = st.f64(Hp, 0, Bc * T, false), pe = st.f64(eta, 0, coneStart + Bc, false), pw = st.f64(wv, 0, (coneStart + Bc) * D, false);
    const pl = st.f64(HL, 0, Bc * D * D, true);
    if (!st.fits) return tsKernels.coneHessians(Bc, d, T, coneStart, Hp, eta, wv, HL);
    this.ex.coneHessians(Bc, d, T, coneStart, ph, pe, pw, pl);
    st.end();
  }

  schurGroups(a: SchurGroupsArgs): void {
    checkSchurGroups(a);
    const st = this.st;
    st.begin();
    const i32 = (x: Int32Array) => st.i32(x, 0, x.length);
    const pgf = i32(a.groupFirst), pgs = i32(a.groupSize), prc = i32(a.rowCnt), pro = i32(a.rowOff), pxo = i32(a.xtsOff), prl = i32(a.rowList);
    const phl = st.f64(a.HL, 0, a.HL.length, false), px = st.f64(a.xts, 0, a.xts.length, false);
    const py = st.f64(a.Yc, 0, a.Yc.length, false), pt = st.f64(a.Tq, 0, a.Tq.length, false), ps = st.f64(a.S, 0, a.n * a.n, true);
    if (!st.fits) return tsKernels.schurGroups(a);
    this.ex.schurGroups(a.G, a.D, a.n, a.coneStart, pgf, pgs, prc, pro, pxo, prl, phl, px, py, pt, ps);
    st.end();
  }

  colSumProd(m: number, n: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, beta: number, out: Float64Array, oOff: number): void {
    checkDim('colSumProd', 'm', m); checkDim('colSumProd', 'n', n);
    checkVec('colSumProd', 'A', A, aOff, m * n); checkVec('colSumProd', 'B', B, bOff, m * n); checkVec('colSumProd', 'out', out, oOff, n);
    const st = this.st;
    st.begin();
    const pa = st.f64(A, aOff, m * n, false), pb = st.f64(B, bOff, m * n, false), po = st.f64(out, oOff, n, true);
    if (!st.fits) return tsKernels.colSumProd(m, n, A, aOff, B, bOff, beta, out, oOff);
    this.ex.colSumProd(m, n, pa, pb, beta, po);
    st.end();
  }

  scaleCols(m: number, n: number, A: Float64Array, aOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void {
    checkDim('scaleCols', 'm', m); checkDim('scaleCols', 'n', n);
    checkVec('scaleCols', 'A', A, aOff, m * n); checkVec('scaleCols', 'v', v, vOff, n); checkVec('scaleCols', 'out', out, oOff, m * n);
    const st = this.st;
    st.begin();
    const pa = st.f64(A, aOff, m * n, false), pv = st.f64(v, vOff, n, false), po = st.f64(out, oOff, m * n, true);
    if (!st.fits) return tsKernels.scaleCols(m, n, A, aOff, v, vOff, out, oOff);
    this.ex.scaleCols(m, n, pa, pv, po);
    st.end();
  }

  vdiv(n: number, x: Float64Array, xOff: number, y: Float64Array, yOff: number, out: Float64Array, oOff: number): void {
    checkDim('vdiv', 'n', n); checkVec('vdiv', 'x', x, xOff, n); checkVec('vdiv', 'y', y, yOff, n); checkVec('vdiv', 'out', out, oOff, n);
    const st = this.st;
    st.begin();
    const px = st.f64(x, xOff, n, false), py = st.f64(y, yOff, n, false), po = st.f64(out, oOff, n, true);
    if (!st.fits) return tsKernels.vdiv(n, x, xOff, y, yOff, out, oOff);
    this.ex.vdiv(n, px, py, po);
    st.end();
  }

  linMaxStep(n: number, v: Float64Array, vOff: number, dv: Float64Array, dvOff: number): number {
    checkDim('linMaxStep', 'n', n); checkVec('linMaxStep', 'v', v, vOff, n); checkVec('linMaxStep', 'dv', dv, dvOff, n);
    const st = this.st;
    st.begin();
    const pv = st.f64(v, vOff, n, false), pd = st.f64(dv, dvOff, n, false);
    if (!st.fits) return tsKernels.linMaxStep(n, v, vOff, dv, dvOff);
    const r = this.ex.linMaxStep(n, pv, pd);
    st.end();
    return r;
  }

  linNT(n: number, s: Float64Array, sOff: number, z: Float64Array, zOff: number, w2i: Float64Array, wOff: number, wl: Float64Array, lOff: number, lam: Float64Array, lamOff: number): void {
    checkDim('linNT', 'n', n);
    for (const [name, a, off] of [['s', s, sOff], ['z', z, zOff], ['w2i', w2i, wOff], ['wl', wl, lOff], ['lam', lam, lamOff]] as const) checkVec('linNT', name, a, off, n);
    const st = this.st;
    st.begin();
    const ps = st.f64(s, sOff, n, false), pz = st.f64(z, zOff, n, false);
    const pw = st.f64(w2i, wOff, n, true), pl = st.f64(wl, lOff, n, true), pm = st.f64(lam, lamOff, n, true);
    if (!st.fits) return tsKernels.linNT(n, s, sOff, z, zOff, w2i, wOff, wl, lOff, lam, lamOff);
    this.ex.linNT(n, ps, pz, pw, pl, pm);
    st.end();
  }

  socProd(count: number, len: number, u: Float64Array, uOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void {
    checkSoc('socProd', count, len, [['u', u, uOff], ['v', v, vOff], ['out', out, oOff]]);
    const st = this.st, N = count * len;
    st.begin();
    const pu = st.f64(u, uOff, N, false), pv = st.f64(v, vOff, N, false), po = st.f64(out, oOff, N, true);
    if (!st.fits) return tsKernels.socProd(count, len, u, uOff, v, vOff, out, oOff);
    this.ex.socProd(count, len, pu, pv, po);
    st.end();
  }

  socDiv(count: number, len: number, lam: Float64Array, lOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void {
    checkSoc('socDiv', count, len, [['lam', lam, lOff], ['v', v, vOff], ['out', out, oOff]]);
    const st = this.st, N = count * len;
    st.begin();
    const pl = st.f64(lam, lOff, N, false), pv = st.f64(v, vOff, N, false), po = st.f64(out, oOff, N, true);
    if (!st.fits) return tsKernels.socDiv(count, len, lam, lOff, v, vOff, out, oOff);
    this.ex.socDiv(count, len, pl, pv, po);
    st.end();
  }

  socMaxStep(count: number, len: number, v: Float64Array, vOff: number, dv: Float64Array, dvOff: number): number {
    checkSoc('socMaxStep', count, len, [['v', v, vOff], ['dv', dv, dvOff]]);
    const st = this.st, N = count * len;
    st.begin();
    const pv = st.f64(v, vOff, N, false), pd = st.f64(dv, dvOff, N, false);
    if (!st.fits) return tsKernels.socMaxStep(count, len, v, vOff, dv, dvOff);
    const r = this.ex.socMaxStep(count, len, pv, pd);
    st.end();
    return r;
  }

  socNT(count: number, len: number, s: Float64Array, sOff: number, z: Float64Array, zOff: number, w: Float64Array, wOff: number, eta: Float64Array, etaOff: number, lam: Float64Array, lamOff: number): void {
    checkSoc('socNT', count, len, [['s', s, sOff], ['z', z, zOff], ['w', w, wOff], ['lam', lam, lamOff]]);
    checkVec('socNT', 'eta', eta, etaOff, count);
    const st = this.st, N = count * len;
    st.begin();
    const ps = st.f64(s, sOff, N, false), pz = st.f64(z, zOff, N, false);
    const pw = st.f64(w, wOff, N, true), pe = st.f64(eta, etaOff, count, true), pl = st.f64(lam, lamOff, N, true);
    if (!st.fits) return tsKernels.socNT(count, len, s, sOff, z, zOff, w, wOff, eta, etaOff, lam, lamOff);
    this.ex.socNT(count, len, ps, pz, pw, pe, pl);
    st.end();
  }

  socScale(inverse: boolean, count: number, len: number, eta: Float64Array, etaOff: number, w: Float64Array, wOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void {
    checkDim('socScale', 'count', count); checkDim('socScale', 'len', len);
    if (count > 0 && len === 0) throw new RangeError('socScale: len = 0: expected len >= 1 for a cone block');
    checkVec('socScale', 'eta', eta, etaOff, count);
    checkVec('socScale', 'w', w, wOff, count * len);
    checkVec('socScale', 'v', v, vOff, count * len);
    checkVec('socScale', 'out', out, oOff, count * len);
    if (count === 0) return;
    const st = this.st;
    st.begin();
    const pe = st.f64(eta, etaOff, count, false);
    const pw = st.f64(w, wOff, count * len, false);
    // in place (out is v at the same offset): one staged array, read and written
    const inPlace = out === v && oOff === vOff;
    const pv = st.f64(v, vOff, count * len, inPlace);
    const po = inPlace ? pv : st.f64(out, oOff, count * len, true);
    if (!st.fits) return tsKernels.socScale(inverse, count, len, eta, etaOff, w, wOff, v, vOff, out, oOff);
    this.ex.socScale(inverse ? 1 : 0, count, len, pe, pw, pv, po);
    st.end();
  }

  dot(n: number, x: Float64Array, xOff: number, y: Float64Array, yOff: number): number {
    checkDim('dot', 'n', n); checkVec('dot', 'x', x, xOff, n); checkVec('dot', 'y', y, yOff, n);
    const st = this.st;
    st.begin();
    const px = st.f64(x, xOff, n, false);
    const py = st.f64(y, yOff, n, false);
    if (!st.fits) return tsKernels.dot(n, x, xOff, y, yOff);
    return this.ex.dot(n, px, py);
  }

  axpy(n: number, alpha: number, x: Float64Array, xOff: number, y: Float64Array, yOff: number): void {
    checkDim('axpy', 'n', n); checkVec('axpy', 'x', x, xOff, n); checkVec('axpy', 'y', y, yOff, n);
    const st = this.st;
    st.begin();
    const px = st.f64(x, xOff, n, false);
    const py = st.f64(y, yOff, n, true);
    if (!st.fits) return tsKernels.axpy(n, alpha, x, xOff, y, yOff);
    this.ex.axpy(n, alpha, px, py);
    st.end();
  }

  lincomb(n: number, a: number, x: Float64Array, xOff: number, b: number, y: Float64Array, yOff: number, c: number, out: Float64Array, oOff: number): void {
    checkDim('lincomb', 'n', n); checkVec('lincomb', 'x', x, xOff, n); checkVec('lincomb', 'y', y, yOff, n); checkVec('lincomb', 'out', out, oOff, n);
    const st = this.st;
    st.begin();
    const px = st.f64(x, xOff, n, false);
    const py = st.f64(y, yOff, n, false);
    const po = st.f64(out, oOff, n, true);
    if (!st.fits) return tsKernels.lincomb(n, a, x, xOff, b, y, yOff, c, out, oOff);
    this.ex.lincomb(n, a, px, b, py, c, po);
    st.end();
  }
}

let instance: WasmKernels | undefined;

/** This thread's wasm kernels (instantiated on first call); KernelError WASM_UNAVAILABLE where the module does not compile. */
export function loadWasmKernels(): WasmKernels {
  if (instance) return instance;
  const module = compiledModule();
  if (!module) throw new KernelError('WASM_UNAVAILABLE', `wasm kernels: ${WASM_URL.pathname} does not compile here (WebAssembly SIMD missing?): ${moduleError}`);
  instance = new WasmKernels(module);
  return instance;
}
