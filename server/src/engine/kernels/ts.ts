/**
 * The TypeScript reference kernels: straightforward loops over row-major Float64Arrays, in the natural
 * summation order. They define what the wasm kernels must compute (up to rounding) and run wherever
 * WebAssembly SIMD does not.
 */
import type { Arena, Kernels, SchurGroupsArgs } from './types.ts';
import { KernelError } from './types.ts';
import { checkDim, checkMat, checkVec, checkRows, rowsAvailable } from './check.ts';
import { socMaxStep as socMaxStepOne, socNT, socApplyW } from '../soc.ts';

/** the extents schurGroups reads and writes: every group inside its arrays (throws a RangeError naming what is not) */
export function checkSchurGroups(a: SchurGroupsArgs): void {
  const { G, D, n, coneStart } = a;
  checkDim('schurGroups', 'G', G); checkDim('schurGroups', 'D', D); checkDim('schurGroups', 'n', n); checkDim('schurGroups', 'coneStart', coneStart);
  if (a.groupFirst.length < G || a.groupSize.length < G || a.xtsOff.length < G) throw new RangeError(`schurGroups: groupFirst, groupSize and xtsOff need G = ${G} entries`);
  if (a.S.length < n * n) throw new RangeError(`schurGroups: S has ${a.S.length} entries; n x n = ${n * n} needed`);
  for (let g = 0; g < G; g++) {
    const b = a.groupFirst[g]!, gs = a.groupSize[g]!;
    if (!(b >= coneStart && b < a.rowCnt.length && b < a.rowOff.length) || !(gs === 1 || gs === 2)) throw new RangeError(`schurGroups: group ${g}: first block ${b} or size ${gs} out of range`);
    const q = a.rowCnt[b]!, ro = a.rowOff[b]!;
    if (q === 0) continue;
    if (!(q > 0 && ro >= 0 && ro + q <= a.rowList.length)) throw new RangeError(`schurGroups: group ${g}: rows ${ro}..${ro + q} outside rowList (${a.rowList.length})`);
    if ((b + gs - coneStart) * D * D > a.HL.length) throw new RangeError(`schurGroups: group ${g}: factor of block ${b + gs - 1} outside HL`);
    if (!(a.xtsOff[g]! >= 0 && a.xtsOff[g]! + D * q <= a.xts.length)) throw new RangeError(`schurGroups: group ${g}: its D x q matrix is outside xts`);
    if (a.Yc.length < gs * D * q || a.Tq.length < q * q) throw new RangeError(`schurGroups: group ${g}: scratch Yc needs ${gs * D * q} and Tq ${q * q} entries`);
    for (let t = 0; t < q; t++) {
      const r = a.rowList[ro + t]!;
      if (!(r >= 0 && r < n)) throw new RangeError(`schurGroups: group ${g}: row ${r} outside 0..${n - 1}`);
    }
  }
}

/** a batch of `count` cone blocks of length `len` (len >= 1) in each named array */
export function checkSoc(kernel: string, count: number, len: number, arrays: [string, Float64Array, number][]): void {
  checkDim(kernel, 'count', count);
  checkDim(kernel, 'len', len);
  if (count > 0 && len === 0) throw new RangeError(`${kernel}: len = 0: expected len >= 1 for a cone block`);
  for (const [name, a, off] of arrays) checkVec(kernel, name, a, off, count * len);
}

/** An arena of plain Float64Arrays carved from one ArrayBuffer (bump allocation, stack release). */
export class HeapArena implements Arena {
  private readonly buf: ArrayBuffer;
  private used = 0;
  constructor(readonly capacityBytes: number) {
    checkDim('createArena', 'capacityBytes', capacityBytes);
    this.buf = new ArrayBuffer(capacityBytes);
  }
  get usedBytes(): number {
    return this.used;
  }
  private take(bytes: number): number {
    const start = (this.used + 15) & ~15;
    if (start + bytes > this.capacityBytes) {
      throw new KernelError('ARENA_FULL', `arena: ${bytes} bytes requested, ${this.capacityBytes - start} of ${this.capacityBytes} left`);
    }
    this.used = start + bytes;
    return start;
  }
  f64(length: number): Float64Array {
    checkDim('arena.f64', 'length', length);
    return new Float64Array(this.buf, this.take(length * 8), length).fill(0);
  }
  i32(length: number): Int32Array {
    checkDim('arena.i32', 'length', length);
    return new Int32Array(this.buf, this.take(length * 4), length).fill(0);
  }
  mark(): number {
    return this.used;
  }
  release(mark: number): void {
    if (!Number.isInteger(mark) || mark < 0 || mark > this.used) throw new RangeError(`arena.release: mark = ${mark}: expected a value returned by mark() (<= ${this.used})`);
    this.used = mark;
  }
  dispose(): void {
    this.used = this.capacityBytes;
  }
}

