// The engine's float64 numerics core, compiled to WebAssembly with SIMD (f64x2) by AssemblyScript:
//   pnpm --filter @rlab/server build:wasm   (writes kernels.wasm beside this file; committed, and a test
//   rebuilds it from this source and compares the bytes).
// Definitions and conventions are those of server/src/engine/kernels/types.ts: row-major, every matrix
// given as (byte pointer, leading dimension in elements); vectors contiguous. Pointers come from the
// JS binding (kernels/wasm.ts), which checks every dimension and extent before calling in: nothing here
// allocates, grows memory or checks bounds. No floating-point contraction: each product is rounded, then
// added (wasm has no fused multiply-add), so results are deterministic across machines.

// ---------------------------------------------------------------------------------------------- helpers

/** block size of the blocked kernels (Cholesky, SYRK): 32 x 32 f64 = 8 KiB, an L1-sized panel */
const NB: i32 = 32;

@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** sum_{p<k} x[p] y[p] */
function dotv(x: usize, y: usize, k: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    s0 = f64x2.add(s0, f64x2.mul(v128.load(at(x, p)), v128.load(at(y, p))));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(at(x, p + 2)), v128.load(at(y, p + 2))));
  }
  for (; p + 2 <= k; p += 2) s0 = f64x2.add(s0, f64x2.mul(v128.load(at(x, p)), v128.load(at(y, p))));
  let s = hsum(f64x2.add(s0, s1));
  for (; p < k; p++) s += load<f64>(at(x, p)) * load<f64>(at(y, p));
  return s;
}

/** y[p] += a x[p], p < k */
function axpyv(k: i32, a: f64, x: usize, y: usize): void {
  const va = f64x2.splat(a);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    v128.store(at(y, p), f64x2.add(v128.load(at(y, p)), f64x2.mul(va, v128.load(at(x, p)))));
    v128.store(at(y, p + 2), f64x2.add(v128.load(at(y, p + 2)), f64x2.mul(va, v128.load(at(x, p + 2)))));
  }
  for (; p + 2 <= k; p += 2) v128.store(at(y, p), f64x2.add(v128.load(at(y, p)), f64x2.mul(va, v128.load(at(x, p)))));
  for (; p < k; p++) store<f64>(at(y, p), load<f64>(at(y, p)) + a * load<f64>(at(x, p)));
}

/** x[p] *= a, p < k */
function scalv(k: i32, a: f64, x: usize): void {
  const va = f64x2.splat(a);
  let p = 0;
  for (; p + 2 <= k; p += 2) v128.store(at(x, p), f64x2.mul(va, v128.load(at(x, p))));
  for (; p < k; p++) store<f64>(at(x, p), a * load<f64>(at(x, p)));
}

function zerov(k: i32, x: usize): void {
  memory.fill(x, 0, <usize>k << 3);
}

/** C = beta C (m x n); beta = 0 writes zeros */
function scaleMat(m: i32, n: i32, beta: f64, C: usize, ldc: i32): void {
  if (beta == 1) return;
  for (let i = 0; i < m; i++) {
    const ci = at(C, i * ldc);
    if (beta == 0) zerov(n, ci);
    else scalv(n, beta, ci);
  }
}

// ------------------------------------------------------------------------------------------------- GEMM

// "axpy form", B rows contiguous (op(B) = B): C += alpha A B with A(i,p) at A + 8(i ars + p acs).
// Register tile 4 rows x 4 columns (8 f64x2 accumulators); A entries broadcast, B rows loaded as vectors.
// Cache blocking around the register tiles: B is taken in panels of KC rows x NC columns (at most
// 256 x 64 x 8 B = 128 KiB, an L2-resident panel reused by every 4-row tile of A).
const GEMM_NC: i32 = 64;
const GEMM_KC: i32 = 256;

function gemmAxpyForm(m: i32, n: i32, k: i32, alpha: f64, A: usize, ars: i32, acs: i32, B: usize, ldb: i32, C: usize, ldc: i32): void {
  for (let jc = 0; jc < n; jc += GEMM_NC) {
    const nc = min(GEMM_NC, n - jc);
    for (let pc = 0; pc < k; pc += GEMM_KC) {
      const kc = min(GEMM_KC, k - pc);
      gemmAxpyPanel(m, nc, kc, alpha, at(A, pc * acs), ars, acs, at(B, pc * ldb + jc), ldb, at(C, jc), ldc);
    }
  }
}

function gemmAxpyPanel(m: i32, n: i32, k: i32, alpha: f64, A: usize, ars: i32, acs: i32, B: usize, ldb: i32, C: usize, ldc: i32): void {
  const va = f64x2.splat(alpha);
  const ars8 = <usize>ars << 3, acs8 = <usize>acs << 3, ldb8 = <usize>ldb << 3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const ai = at(A, i * ars);
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      let pa = ai;
      let pb = at(B, j);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        let x = f64x2.splat(load<f64>(pa));
        c00 = f64x2.add(c00, f64x2.mul(x, b0));
        c01 = f64x2.add(c01, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(pa + ars8));
        c10 = f64x2.add(c10, f64x2.mul(x, b0));
        c11 = f64x2.add(c11, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(pa + 2 * ars8));
        c20 = f64x2.add(c20, f64x2.mul(x, b0));
        c21 = f64x2.add(c21, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(pa + 3 * ars8));
        c30 = f64x2.add(c30, f64x2.mul(x, b0));
        c31 = f64x2.add(c31, f64x2.mul(x, b1));
        pa += acs8;
        pb += ldb8;
      }
      let pc = at(C, i * ldc + j);
      const ldc8 = <usize>ldc << 3;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c00)));
      v128.store(pc, f64x2.add(v128.load(pc, 16), f64x2.mul(va, c01)), 16);
      pc += ldc8;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c10)));
      v128.store(pc, f64x2.add(v128.load(pc, 16), f64x2.mul(va, c11)), 16);
      pc += ldc8;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c20)));
      v128.store(pc, f64x2.add(v128.load(pc, 16), f64x2.mul(va, c21)), 16);
      pc += ldc8;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c30)));
      v128.store(pc, f64x2.add(v128.load(pc, 16), f64x2.mul(va, c31)), 16);
    }
    for (; j + 2 <= n; j += 2) {
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
      let pa = ai;
      let pb = at(B, j);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb);
        c0 = f64x2.add(c0, f64x2.mul(f64x2.splat(load<f64>(pa)), b0));
        c1 = f64x2.add(c1, f64x2.mul(f64x2.splat(load<f64>(pa + ars8)), b0));
        c2 = f64x2.add(c2, f64x2.mul(f64x2.splat(load<f64>(pa + 2 * ars8)), b0));
        c3 = f64x2.add(c3, f64x2.mul(f64x2.splat(load<f64>(pa + 3 * ars8)), b0));
        pa += acs8;
        pb += ldb8;
      }
      let pc = at(C, i * ldc + j);
      const ldc8 = <usize>ldc << 3;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c0)));
      pc += ldc8;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c1)));
      pc += ldc8;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c2)));
      pc += ldc8;
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c3)));
    }
    if (j < n) {
      let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
      let pa = ai;
      let pb = at(B, j);
      for (let p = 0; p < k; p++) {
        const b = load<f64>(pb);
        s0 += load<f64>(pa) * b;
        s1 += load<f64>(pa + ars8) * b;
        s2 += load<f64>(pa + 2 * ars8) * b;
        s3 += load<f64>(pa + 3 * ars8) * b;
        pa += acs8;
        pb += ldb8;
      }
      const pc = at(C, i * ldc + j);
      const ldc8 = <usize>ldc << 3;
      store<f64>(pc, load<f64>(pc) + alpha * s0);
      store<f64>(pc + ldc8, load<f64>(pc + ldc8) + alpha * s1);
      store<f64>(pc + 2 * ldc8, load<f64>(pc + 2 * ldc8) + alpha * s2);
      store<f64>(pc + 3 * ldc8, load<f64>(pc + 3 * ldc8) + alpha * s3);
    }
  }
  // remaining rows, one at a time: 8 columns per pass
  for (; i < m; i++) {
    const ai = at(A, i * ars);
    const ci = at(C, i * ldc);
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
      let pa = ai;
      let pb = at(B, j);
      for (let p = 0; p < k; p++) {
        const x = f64x2.splat(load<f64>(pa));
        c0 = f64x2.add(c0, f64x2.mul(x, v128.load(pb)));
        c1 = f64x2.add(c1, f64x2.mul(x, v128.load(pb, 16)));
        c2 = f64x2.add(c2, f64x2.mul(x, v128.load(pb, 32)));
        c3 = f64x2.add(c3, f64x2.mul(x, v128.load(pb, 48)));
        pa += acs8;
        pb += ldb8;
      }
      const pc = at(ci, j);
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c0)));
      v128.store(pc, f64x2.add(v128.load(pc, 16), f64x2.mul(va, c1)), 16);
      v128.store(pc, f64x2.add(v128.load(pc, 32), f64x2.mul(va, c2)), 32);
      v128.store(pc, f64x2.add(v128.load(pc, 48), f64x2.mul(va, c3)), 48);
    }
    for (; j + 2 <= n; j += 2) {
      let c0 = f64x2.splat(0);
      let pa = ai;
      let pb = at(B, j);
      for (let p = 0; p < k; p++) {
        c0 = f64x2.add(c0, f64x2.mul(f64x2.splat(load<f64>(pa)), v128.load(pb)));
        pa += acs8;
        pb += ldb8;
      }
      const pc = at(ci, j);
      v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(va, c0)));
    }
    if (j < n) {
      let s: f64 = 0;
      let pa = ai;
      let pb = at(B, j);
      for (let p = 0; p < k; p++) {
        s += load<f64>(pa) * load<f64>(pb);
        pa += acs8;
        pb += ldb8;
      }
      const pc = at(ci, j);
      store<f64>(pc, load<f64>(pc) + alpha * s);
    }
  }
}