// ---- argument checks (shared with the wasm binding) ----

export function checkGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, ldb: number, C: Float64Array, cOff: number, ldc: number,
): void {
  checkDim('gemm', 'm', m); checkDim('gemm', 'n', n); checkDim('gemm', 'k', k);
  if (m > 0 && n > 0 && k > 0) {
    checkMat('gemm', 'A', A, aOff, lda, transA ? k : m, transA ? m : k);
    checkMat('gemm', 'B', B, bOff, ldb, transB ? n : k, transB ? k : n);
  }
  checkMat('gemm', 'C', C, cOff, ldc, m, n);
}

export function checkSyrkRows(
  k: number, nRows: number, rows: Int32Array | null, rowsOff: number, A: Float64Array, aOff: number, lda: number,
  w: Float64Array | null, wOff: number, C: Float64Array, cOff: number, ldc: number,
): void {
  checkDim('syrkRows', 'k', k); checkDim('syrkRows', 'nRows', nRows);
  checkMat('syrkRows', 'C', C, cOff, ldc, k, k);
  if (k === 0 || nRows === 0) return;
  checkMat('syrkRows', 'A', A, aOff, lda, 1, k);
  const avail = rowsAvailable(A.length, aOff, lda, k);
  let maxRow = nRows - 1;
  if (rows) {
    checkRows('syrkRows', rows, rowsOff, nRows, avail);
    maxRow = 0;
    for (let t = 0; t < nRows; t++) maxRow = Math.max(maxRow, rows[rowsOff + t]!);
  } else {
    checkMat('syrkRows', 'A', A, aOff, lda, nRows, k);
  }
  if (w) checkVec('syrkRows', 'w', w, wOff, maxRow + 1);
}

export function checkSyrk(trans: boolean, n: number, k: number, A: Float64Array, aOff: number, lda: number, C: Float64Array, cOff: number, ldc: number): void {
  checkDim('syrk', 'n', n); checkDim('syrk', 'k', k);
  if (n > 0 && k > 0) checkMat('syrk', 'A', A, aOff, lda, trans ? k : n, trans ? n : k);
  checkMat('syrk', 'C', C, cOff, ldc, n, n);
}

export function checkSquare(kernel: string, name: string, n: number, L: Float64Array, off: number, ld: number): void {
  checkDim(kernel, 'n', n);
  checkMat(kernel, name, L, off, ld, n, n);
}

/** batched block b of (a, off, ld, stride) with rows x cols blocks; outputs must not overlap */
export function checkBatch(kernel: string, name: string, a: ArrayLike<number>, off: number, ld: number, stride: number, count: number, rows: number, cols: number, output: boolean): void {
  checkDim(kernel, 'count', count);
  if (!Number.isInteger(stride) || stride < 0) throw new RangeError(`${kernel}: stride of ${name} = ${stride}: expected an integer >= 0`);
  if (count === 0) return;
  const extent = rows === 0 || cols === 0 ? 0 : (rows - 1) * ld + cols;
  if (output && count > 1 && stride < extent) throw new RangeError(`${kernel}: stride of ${name} = ${stride}: output blocks would overlap (each spans ${extent} entries)`);
  checkMat(kernel, name, a, off, ld, rows, cols);
  if (extent > 0) checkMat(kernel, `${name} (block ${count - 1})`, a, off + (count - 1) * stride, ld, rows, cols);
}

// ---- the reference kernels ----