// "dot form", both operands' rows contiguous in p: C(i,j) += alpha sum_p A[i,p] B[j,p] (C += alpha A B^T).
// Register tile 4 rows x 2 columns, f64x2 along p, horizontal sums at the end.
function gemmDotForm(m: i32, n: i32, k: i32, alpha: f64, A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = at(A, i * lda), a1 = at(A, (i + 1) * lda), a2 = at(A, (i + 2) * lda), a3 = at(A, (i + 3) * lda);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const b0 = at(B, j * ldb), b1 = at(B, (j + 1) * ldb);
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      let p = 0;
      for (; p + 2 <= k; p += 2) {
        const o = <usize>p << 3;
        const y0 = v128.load(b0 + o), y1 = v128.load(b1 + o);
        let x = v128.load(a0 + o);
        c00 = f64x2.add(c00, f64x2.mul(x, y0));
        c01 = f64x2.add(c01, f64x2.mul(x, y1));
        x = v128.load(a1 + o);
        c10 = f64x2.add(c10, f64x2.mul(x, y0));
        c11 = f64x2.add(c11, f64x2.mul(x, y1));
        x = v128.load(a2 + o);
        c20 = f64x2.add(c20, f64x2.mul(x, y0));
        c21 = f64x2.add(c21, f64x2.mul(x, y1));
        x = v128.load(a3 + o);
        c30 = f64x2.add(c30, f64x2.mul(x, y0));
        c31 = f64x2.add(c31, f64x2.mul(x, y1));
      }
      let s00 = hsum(c00), s01 = hsum(c01), s10 = hsum(c10), s11 = hsum(c11);
      let s20 = hsum(c20), s21 = hsum(c21), s30 = hsum(c30), s31 = hsum(c31);
      if (p < k) {
        const o = <usize>p << 3;
        const y0 = load<f64>(b0 + o), y1 = load<f64>(b1 + o);
        const x0 = load<f64>(a0 + o), x1 = load<f64>(a1 + o), x2 = load<f64>(a2 + o), x3 = load<f64>(a3 + o);
        s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
        s20 += x2 * y0; s21 += x2 * y1; s30 += x3 * y0; s31 += x3 * y1;
      }
      const pc = at(C, i * ldc + j);
      const ldc8 = <usize>ldc << 3;
      store<f64>(pc, load<f64>(pc) + alpha * s00);
      store<f64>(pc + 8, load<f64>(pc + 8) + alpha * s01);
      store<f64>(pc + ldc8, load<f64>(pc + ldc8) + alpha * s10);
      store<f64>(pc + ldc8 + 8, load<f64>(pc + ldc8 + 8) + alpha * s11);
      store<f64>(pc + 2 * ldc8, load<f64>(pc + 2 * ldc8) + alpha * s20);
      store<f64>(pc + 2 * ldc8 + 8, load<f64>(pc + 2 * ldc8 + 8) + alpha * s21);
      store<f64>(pc + 3 * ldc8, load<f64>(pc + 3 * ldc8) + alpha * s30);
      store<f64>(pc + 3 * ldc8 + 8, load<f64>(pc + 3 * ldc8 + 8) + alpha * s31);
    }
    if (j < n) {
      // last column: 4 x 1 tile
      const b0 = at(B, j * ldb);
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
      let p = 0;
      for (; p + 2 <= k; p += 2) {
        const o = <usize>p << 3;
        const y = v128.load(b0 + o);
        c0 = f64x2.add(c0, f64x2.mul(v128.load(a0 + o), y));
        c1 = f64x2.add(c1, f64x2.mul(v128.load(a1 + o), y));
        c2 = f64x2.add(c2, f64x2.mul(v128.load(a2 + o), y));
        c3 = f64x2.add(c3, f64x2.mul(v128.load(a3 + o), y));
      }
      let s0 = hsum(c0), s1 = hsum(c1), s2 = hsum(c2), s3 = hsum(c3);
      if (p < k) {
        const o = <usize>p << 3;
        const y = load<f64>(b0 + o);
        s0 += load<f64>(a0 + o) * y; s1 += load<f64>(a1 + o) * y; s2 += load<f64>(a2 + o) * y; s3 += load<f64>(a3 + o) * y;
      }
      const pc = at(C, i * ldc + j);
      const ldc8 = <usize>ldc << 3;
      store<f64>(pc, load<f64>(pc) + alpha * s0);
      store<f64>(pc + ldc8, load<f64>(pc + ldc8) + alpha * s1);
      store<f64>(pc + 2 * ldc8, load<f64>(pc + 2 * ldc8) + alpha * s2);
      store<f64>(pc + 3 * ldc8, load<f64>(pc + 3 * ldc8) + alpha * s3);
    }
  }
  for (; i < m; i++) {
    const ai = at(A, i * lda);
    for (let j = 0; j < n; j++) {
      const pc = at(C, i * ldc + j);
      store<f64>(pc, load<f64>(pc) + alpha * dotv(ai, at(B, j * ldb), k));
    }
  }
}

// both transposed (rare): C(i,j) += alpha sum_p A[p,i] B[j,p]
function gemmGeneric(m: i32, n: i32, k: i32, alpha: f64, A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s: f64 = 0;
      const bj = at(B, j * ldb);
      for (let p = 0; p < k; p++) s += load<f64>(at(A, p * lda + i)) * load<f64>(at(bj, p));
      const pc = at(C, i * ldc + j);
      store<f64>(pc, load<f64>(pc) + alpha * s);
    }
  }
}

export function gemm(transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64, A: usize, lda: i32, B: usize, ldb: i32, beta: f64, C: usize, ldc: i32): void {
  scaleMat(m, n, beta, C, ldc);
  if (k == 0 || alpha == 0 || m == 0 || n == 0) return;
  if (!transB) {
    if (!transA) gemmAxpyForm(m, n, k, alpha, A, lda, 1, B, ldb, C, ldc);
    else gemmAxpyForm(m, n, k, alpha, A, 1, lda, B, ldb, C, ldc);
  } else if (!transA) {
    gemmDotForm(m, n, k, alpha, A, lda, B, ldb, C, ldc);
  } else {
    gemmGeneric(m, n, k, alpha, A, lda, B, ldb, C, ldc);
  }
}

// ------------------------------------------------------------------------------------------------- SYRK

@inline function rowIndex(rows: usize, useRows: i32, t: i32): i32 {
  return useRows ? load<i32>(rows + (<usize>t << 2)) : t;
}

@inline function rowWeight(w: usize, useW: i32, r: i32): f64 {
  return useW ? load<f64>(at(w, r)) : 1.0;
}

// C[lower] = beta C + sum_t w_r a_r a_r^T. Rows are taken four at a time; each C row pair (a, a+1) is read
// and written once per four rows (8 f64x2 products per 4 loads of A and 2 of C).
export function syrkRows(k: i32, nRows: i32, rows: usize, useRows: i32, A: usize, lda: i32, w: usize, useW: i32, alpha: f64, beta: f64, C: usize, ldc: i32): void {
  if (beta != 1) {
    for (let a = 0; a < k; a++) {
      const ca = at(C, a * ldc);
      if (beta == 0) zerov(a + 1, ca);
      else scalv(a + 1, beta, ca);
    }
  }
  let t = 0;
  for (; t + 4 <= nRows; t += 4) {
    const r0 = rowIndex(rows, useRows, t), r1 = rowIndex(rows, useRows, t + 1);
    const r2 = rowIndex(rows, useRows, t + 2), r3 = rowIndex(rows, useRows, t + 3);
    const w0 = alpha * rowWeight(w, useW, r0), w1 = alpha * rowWeight(w, useW, r1), w2 = alpha * rowWeight(w, useW, r2), w3 = alpha * rowWeight(w, useW, r3);
    const x0 = at(A, r0 * lda), x1 = at(A, r1 * lda), x2 = at(A, r2 * lda), x3 = at(A, r3 * lda);
    let a = 0;
    for (; a + 2 <= k; a += 2) {
      const oa = <usize>a << 3;
      const p0 = w0 * load<f64>(x0 + oa), p1 = w1 * load<f64>(x1 + oa), p2 = w2 * load<f64>(x2 + oa), p3 = w3 * load<f64>(x3 + oa);
      const q0 = w0 * load<f64>(x0 + oa + 8), q1 = w1 * load<f64>(x1 + oa + 8), q2 = w2 * load<f64>(x2 + oa + 8), q3 = w3 * load<f64>(x3 + oa + 8);
      const vp0 = f64x2.splat(p0), vp1 = f64x2.splat(p1), vp2 = f64x2.splat(p2), vp3 = f64x2.splat(p3);
      const vq0 = f64x2.splat(q0), vq1 = f64x2.splat(q1), vq2 = f64x2.splat(q2), vq3 = f64x2.splat(q3);
      const ca = at(C, a * ldc), cb = at(C, (a + 1) * ldc);
      let b = 0;
      // row a uses b <= a, row a+1 uses b <= a+1; pairs (b, b+1) with b+1 <= a are common to both
      for (; b + 2 <= a + 1; b += 2) {
        const ob = <usize>b << 3;
        const y0 = v128.load(x0 + ob), y1 = v128.load(x1 + ob), y2 = v128.load(x2 + ob), y3 = v128.load(x3 + ob);
        let u = v128.load(ca + ob);
        u = f64x2.add(u, f64x2.add(f64x2.add(f64x2.mul(vp0, y0), f64x2.mul(vp1, y1)), f64x2.add(f64x2.mul(vp2, y2), f64x2.mul(vp3, y3))));
        v128.store(ca + ob, u);
        let v = v128.load(cb + ob);
        v = f64x2.add(v, f64x2.add(f64x2.add(f64x2.mul(vq0, y0), f64x2.mul(vq1, y1)), f64x2.add(f64x2.mul(vq2, y2), f64x2.mul(vq3, y3))));
        v128.store(cb + ob, v);
      }
      for (let bb = b; bb <= a; bb++) {
        const ob = <usize>bb << 3;
        const y0 = load<f64>(x0 + ob), y1 = load<f64>(x1 + ob), y2 = load<f64>(x2 + ob), y3 = load<f64>(x3 + ob);
        store<f64>(ca + ob, load<f64>(ca + ob) + ((p0 * y0 + p1 * y1) + (p2 * y2 + p3 * y3)));
      }
      for (let bb = b; bb <= a + 1; bb++) {
        const ob = <usize>bb << 3;
        const y0 = load<f64>(x0 + ob), y1 = load<f64>(x1 + ob), y2 = load<f64>(x2 + ob), y3 = load<f64>(x3 + ob);
        store<f64>(cb + ob, load<f64>(cb + ob) + ((q0 * y0 + q1 * y1) + (q2 * y2 + q3 * y3)));
      }
    }
    if (a < k) {
      const oa = <usize>a << 3;
      const p0 = w0 * load<f64>(x0 + oa), p1 = w1 * load<f64>(x1 + oa), p2 = w2 * load<f64>(x2 + oa), p3 = w3 * load<f64>(x3 + oa);
      const ca = at(C, a * ldc);
      for (let b = 0; b <= a; b++) {
        const ob = <usize>b << 3;
        store<f64>(ca + ob, load<f64>(ca + ob) + ((p0 * load<f64>(x0 + ob) + p1 * load<f64>(x1 + ob)) + (p2 * load<f64>(x2 + ob) + p3 * load<f64>(x3 + ob))));
      }
    }
  }
  for (; t < nRows; t++) {
    const r = rowIndex(rows, useRows, t);
    const wr = alpha * rowWeight(w, useW, r);
    const x = at(A, r * lda);
    for (let a = 0; a < k; a++) axpyv(a + 1, wr * load<f64>(at(x, a)), x, at(C, a * ldc));
  }
}

// C[lower] = alpha A A^T + beta C, A n x k (rows contiguous): strips of NB rows; the part left of the diagonal
// block is a dot-form GEMM, the diagonal block's lower entries are single dot products.
export function syrkN(n: i32, k: i32, alpha: f64, A: usize, lda: i32, beta: f64, C: usize, ldc: i32): void {
  for (let i = 0; i < n; i++) {
    const ci = at(C, i * ldc);
    if (beta == 0) zerov(i + 1, ci);
    else if (beta != 1) scalv(i + 1, beta, ci);
  }
  if (alpha == 0 || k == 0) return;
  for (let i0 = 0; i0 < n; i0 += NB) {
    const ib = min(NB, n - i0);
    if (i0 > 0) gemmDotForm(ib, i0, k, alpha, at(A, i0 * lda), lda, A, lda, at(C, i0 * ldc), ldc);
    for (let i = i0; i < i0 + ib; i++) {
      const ai = at(A, i * lda);
      for (let j = i0; j <= i; j++) {
        const pc = at(C, i * ldc + j);
        store<f64>(pc, load<f64>(pc) + alpha * dotv(ai, at(A, j * lda), k));
      }
    }
  }
}

// --------------------------------------------------------------------------------------------- Cholesky

// Left-looking blocked Cholesky, lower, in place. For each column block J: the trailing rows get the
// update A(i, J) -= L(i, <J) L(J, <J)^T (a dot-form GEMM: the bulk of the flops), then the block's columns
// are factored one by one with the short in-block sums. The strict upper triangle is never touched.
export function potrf(n: i32, A: usize, lda: i32): i32 {
  if (n <= SMALL_CHOL) return potrfPanels4(n, A, lda);
  for (let j0 = 0; j0 < n; j0 += NB) {
    const jb = min(NB, n - j0);
    if (j0 > 0) {
      // diagonal block, lower entries only
      for (let i = j0; i < j0 + jb; i++) {
        const li = at(A, i * lda);
        for (let j = j0; j <= i; j++) {
          const pc = at(li, j);
          store<f64>(pc, load<f64>(pc) - dotv(li, at(A, j * lda), j0));
        }
      }
      // rows below the diagonal block
      const below = n - j0 - jb;
      if (below > 0) gemmDotForm(below, jb, j0, -1.0, at(A, (j0 + jb) * lda), lda, at(A, j0 * lda), lda, at(A, (j0 + jb) * lda + j0), lda);
    }
    for (let j = j0; j < j0 + jb; j++) {
      const lj = at(A, j * lda);
      const base = at(lj, j0);
      const len = j - j0;
      const dj = load<f64>(at(lj, j)) - dotv(base, base, len);
      if (!(dj > 0)) return j;
      const ljj = Math.sqrt(dj);
      store<f64>(at(lj, j), ljj);
      const inv = 1.0 / ljj;
      // column j below the diagonal: A(i, j) -= L(i, j0:j) . L(j, j0:j) for all i > j at once (4 x 1 tiles)
      if (len > 0 && j + 1 < n) gemmDotForm(n - j - 1, 1, len, -1.0, at(A, (j + 1) * lda + j0), lda, base, lda, at(A, (j + 1) * lda + j), lda);
      for (let i = j + 1; i < n; i++) {
        const pc = at(A, i * lda + j);
        store<f64>(pc, load<f64>(pc) * inv);
      }
    }
  }
  return -1;
}

// up to this order, potrf goes by panels of 4 columns (potrfPanels4)
const SMALL_CHOL: i32 = 64;