export const tsKernels: Kernels = {
  name: 'ts',

  createArena(capacityBytes: number): Arena {
    return new HeapArena(capacityBytes);
  },

  gemm(transA, transB, m, n, k, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc) {
    checkGemm(transA, transB, m, n, k, A, aOff, lda, B, bOff, ldb, C, cOff, ldc);
    for (let i = 0; i < m; i++) {
      const ci = cOff + i * ldc;
      if (beta === 0) for (let j = 0; j < n; j++) C[ci + j] = 0;
      else if (beta !== 1) for (let j = 0; j < n; j++) C[ci + j]! *= beta;
    }
    if (k === 0 || alpha === 0) return;
    for (let i = 0; i < m; i++) {
      const ci = cOff + i * ldc;
      for (let p = 0; p < k; p++) {
        const aip = alpha * (transA ? A[aOff + p * lda + i]! : A[aOff + i * lda + p]!);
        if (transB) {
          for (let j = 0; j < n; j++) C[ci + j]! += aip * B[bOff + j * ldb + p]!;
        } else {
          const bp = bOff + p * ldb;
          for (let j = 0; j < n; j++) C[ci + j]! += aip * B[bp + j]!;
        }
      }
    }
  },

  syrkRows(k, nRows, rows, rowsOff, A, aOff, lda, w, wOff, beta, C, cOff, ldc) {
    checkSyrkRows(k, nRows, rows, rowsOff, A, aOff, lda, w, wOff, C, cOff, ldc);
    for (let a = 0; a < k; a++) {
      const ca = cOff + a * ldc;
      if (beta === 0) for (let b = 0; b <= a; b++) C[ca + b] = 0;
      else if (beta !== 1) for (let b = 0; b <= a; b++) C[ca + b]! *= beta;
    }
    for (let t = 0; t < nRows; t++) {
      const r = rows ? rows[rowsOff + t]! : t;
      const wr = w ? w[wOff + r]! : 1;
      const ar = aOff + r * lda;
      for (let a = 0; a < k; a++) {
        const s = wr * A[ar + a]!;
        const ca = cOff + a * ldc;
        for (let b = 0; b <= a; b++) C[ca + b]! += s * A[ar + b]!;
      }
    }
  },

  syrk(trans, n, k, alpha, A, aOff, lda, beta, C, cOff, ldc) {
    checkSyrk(trans, n, k, A, aOff, lda, C, cOff, ldc);
    for (let i = 0; i < n; i++) {
      const ci = cOff + i * ldc;
      for (let j = 0; j <= i; j++) {
        let s = 0;
        if (trans) for (let p = 0; p < k; p++) s += A[aOff + p * lda + i]! * A[aOff + p * lda + j]!;
        else for (let p = 0; p < k; p++) s += A[aOff + i * lda + p]! * A[aOff + j * lda + p]!;
        C[ci + j] = (beta === 0 ? 0 : beta * C[ci + j]!) + alpha * s;
      }
    }
  },

  potrf(n, A, aOff, lda) {
    checkSquare('potrf', 'A', n, A, aOff, lda);
    for (let j = 0; j < n; j++) {
      const jj = aOff + j * lda;
      let dj = A[jj + j]!;
      for (let p = 0; p < j; p++) dj -= A[jj + p]! * A[jj + p]!;
      if (!(dj > 0)) return j;
      const ljj = Math.sqrt(dj);
      A[jj + j] = ljj;
      const inv = 1 / ljj;
      for (let i = j + 1; i < n; i++) {
        const ii = aOff + i * lda;
        let s = A[ii + j]!;
        for (let p = 0; p < j; p++) s -= A[ii + p]! * A[jj + p]!;
        A[ii + j] = s * inv;
      }
    }
    return -1;
  },

  trsv(trans, n, L, lOff, ldl, x, xOff) {
    checkSquare('trsv', 'L', n, L, lOff, ldl);
    checkVec('trsv', 'x', x, xOff, n);
    if (!trans) {
      for (let i = 0; i < n; i++) {
        const li = lOff + i * ldl;
        let s = x[xOff + i]!;
        for (let p = 0; p < i; p++) s -= L[li + p]! * x[xOff + p]!;
        x[xOff + i] = s / L[li + i]!;
      }
    } else {
      for (let i = n - 1; i >= 0; i--) {
        let s = x[xOff + i]!;
        for (let p = i + 1; p < n; p++) s -= L[lOff + p * ldl + i]! * x[xOff + p]!;
        x[xOff + i] = s / L[lOff + i * ldl + i]!;
      }
    }
  },

  potrs(n, L, lOff, ldl, x, xOff) {
    this.trsv(false, n, L, lOff, ldl, x, xOff);
    this.trsv(true, n, L, lOff, ldl, x, xOff);
  },

  trsmLeft(trans, n, m, L, lOff, ldl, B, bOff, ldb) {
    checkSquare('trsmLeft', 'L', n, L, lOff, ldl);
    checkDim('trsmLeft', 'm', m);
    checkMat('trsmLeft', 'B', B, bOff, ldb, n, m);
    if (!trans) {
      for (let i = 0; i < n; i++) {
        const bi = bOff + i * ldb, li = lOff + i * ldl;
        for (let p = 0; p < i; p++) {
          const l = L[li + p]!;
          const bp = bOff + p * ldb;
          for (let j = 0; j < m; j++) B[bi + j]! -= l * B[bp + j]!;
        }
        const inv = 1 / L[li + i]!;
        for (let j = 0; j < m; j++) B[bi + j]! *= inv;
      }
    } else {
      for (let i = n - 1; i >= 0; i--) {
        const bi = bOff + i * ldb;
        for (let p = i + 1; p < n; p++) {
          const l = L[lOff + p * ldl + i]!;
          const bp = bOff + p * ldb;
          for (let j = 0; j < m; j++) B[bi + j]! -= l * B[bp + j]!;
        }
        const inv = 1 / L[lOff + i * ldl + i]!;
        for (let j = 0; j < m; j++) B[bi + j]! *= inv;
      }
    }
  },

  trsmRight(trans, m, n, L, lOff, ldl, B, bOff, ldb) {
    checkSquare('trsmRight', 'L', n, L, lOff, ldl);
    checkDim('trsmRight', 'm', m);
    checkMat('trsmRight', 'B', B, bOff, ldb, m, n);
    // X op(L) = B, row by row: x op(L) = b  <=>  op(L)^T x^T = b^T
    for (let r = 0; r < m; r++) {
      const br = bOff + r * ldb;
      if (trans) {
        // x L^T = b  <=>  L x^T = b^T: forward
        for (let i = 0; i < n; i++) {
          const li = lOff + i * ldl;
          let s = B[br + i]!;
          for (let p = 0; p < i; p++) s -= L[li + p]! * B[br + p]!;
          B[br + i] = s / L[li + i]!;
        }
      } else {
        // x L = b  <=>  L^T x^T = b^T: backward
        for (let i = n - 1; i >= 0; i--) {
          let s = B[br + i]!;
          for (let p = i + 1; p < n; p++) s -= L[lOff + p * ldl + i]! * B[br + p]!;
          B[br + i] = s / L[lOff + i * ldl + i]!;
        }
      }
    }
  },

  gemv(trans, m, n, alpha, A, aOff, lda, x, xOff, beta, y, yOff) {
    checkDim('gemv', 'm', m); checkDim('gemv', 'n', n);
    checkMat('gemv', 'A', A, aOff, lda, m, n);
    const lx = trans ? m : n, ly = trans ? n : m;
    checkVec('gemv', 'x', x, xOff, lx);
    checkVec('gemv', 'y', y, yOff, ly);
    for (let i = 0; i < ly; i++) y[yOff + i] = beta === 0 ? 0 : beta * y[yOff + i]!;
    if (alpha === 0) return;
    if (!trans) {
      for (let i = 0; i < m; i++) {
        const ai = aOff + i * lda;
        let s = 0;
        for (let j = 0; j < n; j++) s += A[ai + j]! * x[xOff + j]!;
        y[yOff + i]! += alpha * s;
      }
    } else {
      for (let i = 0; i < m; i++) {
        const ai = aOff + i * lda;
        const xi = alpha * x[xOff + i]!;
        for (let j = 0; j < n; j++) y[yOff + j]! += A[ai + j]! * xi;
      }
    }
  },

  symv(n, alpha, S, sOff, lds, x, xOff, beta, y, yOff) {
    checkSquare('symv', 'S', n, S, sOff, lds);
    checkVec('symv', 'x', x, xOff, n);
    checkVec('symv', 'y', y, yOff, n);
    for (let i = 0; i < n; i++) y[yOff + i] = beta === 0 ? 0 : beta * y[yOff + i]!;
    if (alpha === 0) return;
    for (let i = 0; i < n; i++) {
      const si = sOff + i * lds;
      let s = 0;
      for (let j = 0; j < i; j++) {
        s += S[si + j]! * x[xOff + j]!;
        y[yOff + j]! += alpha * S[si + j]! * x[xOff + i]!;
      }
      s += S[si + i]! * x[xOff + i]!;
      y[yOff + i]! += alpha * s;
    }
  },

  hadamard(m, n, A, aOff, lda, B, bOff, ldb, C, cOff, ldc) {
    checkDim('hadamard', 'm', m); checkDim('hadamard', 'n', n);
    checkMat('hadamard', 'A', A, aOff, lda, m, n);
    checkMat('hadamard', 'B', B, bOff, ldb, m, n);
    checkMat('hadamard', 'C', C, cOff, ldc, m, n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) C[cOff + i * ldc + j] = A[aOff + i * lda + j]! * B[bOff + i * ldb + j]!;
  },

  rowProducts(n, d, X, xOff, ldx, Q, qOff, ldq) {
    checkDim('rowProducts', 'n', n); checkDim('rowProducts', 'd', d);
    checkMat('rowProducts', 'X', X, xOff, ldx, n, d);
    checkMat('rowProducts', 'Q', Q, qOff, ldq, n, (d * (d + 1)) / 2);
    for (let i = 0; i < n; i++) {
      const xi = xOff + i * ldx;
      let q = qOff + i * ldq;
      for (let a = 0; a < d; a++) {
        const xa = X[xi + a]!;
        for (let b = 0; b <= a; b++) Q[q++] = xa * X[xi + b]!;
      }
    }
  },

  unpackLower(d, P, pOff, C, cOff, ldc) {
    checkDim('unpackLower', 'd', d);
    checkVec('unpackLower', 'P', P, pOff, (d * (d + 1)) / 2);
    checkMat('unpackLower', 'C', C, cOff, ldc, d, d);
    let q = pOff;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const v = P[q++]!;
        C[cOff + a * ldc + b] = v;
        C[cOff + b * ldc + a] = v;
      }
    }
  },

  gatherRows(k, nRows, rows, rowsOff, A, aOff, lda, w, wOff, out, oOff, ldo) {
    checkDim('gatherRows', 'k', k); checkDim('gatherRows', 'nRows', nRows);
    checkMat('gatherRows', 'out', out, oOff, ldo, nRows, k);
    if (k === 0 || nRows === 0) return;
    checkMat('gatherRows', 'A', A, aOff, lda, 1, k);
    checkRows('gatherRows', rows, rowsOff, nRows, rowsAvailable(A.length, aOff, lda, k));
    for (let t = 0; t < nRows; t++) {
      const r = rows[rowsOff + t]!;
      if (w) checkVec('gatherRows', 'w', w, wOff, r + 1);
      const s = w ? w[wOff + r]! : 1;
      const ar = aOff + r * lda, ot = oOff + t * ldo;
      for (let j = 0; j < k; j++) out[ot + j] = s * A[ar + j]!;
    }
  },

  potrfBatched(count, n, A, aOff, lda, stride, info, infoOff) {
    checkDim('potrfBatched', 'n', n);
    checkBatch('potrfBatched', 'A', A, aOff, lda, stride, count, n, n, true);
    if (info) checkVec('potrfBatched', 'info', info, infoOff, count);
    let failed = 0;
    for (let b = 0; b < count; b++) {
      const r = this.potrf(n, A, aOff + b * stride, lda);
      if (r >= 0) failed++;
      if (info) info[infoOff + b] = r;
    }
    return failed;
  },

  potrsBatched(count, n, L, lOff, ldl, lStride, x, xOff, xStride) {
    checkDim('potrsBatched', 'n', n);
    checkBatch('potrsBatched', 'L', L, lOff, ldl, lStride, count, n, n, false);
    checkBatch('potrsBatched', 'x', x, xOff, Math.max(1, n), xStride, count, 1, n, true);
    for (let b = 0; b < count; b++) this.potrs(n, L, lOff + b * lStride, ldl, x, xOff + b * xStride);
  },

  trsmLeftBatched(trans, count, n, m, L, lOff, ldl, lStride, B, bOff, ldb, bStride) {
    checkDim('trsmLeftBatched', 'n', n); checkDim('trsmLeftBatched', 'm', m);
    checkBatch('trsmLeftBatched', 'L', L, lOff, ldl, lStride, count, n, n, false);
    checkBatch('trsmLeftBatched', 'B', B, bOff, ldb, bStride, count, n, m, true);
    for (let b = 0; b < count; b++) this.trsmLeft(trans, n, m, L, lOff + b * lStride, ldl, B, bOff + b * bStride, ldb);
  },

  socScale(inverse, count, len, eta, etaOff, w, wOff, v, vOff, out, oOff) {
    checkDim('socScale', 'count', count); checkDim('socScale', 'len', len);
    if (count > 0 && len === 0) throw new RangeError('socScale: len = 0: expected len >= 1 for a cone block');
    checkVec('socScale', 'eta', eta, etaOff, count);
    checkVec('socScale', 'w', w, wOff, count * len);
    checkVec('socScale', 'v', v, vOff, count * len);
    checkVec('socScale', 'out', out, oOff, count * len);
    for (let b = 0; b < count; b++) {
      const e = eta[etaOff + b]!, wo = wOff + b * len, vo = vOff + b * len, oo = oOff + b * len;
      const w0 = w[wo]!, v0 = v[vo]!;
      if (!inverse) {
        let s = 0;
        for (let i = 0; i < len; i++) s += w[wo + i]! * v[vo + i]!;
        for (let i = 1; i < len; i++) out[oo + i] = e * (2 * w[wo + i]! * s + v[vo + i]!);
        out[oo] = e * (2 * w0 * s - v0);
      } else {
        let s = w0 * v0;
        for (let i = 1; i < len; i++) s -= w[wo + i]! * v[vo + i]!;
        for (let i = 1; i < len; i++) out[oo + i] = (-2 * w[wo + i]! * s + v[vo + i]!) / e;
        out[oo] = (2 * w0 * s - v0) / e;
      }
    }
  },

  socProd(count, len, u, uOff, v, vOff, out, oOff) {
    checkSoc('socProd', count, len, [['u', u, uOff], ['v', v, vOff], ['out', out, oOff]]);
    for (let b = 0; b < count; b++) {
      const uo = uOff + b * len, vo = vOff + b * len, oo = oOff + b * len;
      let s = 0;
      for (let i = 0; i < len; i++) s += u[uo + i]! * v[vo + i]!;
      const u0 = u[uo]!, v0 = v[vo]!;
      for (let i = 1; i < len; i++) out[oo + i] = u0 * v[vo + i]! + v0 * u[uo + i]!;
      out[oo] = s;
    }
  },

  socDiv(count, len, lam, lOff, v, vOff, out, oOff) {
    checkSoc('socDiv', count, len, [['lam', lam, lOff], ['v', v, vOff], ['out', out, oOff]]);
    for (let b = 0; b < count; b++) {
      const lo = lOff + b * len, vo = vOff + b * len, oo = oOff + b * len;
      const l0 = lam[lo]!;
      let l1v1 = 0, l1l1 = 0;
      for (let i = 1; i < len; i++) {
        l1v1 += lam[lo + i]! * v[vo + i]!;
        l1l1 += lam[lo + i]! * lam[lo + i]!;
      }
      const x0 = (l0 * v[vo]! - l1v1) / (l0 * l0 - l1l1);
      for (let i = 1; i < len; i++) out[oo + i] = (v[vo + i]! - x0 * lam[lo + i]!) / l0;
      out[oo] = x0;
    }
  },

  socMaxStep(count, len, v, vOff, dv, dvOff) {
    checkSoc('socMaxStep', count, len, [['v', v, vOff], ['dv', dv, dvOff]]);
    let best = Infinity;
    for (let b = 0; b < count; b++) {
      const a = socMaxStepOne(v, dv, vOff + b * len, len, dvOff + b * len);
      if (a < best) best = a;
    }
    return best;
  },

  socNT(count, len, s, sOff, z, zOff, w, wOff, eta, etaOff, lam, lamOff) {
    checkSoc('socNT', count, len, [['s', s, sOff], ['z', z, zOff], ['w', w, wOff], ['lam', lam, lamOff]]);
    checkVec('socNT', 'eta', eta, etaOff, count);
    for (let b = 0; b < count; b++) {
      const e = socNT(s, z, sOff + b * len, len, w, wOff + b * len, zOff + b * len);
      eta[etaOff + b] = e;
      socApplyW(e, w, wOff + b * len, len, z, zOff + b * len, lam, lamOff + b * len, false);
    }
  },

  colSumProd(m, n, A, aOff, B, bOff, beta, out, oOff) {
    checkDim('colSumProd', 'm', m); checkDim('colSumProd', 'n', n);
    checkVec('colSumProd', 'A', A, aOff, m * n); checkVec('colSumProd', 'B', B, bOff, m * n); checkVec('colSumProd', 'out', out, oOff, n);
    if (beta === 0) out.fill(0, oOff, oOff + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) out[oOff + j]! *= beta;
    for (let i = 0; i < m; i++) {
      const a = aOff + i * n, b = bOff + i * n;
      for (let j = 0; j < n; j++) out[oOff + j]! += A[a + j]! * B[b + j]!;
    }
  },

  scaleCols(m, n, A, aOff, v, vOff, out, oOff) {
    checkDim('scaleCols', 'm', m); checkDim('scaleCols', 'n', n);
    checkVec('scaleCols', 'A', A, aOff, m * n); checkVec('scaleCols', 'v', v, vOff, n); checkVec('scaleCols', 'out', out, oOff, m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[oOff + i * n + j] = A[aOff + i * n + j]! * v[vOff + j]!;
  },

  vdiv(n, x, xOff, y, yOff, out, oOff) {
    checkDim('vdiv', 'n', n); checkVec('vdiv', 'x', x, xOff, n); checkVec('vdiv', 'y', y, yOff, n); checkVec('vdiv', 'out', out, oOff, n);
    for (let j = 0; j < n; j++) out[oOff + j] = x[xOff + j]! / y[yOff + j]!;
  },

  linMaxStep(n, v, vOff, dv, dvOff) {
    checkDim('linMaxStep', 'n', n); checkVec('linMaxStep', 'v', v, vOff, n); checkVec('linMaxStep', 'dv', dv, dvOff, n);
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      const d = dv[dvOff + j]!;
      if (d < 0) {
        const a = -v[vOff + j]! / d;
        if (a < best) best = a;
      }
    }
    return best;
  },

  linNT(n, s, sOff, z, zOff, w2i, wOff, wl, lOff, lam, lamOff) {
    checkDim('linNT', 'n', n);
    for (const [name, a, off] of [['s', s, sOff], ['z', z, zOff], ['w2i', w2i, wOff], ['wl', wl, lOff], ['lam', lam, lamOff]] as const) checkVec('linNT', name, a, off, n);
    for (let j = 0; j < n; j++) {
      const a = s[sOff + j]!, b = z[zOff + j]!;
      w2i[wOff + j] = b / a;
      wl[lOff + j] = Math.sqrt(a / b);
      lam[lamOff + j] = Math.sqrt(a * b);
    }
  },

  coneHessians(Bc, d, T, coneStart, Hp, eta, wv, HL) {
    checkDim('coneHessians', 'Bc', Bc); checkDim('coneHessians', 'd', d);
    const D = d + 1;
    if (T !== (d * (d + 1)) / 2) throw new RangeError(`coneHessians: T = ${T}: expected d (d + 1) / 2 = ${(d * (d + 1)) / 2}`);
    checkVec('coneHessians', 'Hp', Hp, 0, Bc * T); checkVec('coneHessians', 'eta', eta, 0, coneStart + Bc);
    checkVec('coneHessians', 'wv', wv, 0, (coneStart + Bc) * D); checkVec('coneHessians', 'HL', HL, 0, Bc * D * D);
    for (let c = 0; c < Bc; c++) {
      const b = coneStart + c, dOff = c * D * D, wo = b * D, e = eta[b]!;
      let vv = 0;
      for (let i = 0; i < D; i++) vv += wv[wo + i]! * wv[wo + i]!;
      const ie2 = 1 / (e * e);
      this.unpackLower(d, Hp, c * T, HL, dOff + D + 1, D);
      for (let i = 0; i < D; i++) {
        const vi = wv[wo + i]!, ai = i === 0 ? vi : -vi;
        const row = dOff + i * D;
        for (let j = 0; j <= i; j++) {
          const vj = wv[wo + j]!, aj = j === 0 ? vj : -vj;
          const w = ie2 * (4 * vv * ai * aj - 2 * ai * vj - 2 * vi * aj + (i === j ? 1 : 0));
          HL[row + j] = (i > 0 && j > 0 ? HL[row + j]! : 0) + w;
        }
      }
    }
  },

  schurGroups(a) {
    checkSchurGroups(a);
    const { G, D, n, coneStart, HL, Yc, Tq, S, rowList } = a;
    for (let g = 0; g < G; g++) {
      const b = a.groupFirst[g]!, gs = a.groupSize[g]!;
      const q = a.rowCnt[b]!, ro = a.rowOff[b]!;
      if (q === 0) continue;
      // rows 1 .. D-1 of X_g (its first row is zero): Y's first row is zero and the rest is L_uu^{-1} X_g[1.., :]
      const d = D - 1;
      const src = a.xts.subarray(a.xtsOff[g]! + q, a.xtsOff[g]! + D * q);
      for (let h = 0; h < gs; h++) {
        Yc.set(src, h * d * q);
        this.trsmLeft(false, d, q, HL, (b + h - coneStart) * D * D + D + 1, D, Yc, h * d * q, q);
      }
      this.syrkRows(q, gs * d, null, 0, Yc, 0, q, null, 0, 0, Tq, 0, q);
      for (let r = 0; r < q; r++) {
        const ia = rowList[ro + r]! * n, ta = r * q;
        for (let t = 0; t <= r; t++) S[ia + rowList[ro + t]!]! += Tq[ta + t]!;
      }
    }
  },

  jacobiEig(n, Ain, aOff, V, vOff) {
    checkSquare('jacobiEig', 'A', n, Ain, aOff, n); checkSquare('jacobiEig', 'V', n, V, vOff, n);
    const A = aOff === 0 ? Ain : Ain.subarray(aOff);
    V.fill(0, vOff, vOff + n * n);
    for (let i = 0; i < n; i++) V[vOff + i * n + i] = 1;
    for (let sweep = 0; sweep < 100; sweep++) {
      let off = 0;
      let diag = 0;
      for (let i = 0; i < n; i++) {
        diag += A[i * n + i]! * A[i * n + i]!;
        for (let j = i + 1; j < n; j++) off += A[i * n + j]! * A[i * n + j]!;
      }
      if (off <= 1e-30 * diag || off === 0) break;
      for (let p = 0; p < n - 1; p++) {
        for (let q = p + 1; q < n; q++) {
          const apq = A[p * n + q]!;
          if (Math.abs(apq) < 1e-300) continue;
          const app = A[p * n + p]!, aqq = A[q * n + q]!;
          const theta = (aqq - app) / (2 * apq);
          const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const c = 1 / Math.sqrt(t * t + 1);
          const s = t * c;
          for (let k = 0; k < n; k++) {
            const akp = A[k * n + p]!, akq = A[k * n + q]!;
            A[k * n + p] = c * akp - s * akq;
            A[k * n + q] = s * akp + c * akq;
          }
          for (let k = 0; k < n; k++) {
            const apk = A[p * n + k]!, aqk = A[q * n + k]!;
            A[p * n + k] = c * apk - s * aqk;
            A[q * n + k] = s * apk + c * aqk;
          }
          for (let k = 0; k < n; k++) {
            const vkp = V[vOff + k * n + p]!, vkq = V[vOff + k * n + q]!;
            V[vOff + k * n + p] = c * vkp - s * vkq;
            V[vOff + k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
  },

  gaussSolve(k, Min, mOff, xin, xOff) {
    checkSquare('gaussSolve', 'M', k, Min, mOff, k); checkVec('gaussSolve', 'x', xin, xOff, k);
    const M = mOff === 0 ? Min : Min.subarray(mOff), x = xOff === 0 ? xin : xin.subarray(xOff);
    for (let c = 0; c < k; c++) {
      let p = c;
      let best = Math.abs(M[c * k + c]!);
      for (let i = c + 1; i < k; i++) {
        const v = Math.abs(M[i * k + c]!);
        if (v > best) { best = v; p = i; }
      }
      if (best === 0) return false;
      if (p !== c) {
        for (let j = 0; j < k; j++) { const t = M[c * k + j]!; M[c * k + j] = M[p * k + j]!; M[p * k + j] = t; }
        const t = x[c]!; x[c] = x[p]!; x[p] = t;
      }
      const inv = 1 / M[c * k + c]!;
      for (let i = c + 1; i < k; i++) {
        const f = M[i * k + c]! * inv;
        if (f === 0) continue;
        for (let j = c; j < k; j++) M[i * k + j]! -= f * M[c * k + j]!;
        x[i]! -= f * x[c]!;
      }
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = x[i]!;
      for (let j = i + 1; j < k; j++) s -= M[i * k + j]! * x[j]!;
      x[i] = s / M[i * k + i]!;
    }
    return true;
  },

  linNewtonRhs(n, rz, wl, dsT, lam, t) {
    checkDim('linNewtonRhs', 'n', n);
    for (const [name, a] of [['rz', rz], ['wl', wl], ['dsT', dsT], ['lam', lam], ['t', t]] as const) checkVec('linNewtonRhs', name, a, 0, n);
    for (let i = 0; i < n; i++) t[i] = rz[i]! + wl[i]! * (dsT[i]! / lam[i]!);
  },

  linNewtonBack(n, rz, gdx, w2i, t, ds, dz) {
    checkDim('linNewtonBack', 'n', n);
    for (const [name, a] of [['rz', rz], ['gdx', gdx], ['w2i', w2i], ['t', t], ['ds', ds], ['dz', dz]] as const) checkVec('linNewtonBack', name, a, 0, n);
    for (let i = 0; i < n; i++) {
      const g = gdx[i]!;
      ds[i] = -rz[i]! + g;
      dz[i] = w2i[i]! * (t[i]! - g);
    }
  },

  dot(n, x, xOff, y, yOff) {
    checkDim('dot', 'n', n); checkVec('dot', 'x', x, xOff, n); checkVec('dot', 'y', y, yOff, n);
    let s = 0;
    for (let i = 0; i < n; i++) s += x[xOff + i]! * y[yOff + i]!;
    return s;
  },

  axpy(n, alpha, x, xOff, y, yOff) {
    checkDim('axpy', 'n', n); checkVec('axpy', 'x', x, xOff, n); checkVec('axpy', 'y', y, yOff, n);
    for (let i = 0; i < n; i++) y[yOff + i]! += alpha * x[xOff + i]!;
  },

  lincomb(n, a, x, xOff, b, y, yOff, c, out, oOff) {
    checkDim('lincomb', 'n', n); checkVec('lincomb', 'x', x, xOff, n); checkVec('lincomb', 'y', y, yOff, n); checkVec('lincomb', 'out', out, oOff, n);
    if (c === 0) for (let i = 0; i < n; i++) out[oOff + i] = a * x[xOff + i]! + b * y[yOff + i]!;
    else for (let i = 0; i < n; i++) out[oOff + i] = a * x[xOff + i]! + b * y[yOff + i]! + c;
  },
};