// Left-looking Cholesky by panels of 4 columns, for the small blocks of the solver (D = d + 1 <= 64): each
// panel's rows below its diagonal block get their update from the columns left of it in one dot-form GEMM
// (4 x 2 register tiles over the whole rows), the 4 x 4 diagonal block is factored by scalars, and every row
// below it is solved against that block by scalars (10 multiply-adds a row). The blocked potrf above instead
// updates one column at a time inside its 32-column block, a 4 x 1 GEMV for each. Strict upper triangle untouched.
function potrfPanels4(n: i32, A: usize, lda: i32): i32 {
  const lda8 = <usize>lda << 3;
  for (let j0 = 0; j0 < n; j0 += 4) {
    const jb = min(4, n - j0);
    const below = n - j0 - jb;
    if (j0 > 0) {
      for (let i = j0; i < j0 + jb; i++) {
        const li = at(A, i * lda);
        for (let j = j0; j <= i; j++) {
          const pc = at(li, j);
          store<f64>(pc, load<f64>(pc) - dotv(li, at(A, j * lda), j0));
        }
      }
      if (below > 0) gemmDotForm(below, jb, j0, -1.0, at(A, (j0 + jb) * lda), lda, at(A, j0 * lda), lda, at(A, (j0 + jb) * lda + j0), lda);
    }
    // the diagonal block
    for (let j = j0; j < j0 + jb; j++) {
      const lj = at(A, j * lda);
      let dj = load<f64>(at(lj, j));
      for (let p = j0; p < j; p++) {
        const v = load<f64>(at(lj, p));
        dj -= v * v;
      }
      if (!(dj > 0)) return j;
      const ljj = Math.sqrt(dj);
      store<f64>(at(lj, j), ljj);
      const inv = 1.0 / ljj;
      for (let i = j + 1; i < j0 + jb; i++) {
        const li = at(A, i * lda);
        let v = load<f64>(at(li, j));
        for (let p = j0; p < j; p++) v -= load<f64>(at(li, p)) * load<f64>(at(lj, p));
        store<f64>(at(li, j), v * inv);
      }
    }
    if (below == 0) continue;
    // rows below: l_i <- l_i L_dd^{-T} (forward substitution with the 4 x 4 block)
    const d0 = at(A, j0 * lda + j0);
    if (jb == 4) {
      const r1 = d0 + lda8, r2 = r1 + lda8, r3 = r2 + lda8;
      const i0 = 1.0 / load<f64>(d0), i1 = 1.0 / load<f64>(r1 + 8), i2 = 1.0 / load<f64>(r2 + 16), i3 = 1.0 / load<f64>(r3 + 24);
      const l10 = load<f64>(r1), l20 = load<f64>(r2), l21 = load<f64>(r2 + 8), l30 = load<f64>(r3), l31 = load<f64>(r3 + 8), l32 = load<f64>(r3 + 16);
      let pr = at(A, (j0 + jb) * lda + j0);
      for (let i = 0; i < below; i++) {
        const x0 = load<f64>(pr) * i0;
        const x1 = (load<f64>(pr + 8) - x0 * l10) * i1;
        const x2 = (load<f64>(pr + 16) - x0 * l20 - x1 * l21) * i2;
        const x3 = (load<f64>(pr + 24) - x0 * l30 - x1 * l31 - x2 * l32) * i3;
        store<f64>(pr, x0);
        store<f64>(pr + 8, x1);
        store<f64>(pr + 16, x2);
        store<f64>(pr + 24, x3);
        pr += lda8;
      }
    } else {
      for (let i = j0 + jb; i < n; i++) {
        const li = at(A, i * lda);
        for (let j = j0; j < j0 + jb; j++) {
          const lj = at(A, j * lda);
          let v = load<f64>(at(li, j));
          for (let p = j0; p < j; p++) v -= load<f64>(at(li, p)) * load<f64>(at(lj, p));
          store<f64>(at(li, j), v / load<f64>(at(lj, j)));
        }
      }
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------- triangular solves

// op(L) x = b in place; forward uses row dot products, backward (L^T) row axpys: both contiguous.
// Both directions go four rows at a time: the part of the four rows left of their diagonal block is
// one pass over x shared by the four rows, the 4 x 4 triangle is solved by scalars.
export function trsv(trans: i32, n: i32, L: usize, ldl: i32, x: usize): void {
  if (!trans) {
    let i0 = 0;
    for (; i0 + 4 <= n; i0 += 4) {
      const l0 = at(L, i0 * ldl), l1 = at(L, (i0 + 1) * ldl), l2 = at(L, (i0 + 2) * ldl), l3 = at(L, (i0 + 3) * ldl);
      // s_r = L(i0 + r, 0:i0) . x(0:i0)
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
      let p = 0;
      for (; p + 2 <= i0; p += 2) {
        const o = <usize>p << 3;
        const xv = v128.load(x + o);
        c0 = f64x2.add(c0, f64x2.mul(v128.load(l0 + o), xv));
        c1 = f64x2.add(c1, f64x2.mul(v128.load(l1 + o), xv));
        c2 = f64x2.add(c2, f64x2.mul(v128.load(l2 + o), xv));
        c3 = f64x2.add(c3, f64x2.mul(v128.load(l3 + o), xv));
      }
      let s0 = hsum(c0), s1 = hsum(c1), s2 = hsum(c2), s3 = hsum(c3);
      if (p < i0) {
        const o = <usize>p << 3;
        const xp = load<f64>(x + o);
        s0 += load<f64>(l0 + o) * xp; s1 += load<f64>(l1 + o) * xp; s2 += load<f64>(l2 + o) * xp; s3 += load<f64>(l3 + o) * xp;
      }
      const o = <usize>i0 << 3;
      const x0 = (load<f64>(x + o) - s0) / load<f64>(l0 + o);
      const x1 = (load<f64>(x + o + 8) - s1 - load<f64>(l1 + o) * x0) / load<f64>(l1 + o + 8);
      const x2 = (load<f64>(x + o + 16) - s2 - load<f64>(l2 + o) * x0 - load<f64>(l2 + o + 8) * x1) / load<f64>(l2 + o + 16);
      const x3 = (load<f64>(x + o + 24) - s3 - load<f64>(l3 + o) * x0 - load<f64>(l3 + o + 8) * x1 - load<f64>(l3 + o + 16) * x2) / load<f64>(l3 + o + 24);
      store<f64>(x + o, x0);
      store<f64>(x + o + 8, x1);
      store<f64>(x + o + 16, x2);
      store<f64>(x + o + 24, x3);
    }
    for (let i = i0; i < n; i++) {
      const li = at(L, i * ldl);
      store<f64>(at(x, i), (load<f64>(at(x, i)) - dotv(li, x, i)) / load<f64>(at(li, i)));
    }
  } else {
    // rows n-1 down to the last multiple of 4 one at a time, then blocks of four
    let i = n - 1;
    for (; i >= 0 && ((i + 1) & 3) != 0; i--) {
      const li = at(L, i * ldl);
      const xi = load<f64>(at(x, i)) / load<f64>(at(li, i));
      store<f64>(at(x, i), xi);
      axpyv(i, -xi, li, x);
    }
    for (; i >= 3; i -= 4) {
      const i0 = i - 3;
      const l0 = at(L, i0 * ldl), l1 = at(L, (i0 + 1) * ldl), l2 = at(L, (i0 + 2) * ldl), l3 = at(L, (i0 + 3) * ldl);
      const o = <usize>i0 << 3;
      // the 4 x 4 triangle, backward: x_r = (x_r - sum_{c > r} L(i0+c, i0+r) x_c) / L(i0+r, i0+r)
      const x3 = load<f64>(x + o + 24) / load<f64>(l3 + o + 24);
      const x2 = (load<f64>(x + o + 16) - load<f64>(l3 + o + 16) * x3) / load<f64>(l2 + o + 16);
      const x1 = (load<f64>(x + o + 8) - load<f64>(l3 + o + 8) * x3 - load<f64>(l2 + o + 8) * x2) / load<f64>(l1 + o + 8);
      const x0 = (load<f64>(x + o) - load<f64>(l3 + o) * x3 - load<f64>(l2 + o) * x2 - load<f64>(l1 + o) * x1) / load<f64>(l0 + o);
      store<f64>(x + o, x0);
      store<f64>(x + o + 8, x1);
      store<f64>(x + o + 16, x2);
      store<f64>(x + o + 24, x3);
      // x(0:i0) -= sum_r x_r L(i0 + r, 0:i0)
      const v0 = f64x2.splat(x0), v1 = f64x2.splat(x1), v2 = f64x2.splat(x2), v3 = f64x2.splat(x3);
      let p = 0;
      for (; p + 2 <= i0; p += 2) {
        const q = <usize>p << 3;
        const acc = f64x2.add(f64x2.add(f64x2.mul(v0, v128.load(l0 + q)), f64x2.mul(v1, v128.load(l1 + q))), f64x2.add(f64x2.mul(v2, v128.load(l2 + q)), f64x2.mul(v3, v128.load(l3 + q))));
        v128.store(x + q, f64x2.sub(v128.load(x + q), acc));
      }
      if (p < i0) {
        const q = <usize>p << 3;
        store<f64>(x + q, load<f64>(x + q) - ((x0 * load<f64>(l0 + q) + x1 * load<f64>(l1 + q)) + (x2 * load<f64>(l2 + q) + x3 * load<f64>(l3 + q))));
      }
    }
  }
}

export function potrs(n: i32, L: usize, ldl: i32, x: usize): void {
  trsv(0, n, L, ldl, x);
  trsv(1, n, L, ldl, x);
}

// B (n x m) <- op(L)^{-1} B. Row i of the solution is (B_i - sum_p l_ip X_p) / l_ii over p < i (forward,
// l_ip = L[i,p]) or p > i (backward, l_ip = L[p,i]); four rows p at a time per pass over B_i.
export function trsmLeft(trans: i32, n: i32, m: i32, L: usize, ldl: i32, B: usize, ldb: i32): void {
  for (let s = 0; s < n; s++) {
    const i = trans ? n - 1 - s : s;
    const bi = at(B, i * ldb);
    const lo = trans ? i + 1 : 0;
    const hi = trans ? n : i;
    let p = lo;
    for (; p + 4 <= hi; p += 4) {
      let l0: f64, l1: f64, l2: f64, l3: f64;
      if (trans) {
        l0 = load<f64>(at(L, p * ldl + i)); l1 = load<f64>(at(L, (p + 1) * ldl + i));
        l2 = load<f64>(at(L, (p + 2) * ldl + i)); l3 = load<f64>(at(L, (p + 3) * ldl + i));
      } else {
        const li = at(L, i * ldl + p);
        l0 = load<f64>(li); l1 = load<f64>(li, 8); l2 = load<f64>(li, 16); l3 = load<f64>(li, 24);
      }
      const v0 = f64x2.splat(l0), v1 = f64x2.splat(l1), v2 = f64x2.splat(l2), v3 = f64x2.splat(l3);
      const b0 = at(B, p * ldb), b1 = at(B, (p + 1) * ldb), b2 = at(B, (p + 2) * ldb), b3 = at(B, (p + 3) * ldb);
      let j = 0;
      for (; j + 2 <= m; j += 2) {
        const o = <usize>j << 3;
        const acc = f64x2.add(f64x2.add(f64x2.mul(v0, v128.load(b0 + o)), f64x2.mul(v1, v128.load(b1 + o))), f64x2.add(f64x2.mul(v2, v128.load(b2 + o)), f64x2.mul(v3, v128.load(b3 + o))));
        v128.store(bi + o, f64x2.sub(v128.load(bi + o), acc));
      }
      if (j < m) {
        const o = <usize>j << 3;
        store<f64>(bi + o, load<f64>(bi + o) - ((l0 * load<f64>(b0 + o) + l1 * load<f64>(b1 + o)) + (l2 * load<f64>(b2 + o) + l3 * load<f64>(b3 + o))));
      }
    }
    for (; p < hi; p++) {
      const l = trans ? load<f64>(at(L, p * ldl + i)) : load<f64>(at(L, i * ldl + p));
      axpyv(m, -l, at(B, p * ldb), bi);
    }
    scalv(m, 1.0 / load<f64>(at(L, i * ldl + i)), bi);
  }
}

// B (m x n) <- B op(L)^{-1}: each row r solves op(L)^T x = b_r, i.e. a forward (trans) or backward trsv.
export function trsmRight(trans: i32, m: i32, n: i32, L: usize, ldl: i32, B: usize, ldb: i32): void {
  for (let r = 0; r < m; r++) trsv(trans ? 0 : 1, n, L, ldl, at(B, r * ldb));
}

// ------------------------------------------------------------------------------------------ mat-vec

export function gemv(trans: i32, m: i32, n: i32, alpha: f64, A: usize, lda: i32, x: usize, beta: f64, y: usize): void {
  const ly = trans ? n : m;
  if (beta == 0) zerov(ly, y);
  else if (beta != 1) scalv(ly, beta, y);
  if (alpha == 0) return;
  if (!trans) {
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const a0 = at(A, i * lda), a1 = at(A, (i + 1) * lda), a2 = at(A, (i + 2) * lda), a3 = at(A, (i + 3) * lda);
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        const xv = v128.load(x + o);
        c0 = f64x2.add(c0, f64x2.mul(v128.load(a0 + o), xv));
        c1 = f64x2.add(c1, f64x2.mul(v128.load(a1 + o), xv));
        c2 = f64x2.add(c2, f64x2.mul(v128.load(a2 + o), xv));
        c3 = f64x2.add(c3, f64x2.mul(v128.load(a3 + o), xv));
      }
      let s0 = hsum(c0), s1 = hsum(c1), s2 = hsum(c2), s3 = hsum(c3);
      if (j < n) {
        const o = <usize>j << 3;
        const xj = load<f64>(x + o);
        s0 += load<f64>(a0 + o) * xj; s1 += load<f64>(a1 + o) * xj; s2 += load<f64>(a2 + o) * xj; s3 += load<f64>(a3 + o) * xj;
      }
      store<f64>(at(y, i), load<f64>(at(y, i)) + alpha * s0);
      store<f64>(at(y, i + 1), load<f64>(at(y, i + 1)) + alpha * s1);
      store<f64>(at(y, i + 2), load<f64>(at(y, i + 2)) + alpha * s2);
      store<f64>(at(y, i + 3), load<f64>(at(y, i + 3)) + alpha * s3);
    }
    for (; i < m; i++) store<f64>(at(y, i), load<f64>(at(y, i)) + alpha * dotv(at(A, i * lda), x, n));
  } else {
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const a0 = at(A, i * lda), a1 = at(A, (i + 1) * lda), a2 = at(A, (i + 2) * lda), a3 = at(A, (i + 3) * lda);
      const x0 = alpha * load<f64>(at(x, i)), x1 = alpha * load<f64>(at(x, i + 1)), x2 = alpha * load<f64>(at(x, i + 2)), x3 = alpha * load<f64>(at(x, i + 3));
      const v0 = f64x2.splat(x0), v1 = f64x2.splat(x1), v2 = f64x2.splat(x2), v3 = f64x2.splat(x3);
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        const acc = f64x2.add(f64x2.add(f64x2.mul(v0, v128.load(a0 + o)), f64x2.mul(v1, v128.load(a1 + o))), f64x2.add(f64x2.mul(v2, v128.load(a2 + o)), f64x2.mul(v3, v128.load(a3 + o))));
        v128.store(y + o, f64x2.add(v128.load(y + o), acc));
      }
      if (j < n) {
        const o = <usize>j << 3;
        store<f64>(y + o, load<f64>(y + o) + ((x0 * load<f64>(a0 + o) + x1 * load<f64>(a1 + o)) + (x2 * load<f64>(a2 + o) + x3 * load<f64>(a3 + o))));
      }
    }
    for (; i < m; i++) axpyv(n, alpha * load<f64>(at(x, i)), at(A, i * lda), y);
  }
}

// y = alpha S x + beta y, S symmetric from its lower triangle: row i gives a dot (j < i) and an axpy into y[<i].
export function symv(n: i32, alpha: f64, S: usize, lds: i32, x: usize, beta: f64, y: usize): void {
  if (beta == 0) zerov(n, y);
  else if (beta != 1) scalv(n, beta, y);
  if (alpha == 0) return;
  for (let i = 0; i < n; i++) {
    const si = at(S, i * lds);
    const axi = alpha * load<f64>(at(x, i));
    const vxi = f64x2.splat(axi);
    let acc = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= i; j += 2) {
      const o = <usize>j << 3;
      const s = v128.load(si + o);
      acc = f64x2.add(acc, f64x2.mul(s, v128.load(x + o)));
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(s, vxi)));
    }
    let d = hsum(acc);
    for (; j < i; j++) {
      const o = <usize>j << 3;
      const s = load<f64>(si + o);
      d += s * load<f64>(x + o);
      store<f64>(y + o, load<f64>(y + o) + s * axi);
    }
    d += load<f64>(at(si, i)) * load<f64>(at(x, i));
    store<f64>(at(y, i), load<f64>(at(y, i)) + alpha * d);
  }
}

// ----------------------------------------------------------------------------- entrywise and layout

export function hadamard(m: i32, n: i32, A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32): void {
  for (let i = 0; i < m; i++) {
    const ai = at(A, i * lda), bi = at(B, i * ldb), ci = at(C, i * ldc);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      v128.store(ci + o, f64x2.mul(v128.load(ai + o), v128.load(bi + o)));
    }
    if (j < n) {
      const o = <usize>j << 3;
      store<f64>(ci + o, load<f64>(ai + o) * load<f64>(bi + o));
    }
  }
}

export function rowProducts(n: i32, d: i32, X: usize, ldx: i32, Q: usize, ldq: i32): void {
  for (let i = 0; i < n; i++) {
    const xi = at(X, i * ldx);
    let q = at(Q, i * ldq);
    for (let a = 0; a < d; a++) {
      const xa = load<f64>(at(xi, a));
      const v = f64x2.splat(xa);
      let b = 0;
      for (; b + 2 <= a + 1; b += 2) {
        v128.store(q, f64x2.mul(v, v128.load(at(xi, b))));
        q += 16;
      }
      if (b <= a) {
        store<f64>(q, xa * load<f64>(at(xi, b)));
        q += 8;
      }
    }
  }
}

export function unpackLower(d: i32, P: usize, C: usize, ldc: i32): void {
  let q = P;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const v = load<f64>(q);
      q += 8;
      store<f64>(at(C, a * ldc + b), v);
      store<f64>(at(C, b * ldc + a), v);
    }
  }
}

export function gatherRows(k: i32, nRows: i32, rows: usize, A: usize, lda: i32, w: usize, useW: i32, out: usize, ldo: i32): void {
  for (let t = 0; t < nRows; t++) {
    const r = load<i32>(rows + (<usize>t << 2));
    const s = rowWeight(w, useW, r);
    const ar = at(A, r * lda), ot = at(out, t * ldo);
    const v = f64x2.splat(s);
    let j = 0;
    for (; j + 2 <= k; j += 2) v128.store(at(ot, j), f64x2.mul(v, v128.load(at(ar, j))));
    if (j < k) store<f64>(at(ot, j), s * load<f64>(at(ar, j)));
  }
}

export function dot(n: i32, x: usize, y: usize): f64 {
  return dotv(x, y, n);
}

export function axpy(n: i32, alpha: f64, x: usize, y: usize): void {
  axpyv(n, alpha, x, y);
}

// out = (a x + b y) + c elementwise (no + c when c = 0), out may be x or y: each lane computes one element
// as the reference does, so the results are its bits
export function lincomb(n: i32, a: f64, x: usize, b: f64, y: usize, c: f64, out: usize): void {
  const va = f64x2.splat(a), vb = f64x2.splat(b), vc = f64x2.splat(c);
  let i = 0;
  if (c == 0) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(out + o, f64x2.add(f64x2.mul(va, v128.load(x + o)), f64x2.mul(vb, v128.load(y + o))));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(out + o, a * load<f64>(x + o) + b * load<f64>(y + o));
    }
  } else {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(out + o, f64x2.add(f64x2.add(f64x2.mul(va, v128.load(x + o)), f64x2.mul(vb, v128.load(y + o))), vc));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(out + o, a * load<f64>(x + o) + b * load<f64>(y + o) + c);
    }
  }
}

// ------------------------------------------------------------------------- batched over equal-size blocks

// count matrices n x n at A + b * stride (elements); info[b] = -1 or the failing pivot; returns the failures
export function potrfBatched(count: i32, n: i32, A: usize, lda: i32, stride: i32, info: usize, useInfo: i32): i32 {
  let failed = 0;
  for (let b = 0; b < count; b++) {
    const r = potrf(n, at(A, b * stride), lda);
    if (r >= 0) failed++;
    if (useInfo) store<i32>(info + (<usize>b << 2), r);
  }
  return failed;
}

export function potrsBatched(count: i32, n: i32, L: usize, ldl: i32, lStride: i32, x: usize, xStride: i32): void {
  for (let b = 0; b < count; b++) potrs(n, at(L, b * lStride), ldl, at(x, b * xStride));
}

export function trsmLeftBatched(trans: i32, count: i32, n: i32, m: i32, L: usize, ldl: i32, lStride: i32, B: usize, ldb: i32, bStride: i32): void {
  for (let b = 0; b < count; b++) trsmLeft(trans, n, m, at(L, b * lStride), ldl, at(B, b * bStride), ldb);
}

// -------------------------------------------------------------- second-order cone scaling (batched)

// Nesterov-Todd scaling of count cone blocks of length len (block b at offset b * len, eta[b]):
//   forward:  out = eta (2 (w . v) w - J v)           with J = diag(1, -1, ..., -1) applied as (-v_0, v_1, ...)
//   inverse:  out = (2 (w^T J v) J w - J v) / eta      i.e. out_0 = (2 w_0 s - v_0) / eta, out_i = (-2 w_i s + v_i) / eta
// out may be v (in place): v_0 is read before anything is written.
export function socScale(inverse: i32, count: i32, len: i32, eta: usize, w: usize, v: usize, out: usize): void {
  for (let b = 0; b < count; b++) {
    const o = <usize>(b * len) << 3;
    const wb = w + o, vb = v + o, ob = out + o;
    const e = load<f64>(at(eta, b));
    const w0 = load<f64>(wb), v0 = load<f64>(vb);
    if (!inverse) {
      const s = dotv(wb, vb, len);
      const two = f64x2.splat(2 * s), ve = f64x2.splat(e);
      const out0 = e * (2 * w0 * s - v0);
      let i = 0;
      for (; i + 2 <= len; i += 2) {
        const q = <usize>i << 3;
        v128.store(ob + q, f64x2.mul(ve, f64x2.add(f64x2.mul(v128.load(wb + q), two), v128.load(vb + q))));
      }
      if (i < len) {
        const q = <usize>i << 3;
        store<f64>(ob + q, e * (load<f64>(wb + q) * (2 * s) + load<f64>(vb + q)));
      }
      store<f64>(ob, out0);
    } else {
      const s = w0 * v0 - dotv(wb + 8, vb + 8, len - 1);
      const m2 = f64x2.splat(-2 * s), ve = f64x2.splat(e);
      const out0 = (2 * w0 * s - v0) / e;
      let i = 0;
      for (; i + 2 <= len; i += 2) {
        const q = <usize>i << 3;
        v128.store(ob + q, f64x2.div(f64x2.add(f64x2.mul(v128.load(wb + q), m2), v128.load(vb + q)), ve));
      }
      if (i < len) {
        const q = <usize>i << 3;
        store<f64>(ob + q, (load<f64>(wb + q) * (-2 * s) + load<f64>(vb + q)) / e);
      }
      store<f64>(ob, out0);
    }
  }
}

// ------------------------------------------------------------------------ second-order cone algebra
// Batched over `count` cone blocks of length `len` stored back to back (block b at offset b * len); the
// definitions are those of server/src/engine/soc.ts (cvxopt's coneqp), see kernels/types.ts.

/** out_b = u_b o v_b (Jordan product): out_0 = u . v, out_i = u_0 v_i + v_0 u_i; out may be u or v */
export function socProd(count: i32, len: i32, u: usize, v: usize, out: usize): void {
  for (let b = 0; b < count; b++) {
    const o = <usize>(b * len) << 3;
    const ub = u + o, vb = v + o, ob = out + o;
    const s = dotv(ub, vb, len);
    const u0 = load<f64>(ub), v0 = load<f64>(vb);
    const vu0 = f64x2.splat(u0), vv0 = f64x2.splat(v0);
    let i = 0;
    for (; i + 2 <= len; i += 2) {
      const q = <usize>i << 3;
      v128.store(ob + q, f64x2.add(f64x2.mul(vu0, v128.load(vb + q)), f64x2.mul(vv0, v128.load(ub + q))));
    }
    if (i < len) {
      const q = <usize>i << 3;
      store<f64>(ob + q, u0 * load<f64>(vb + q) + v0 * load<f64>(ub + q));
    }
    store<f64>(ob, s);
  }
}

/** out_b = lam_b \ v_b (solves lam o x = v): x_0 = (l_0 v_0 - l_1.v_1) / (l_0^2 - |l_1|^2), x_i = (v_i - x_0 l_i) / l_0; out may be v */
export function socDiv(count: i32, len: i32, lam: usize, v: usize, out: usize): void {
  for (let b = 0; b < count; b++) {
    const o = <usize>(b * len) << 3;
    const lb = lam + o, vb = v + o, ob = out + o;
    const l0 = load<f64>(lb);
    const l1v1 = dotv(lb + 8, vb + 8, len - 1);
    const l1l1 = dotv(lb + 8, lb + 8, len - 1);
    const x0 = (l0 * load<f64>(vb) - l1v1) / (l0 * l0 - l1l1);
    const vx = f64x2.splat(x0), vl = f64x2.splat(l0);
    let i = 1;
    for (; i + 2 <= len; i += 2) {
      const q = <usize>i << 3;
      v128.store(ob + q, f64x2.div(f64x2.sub(v128.load(vb + q), f64x2.mul(vx, v128.load(lb + q))), vl));
    }
    if (i < len) {
      const q = <usize>i << 3;
      store<f64>(ob + q, (load<f64>(vb + q) - x0 * load<f64>(lb + q)) / l0);
    }
    store<f64>(ob, x0);
  }
}

/** the largest alpha >= 0 with v_b + alpha dv_b in the cone for every block (Infinity when unbounded) */
export function socMaxStep(count: i32, len: i32, v: usize, dv: usize): f64 {
  let best = Infinity;
  for (let b = 0; b < count; b++) {
    const o = <usize>(b * len) << 3;
    const vb = v + o, db = dv + o;
    const v0 = load<f64>(vb), d0 = load<f64>(db);
    const vv = dotv(vb + 8, vb + 8, len - 1);
    const vd = dotv(vb + 8, db + 8, len - 1);
    const dd = dotv(db + 8, db + 8, len - 1);
    const a = d0 * d0 - dd;
    const bq = 2 * (v0 * d0 - vd);
    const c = v0 * v0 - vv;
    let alpha = Infinity;
    if (d0 < 0) alpha = -v0 / d0;
    if (c <= 0) return 0;
    if (Math.abs(a) < 1e-300) {
      if (bq < 0) alpha = Math.min(alpha, -c / bq);
    } else {
      const disc = bq * bq - 4 * a * c;
      if (a < 0) {
        const sq = Math.sqrt(Math.max(disc, 0));
        const q = -0.5 * (bq + (bq >= 0 ? sq : -sq));
        const pos = Math.max(q / a, c / q);
        if (pos > 0) alpha = Math.min(alpha, pos);
      } else if (disc >= 0) {
        const sq = Math.sqrt(disc);
        const q = -0.5 * (bq + (bq >= 0 ? sq : -sq));
        const r1 = q / a, r2 = q != 0 ? c / q : Infinity;
        if (r1 > 0) alpha = Math.min(alpha, r1);
        if (r2 > 0) alpha = Math.min(alpha, r2);
      }
    }
    if (alpha < best) best = alpha;
  }
  return best;
}

/**
 * Nesterov-Todd scaling of every block at (s_b, z_b): eta_b and the scaling vector w_b (as soc.ts socNT),
 * and lam_b = W_b z_b.
 */
export function socNT(count: i32, len: i32, s: usize, z: usize, w: usize, eta: usize, lam: usize): void {
  for (let b = 0; b < count; b++) {
    const o = <usize>(b * len) << 3;
    const sb = s + o, zb = z + o, wb = w + o, lb = lam + o;
    const s0 = load<f64>(sb), z0 = load<f64>(zb);
    const sn = Math.sqrt(Math.max(s0 * s0 - dotv(sb + 8, sb + 8, len - 1), 1e-300));
    const zn = Math.sqrt(Math.max(z0 * z0 - dotv(zb + 8, zb + 8, len - 1), 1e-300));
    const isn = 1 / sn, izn = 1 / zn;
    const sz = dotv(sb, zb, len) * isn * izn;
    const gamma = Math.sqrt(Math.max((1 + sz) / 2, 1e-300));
    const w0 = (s0 * isn + z0 * izn) / (2 * gamma);
    const c = 1 / Math.sqrt(2 * (w0 + 1));
    const f = c / (2 * gamma);
    const vs = f64x2.splat(isn * f), vz = f64x2.splat(izn * f);
    let i = 0;
    for (; i + 2 <= len; i += 2) {
      const q = <usize>i << 3;
      v128.store(wb + q, f64x2.sub(f64x2.mul(v128.load(sb + q), vs), f64x2.mul(v128.load(zb + q), vz)));
    }
    if (i < len) {
      const q = <usize>i << 3;
      store<f64>(wb + q, load<f64>(sb + q) * (isn * f) - load<f64>(zb + q) * (izn * f));
    }
    store<f64>(wb, (w0 + 1) * c);
    const e = Math.sqrt(sn / zn);
    store<f64>(at(eta, b), e);
    // lam = W z = eta (2 (w . z) w - J z)
    const t = dotv(wb, zb, len);
    const two = f64x2.splat(2 * t), ve = f64x2.splat(e);
    i = 0;
    for (; i + 2 <= len; i += 2) {
      const q = <usize>i << 3;
      v128.store(lb + q, f64x2.mul(ve, f64x2.add(f64x2.mul(v128.load(wb + q), two), v128.load(zb + q))));
    }
    if (i < len) {
      const q = <usize>i << 3;
      store<f64>(lb + q, e * (load<f64>(wb + q) * (2 * t) + load<f64>(zb + q)));
    }
    store<f64>(lb, e * (2 * load<f64>(wb) * t - z0));
  }
}

// ------------------------------------------------------------------------------ elementwise passes
// Over the linear cones of the all-blocks solve: each entry on its own, so results are bitwise those of
// the TypeScript reference (the column sums add rows in order, like it).

/** out[j] = beta out[j] + sum_{i < m} A[i, j] B[i, j] (A, B: m x n with leading dimension n) */
export function colSumProd(m: i32, n: i32, A: usize, B: usize, beta: f64, out: usize): void {
  if (beta == 0) zerov(n, out);
  else if (beta != 1) scalv(n, beta, out);
  for (let i = 0; i < m; i++) {
    const ai = at(A, i * n), bi = at(B, i * n);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.mul(v128.load(ai + o), v128.load(bi + o))));
    }
    if (j < n) {
      const o = <usize>j << 3;
      store<f64>(out + o, load<f64>(out + o) + load<f64>(ai + o) * load<f64>(bi + o));
    }
  }
}

/** out[i, j] = A[i, j] v[j] (m x n, leading dimension n); out may be A */
export function scaleCols(m: i32, n: i32, A: usize, v: usize, out: usize): void {
  for (let i = 0; i < m; i++) {
    const ai = at(A, i * n), oi = at(out, i * n);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      v128.store(oi + o, f64x2.mul(v128.load(ai + o), v128.load(v + o)));
    }
    if (j < n) {
      const o = <usize>j << 3;
      store<f64>(oi + o, load<f64>(ai + o) * load<f64>(v + o));
    }
  }
}

/** out[j] = x[j] / y[j]; out may be x or y */
export function vdiv(n: i32, x: usize, y: usize, out: usize): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(out + o, f64x2.div(v128.load(x + o), v128.load(y + o)));
  }
  if (j < n) {
    const o = <usize>j << 3;
    store<f64>(out + o, load<f64>(x + o) / load<f64>(y + o));
  }
}

/** the largest alpha >= 0 with v + alpha dv >= 0: min over dv[j] < 0 of -v[j] / dv[j] (Infinity when none) */
export function linMaxStep(n: i32, v: usize, dv: usize): f64 {
  let best = Infinity;
  for (let j = 0; j < n; j++) {
    const d = load<f64>(at(dv, j));
    if (d < 0) {
      const a = -load<f64>(at(v, j)) / d;
      if (a < best) best = a;
    }
  }
  return best;
}

/** the linear cones' Nesterov-Todd scaling at (s, z): w2i = z / s, wl = sqrt(s / z), lam = sqrt(s z) */
export function linNT(n: i32, s: usize, z: usize, w2i: usize, wl: usize, lam: usize): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    const vs = v128.load(s + o), vz = v128.load(z + o);
    v128.store(w2i + o, f64x2.div(vz, vs));
    v128.store(wl + o, f64x2.sqrt(f64x2.div(vs, vz)));
    v128.store(lam + o, f64x2.sqrt(f64x2.mul(vs, vz)));
  }
  if (j < n) {
    const o = <usize>j << 3;
    const a = load<f64>(s + o), b = load<f64>(z + o);
    store<f64>(w2i + o, b / a);
    store<f64>(wl + o, Math.sqrt(a / b));
    store<f64>(lam + o, Math.sqrt(a * b));
  }
}

// ------------------------------------------------------------------ Newton matrices of the cone blocks

/**
 * Every cone block's Newton Hessian, lower triangle: H_c = W_b^{-2} + [0, 0; 0, unpack(Hp_c)] at HL + c D^2
 * (D = d + 1, leading dimension D), b = coneStart + c, W_b^{-2} = (4 (v.v) a a^T - 2 a v^T - 2 v a^T + I) / eta_b^2
 * with v = wv_b, a = J v.
 */
export function coneHessians(Bc: i32, d: i32, T: i32, coneStart: i32, Hp: usize, eta: usize, wv: usize, HL: usize): void {
  const D = d + 1;
  for (let c = 0; c < Bc; c++) {
    const b = coneStart + c;
    const dst = at(HL, c * D * D);
    unpackLower(d, at(Hp, c * T), at(dst, D + 1), D);
    const e = load<f64>(at(eta, b));
    const w = at(wv, b * D);
    const vv = dotv(w, w, D);
    const ie2 = 1 / (e * e);
    for (let i = 0; i < D; i++) {
      const vi = load<f64>(at(w, i));
      const ai = i == 0 ? vi : -vi;
      const row = at(dst, i * D);
      for (let j = 0; j <= i; j++) {
        const vj = load<f64>(at(w, j));
        const aj = j == 0 ? vj : -vj;
        const val = ie2 * (4 * vv * ai * aj - 2 * ai * vj - 2 * vi * aj + (i == j ? 1.0 : 0.0));
        store<f64>(at(row, j), (i > 0 && j > 0 ? load<f64>(at(row, j)) : 0) + val);
      }
    }
  }
}

@inline function ld32(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/**
 * The cone blocks' part of the Schur complement, group by group (a group is one pattern's cone blocks, 1 or
 * 2, sharing its rows): Y = [L_b^{-1} X_g; ...] over the group's blocks (X_g = the group's D x q matrix at
 * xts + xtsOff[g], q = rowCnt[b]), then S[rows, rows] += Y^T Y on the lower triangle (rows = rowList from
 * rowOff[b]). L_b is the Cholesky factor at HL + (b - coneStart) D^2. Yc (2 D q) and Tq (q x q) are scratch.
 */
export function schurGroups(G: i32, D: i32, n: i32, coneStart: i32, groupFirst: usize, groupSize: usize, rowCnt: usize, rowOff: usize, xtsOff: usize, rowList: usize, HL: usize, xts: usize, Yc: usize, Tq: usize, S: usize): void {
  const d = D - 1;
  for (let g = 0; g < G; g++) {
    const b = ld32(groupFirst, g), gs = ld32(groupSize, g);
    const q = ld32(rowCnt, b), ro = ld32(rowOff, b);
    if (q == 0) continue;
    // [0; X_S^T]: the first row is zero, so Y = L^{-1} [0; X_S^T] has a zero first row and its other rows
    // are L_uu^{-1} X_S^T, L_uu the factor's lower-right d x d block: only those d rows are formed
    const src = at(xts, ld32(xtsOff, g) + q);
    for (let h = 0; h < gs; h++) {
      const y = at(Yc, h * d * q);
      memory.copy(y, src, <usize>(d * q) << 3);
      trsmLowerTiles(d, q, at(HL, (b + h - coneStart) * D * D + D + 1), D, y, q);
    }
    syrkTiles(q, gs * d, Yc, q, Tq, q);
    for (let a = 0; a < q; a++) {
      const ia = ld32(rowList, ro + a) * n;
      const ta = at(Tq, a * q);
      for (let t = 0; t <= a; t++) {
        const p = at(S, ia + ld32(rowList, ro + t));
        store<f64>(p, load<f64>(p) + load<f64>(at(ta, t)));
      }
    }
  }
}

// B (n x m) <- L^{-1} B, L lower (ldl): four rows of B at a time, first updated by every row already solved
// with the GEMM's 4 x 4 register tiles (B[i0 .. i0+3, :] -= L[i0 .. i0+3, 0 .. i0) B[0 .. i0, :]), then solved
// within the 4 x 4 diagonal block. The same operations as trsmLeft, summed in another order.
function trsmLowerTiles(n: i32, m: i32, L: usize, ldl: i32, B: usize, ldb: i32): void {
  const ldb8 = <usize>ldb << 3, ldl8 = <usize>ldl << 3;
  for (let i0 = 0; i0 < n; i0 += 4) {
    const nb = min(4, n - i0);
    if (i0 > 0) {
      if (nb == 4) {
        const b0r = at(B, i0 * ldb);
        let j = 0;
        for (; j + 4 <= m; j += 4) {
          let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
          let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
          let pl = at(L, i0 * ldl), pb = at(B, j);
          for (let p = 0; p < i0; p++) {
            const y0 = v128.load(pb);
            const y1 = v128.load(pb, 16);
            let x = f64x2.splat(load<f64>(pl));
            c00 = f64x2.add(c00, f64x2.mul(x, y0));
            c01 = f64x2.add(c01, f64x2.mul(x, y1));
            x = f64x2.splat(load<f64>(pl + ldl8));
            c10 = f64x2.add(c10, f64x2.mul(x, y0));
            c11 = f64x2.add(c11, f64x2.mul(x, y1));
            x = f64x2.splat(load<f64>(pl + 2 * ldl8));
            c20 = f64x2.add(c20, f64x2.mul(x, y0));
            c21 = f64x2.add(c21, f64x2.mul(x, y1));
            x = f64x2.splat(load<f64>(pl + 3 * ldl8));
            c30 = f64x2.add(c30, f64x2.mul(x, y0));
            c31 = f64x2.add(c31, f64x2.mul(x, y1));
            pl += 8;
            pb += ldb8;
          }
          let pc = at(b0r, j);
          v128.store(pc, f64x2.sub(v128.load(pc), c00));
          v128.store(pc, f64x2.sub(v128.load(pc, 16), c01), 16);
          pc += ldb8;
          v128.store(pc, f64x2.sub(v128.load(pc), c10));
          v128.store(pc, f64x2.sub(v128.load(pc, 16), c11), 16);
          pc += ldb8;
          v128.store(pc, f64x2.sub(v128.load(pc), c20));
          v128.store(pc, f64x2.sub(v128.load(pc, 16), c21), 16);
          pc += ldb8;
          v128.store(pc, f64x2.sub(v128.load(pc), c30));
          v128.store(pc, f64x2.sub(v128.load(pc, 16), c31), 16);
        }
        for (; j < m; j++) {
          let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
          let pl = at(L, i0 * ldl), pb = at(B, j);
          for (let p = 0; p < i0; p++) {
            const y = load<f64>(pb);
            s0 += load<f64>(pl) * y;
            s1 += load<f64>(pl + ldl8) * y;
            s2 += load<f64>(pl + 2 * ldl8) * y;
            s3 += load<f64>(pl + 3 * ldl8) * y;
            pl += 8;
            pb += ldb8;
          }
          const pc = at(b0r, j);
          store<f64>(pc, load<f64>(pc) - s0);
          store<f64>(pc + ldb8, load<f64>(pc + ldb8) - s1);
          store<f64>(pc + 2 * ldb8, load<f64>(pc + 2 * ldb8) - s2);
          store<f64>(pc + 3 * ldb8, load<f64>(pc + 3 * ldb8) - s3);
        }
      } else {
        for (let r = 0; r < nb; r++) {
          const i = i0 + r;
          for (let p = 0; p < i0; p++) axpyv(m, -load<f64>(at(L, i * ldl + p)), at(B, p * ldb), at(B, i * ldb));
        }
      }
    }
    for (let r = 0; r < nb; r++) {
      const i = i0 + r;
      const bi = at(B, i * ldb);
      for (let t = 0; t < r; t++) axpyv(m, -load<f64>(at(L, i * ldl + i0 + t)), at(B, (i0 + t) * ldb), bi);
      scalv(m, 1.0 / load<f64>(at(L, i * ldl + i)), bi);
    }
  }
}

// C[lower] = Y^T Y for Y (k x q, rows contiguous, ldy): the GEMM's 4 x 4 register tiles (8 f64x2
// accumulators over all k rows, each C entry stored once) on and below the diagonal. The q mod 4 first rows
// are plain dot products and the first q mod 4 columns of each 4-row block a 4 x 1 tile, so that every
// other tile is whole; the diagonal tiles also write the 6 entries above the diagonal (C is scratch).
function syrkTiles(q: i32, k: i32, Y: usize, ldy: i32, C: usize, ldc: i32): void {
  const ldy8 = <usize>ldy << 3, ldc8 = <usize>ldc << 3;
  const r = q & 3;
  for (let i = 0; i < r; i++)
    for (let j = 0; j <= i; j++) {
      let s: f64 = 0;
      let pa = at(Y, i), pb = at(Y, j);
      for (let p = 0; p < k; p++) {
        s += load<f64>(pa) * load<f64>(pb);
        pa += ldy8;
        pb += ldy8;
      }
      store<f64>(at(C, i * ldc + j), s);
    }
  for (let i = r; i + 4 <= q; i += 4) {
    for (let j = 0; j < r; j++) {
      let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
      let pa = at(Y, i), pb = at(Y, j);
      for (let p = 0; p < k; p++) {
        const y = load<f64>(pb);
        s0 += load<f64>(pa) * y;
        s1 += load<f64>(pa, 8) * y;
        s2 += load<f64>(pa, 16) * y;
        s3 += load<f64>(pa, 24) * y;
        pa += ldy8;
        pb += ldy8;
      }
      const pc = at(C, i * ldc + j);
      store<f64>(pc, s0);
      store<f64>(pc + ldc8, s1);
      store<f64>(pc + 2 * ldc8, s2);
      store<f64>(pc + 3 * ldc8, s3);
    }
    for (let j = r; j <= i; j += 4) {
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      let pa = at(Y, i), pb = at(Y, j);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        let x = f64x2.splat(load<f64>(pa));
        c00 = f64x2.add(c00, f64x2.mul(x, b0));
        c01 = f64x2.add(c01, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(pa, 8));
        c10 = f64x2.add(c10, f64x2.mul(x, b0));
        c11 = f64x2.add(c11, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(pa, 16));
        c20 = f64x2.add(c20, f64x2.mul(x, b0));
        c21 = f64x2.add(c21, f64x2.mul(x, b1));
        x = f64x2.splat(load<f64>(pa, 24));
        c30 = f64x2.add(c30, f64x2.mul(x, b0));
        c31 = f64x2.add(c31, f64x2.mul(x, b1));
        pa += ldy8;
        pb += ldy8;
      }
      let pc = at(C, i * ldc + j);
      v128.store(pc, c00);
      v128.store(pc, c01, 16);
      pc += ldc8;
      v128.store(pc, c10);
      v128.store(pc, c11, 16);
      pc += ldc8;
      v128.store(pc, c20);
      v128.store(pc, c21, 16);
      pc += ldc8;
      v128.store(pc, c30);
      v128.store(pc, c31, 16);
    }
  }
}

// ------------------------------------------------------- dense solvers that define instance bits
// Scalar IEEE operations in the order of the TypeScript reference (kernels/ts.ts), with f64x2 only where
// every lane computes one element the reference computes on its own (same roundings): the results are the
// reference's bits.

/**
 * Cyclic Jacobi eigendecomposition of the symmetric n x n A (full storage, overwritten: its diagonal ends as
 * the eigenvalues); V (n x n) receives the eigenvectors as columns. The rotation sequence, stopping test and
 * every operation are those of the reference.
 */
export function jacobiEig(n: i32, A: usize, V: usize): void {
  // Vt = V^T while rotating (row updates contiguous), transposed into V at the end
  zerov(n * n, V);
  for (let i = 0; i < n; i++) store<f64>(at(V, i * n + i), 1.0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off: f64 = 0, diag: f64 = 0;
    for (let i = 0; i < n; i++) {
      const aii = load<f64>(at(A, i * n + i));
      diag += aii * aii;
      for (let j = i + 1; j < n; j++) {
        const aij = load<f64>(at(A, i * n + j));
        off += aij * aij;
      }
    }
    if (off <= 1e-30 * diag || off == 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = load<f64>(at(A, p * n + q));
        if (Math.abs(apq) < 1e-300) continue;
        const app = load<f64>(at(A, p * n + p)), aqq = load<f64>(at(A, q * n + q));
        const theta = (aqq - app) / (2 * apq);
        const sg: f64 = theta == 0 || isNaN(theta) ? 1.0 : theta > 0 ? 1.0 : -1.0;
        const t = sg / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // columns p, q of A (strided)
        for (let k = 0; k < n; k++) {
          const pk = at(A, k * n + p), qk = at(A, k * n + q);
          const akp = load<f64>(pk), akq = load<f64>(qk);
          store<f64>(pk, c * akp - s * akq);
          store<f64>(qk, s * akp + c * akq);
        }
        // rows p, q of A, and rows p, q of V^T (contiguous)
        rotateRows(n, at(A, p * n), at(A, q * n), c, s);
        rotateRows(n, at(V, p * n), at(V, q * n), c, s);
      }
    }
  }
  // V = (V^T)^T in place
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = at(V, i * n + j), b = at(V, j * n + i);
      const t = load<f64>(a);
      store<f64>(a, load<f64>(b));
      store<f64>(b, t);
    }
}

/** x, y <- c x - s y, s x + c y (elementwise) */
@inline function rotateRows(n: i32, x: usize, y: usize, c: f64, s: f64): void {
  const vc = f64x2.splat(c), vs = f64x2.splat(s);
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 3;
    const a = v128.load(x + o), b = v128.load(y + o);
    v128.store(x + o, f64x2.sub(f64x2.mul(vc, a), f64x2.mul(vs, b)));
    v128.store(y + o, f64x2.add(f64x2.mul(vs, a), f64x2.mul(vc, b)));
  }
  if (k < n) {
    const o = <usize>k << 3;
    const a = load<f64>(x + o), b = load<f64>(y + o);
    store<f64>(x + o, c * a - s * b);
    store<f64>(y + o, s * a + c * b);
  }
}

/**
 * Gaussian elimination with partial pivoting on the k x k system M (row-major, overwritten), right-hand
 * side and solution in x. Returns 0 on a zero pivot, else 1.
 */
export function gaussSolve(k: i32, M: usize, x: usize): i32 {
  for (let c = 0; c < k; c++) {
    let p = c;
    let best = Math.abs(load<f64>(at(M, c * k + c)));
    for (let i = c + 1; i < k; i++) {
      const v = Math.abs(load<f64>(at(M, i * k + c)));
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best == 0) return 0;
    if (p != c) {
      for (let j = 0; j < k; j++) {
        const a = at(M, c * k + j), b = at(M, p * k + j);
        const t = load<f64>(a);
        store<f64>(a, load<f64>(b));
        store<f64>(b, t);
      }
      const xa = at(x, c), xb = at(x, p);
      const t = load<f64>(xa);
      store<f64>(xa, load<f64>(xb));
      store<f64>(xb, t);
    }
    const inv = 1 / load<f64>(at(M, c * k + c));
    const rc = at(M, c * k);
    const xc = load<f64>(at(x, c));
    for (let i = c + 1; i < k; i++) {
      const ri = at(M, i * k);
      const f = load<f64>(at(ri, c)) * inv;
      if (f == 0) continue;
      const vf = f64x2.splat(f);
      let j = c;
      for (; j + 2 <= k; j += 2) {
        const o = <usize>j << 3;
        v128.store(ri + o, f64x2.sub(v128.load(ri + o), f64x2.mul(vf, v128.load(rc + o))));
      }
      if (j < k) {
        const o = <usize>j << 3;
        store<f64>(ri + o, load<f64>(ri + o) - f * load<f64>(rc + o));
      }
      store<f64>(at(x, i), load<f64>(at(x, i)) - f * xc);
    }
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = load<f64>(at(x, i));
    for (let j = i + 1; j < k; j++) s -= load<f64>(at(M, i * k + j)) * load<f64>(at(x, j));
    store<f64>(at(x, i), s / load<f64>(at(M, i * k + i)));
  }
  return 1;
}

/** the linear cones' part of a Newton right-hand side: t = rz + wl o (dsT / lam) */
export function linNewtonRhs(n: i32, rz: usize, wl: usize, dsT: usize, lam: usize, t: usize): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(t + o, f64x2.add(v128.load(rz + o), f64x2.mul(v128.load(wl + o), f64x2.div(v128.load(dsT + o), v128.load(lam + o)))));
  }
  if (j < n) {
    const o = <usize>j << 3;
    store<f64>(t + o, load<f64>(rz + o) + load<f64>(wl + o) * (load<f64>(dsT + o) / load<f64>(lam + o)));
  }
}

/** the linear cones' back substitution of a Newton solve: ds = -rz + G dx, dz = w2i o (t - G dx) */
export function linNewtonBack(n: i32, rz: usize, gdx: usize, w2i: usize, t: usize, ds: usize, dz: usize): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    const g = v128.load(gdx + o);
    v128.store(ds + o, f64x2.add(f64x2.neg(v128.load(rz + o)), g));
    v128.store(dz + o, f64x2.mul(v128.load(w2i + o), f64x2.sub(v128.load(t + o), g)));
  }
  if (j < n) {
    const o = <usize>j << 3;
    const g = load<f64>(gdx + o);
    store<f64>(ds + o, -load<f64>(rz + o) + g);
    store<f64>(dz + o, load<f64>(w2i + o) * (load<f64>(t + o) - g));
  }
}
